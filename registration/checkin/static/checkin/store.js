// The scanner's data on this device, in IndexedDB (one database, one store
// per kind of data), for every scanner page and the device set-up page:
//   config    the device's id (a random UUID made once) and, on a registered
//             device, its token and event ("device-config")
//   rosters   per event: people, revocations, keys, categories, sessions,
//             cursor and total, as the roster API gave them
//   queue     scans made without the network, waiting to be uploaded
//   checkins  people this device let in (event + reference -> time)
//   results   the server's verdicts on uploaded scans (conflicts included)
// Scans queued in localStorage by the scanner's earlier version move here
// once, and leave localStorage.
(function () {
  "use strict";

  const App = (window.CheckinApp = window.CheckinApp || {});
  const DB_NAME = "forum-checkin";
  const DB_VERSION = 1;
  const STORES = { config: "name", rosters: "event", queue: "nonce", checkins: "key", results: "nonce" };
  const LEGACY_QUEUE_PREFIX = "checkin-offline-";
  let opening = null;

  function open() {
    opening =
      opening ||
      new Promise((resolve, reject) => {
        const request = indexedDB.open(DB_NAME, DB_VERSION);
        request.onupgradeneeded = () => {
          for (const [name, keyPath] of Object.entries(STORES)) {
            if (!request.result.objectStoreNames.contains(name)) request.result.createObjectStore(name, { keyPath });
          }
        };
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
    return opening;
  }

  // One transaction on one store; resolves with what the last request
  // gave once the transaction is committed.
  function run(storeName, mode, work) {
    return open().then(
      (db) =>
        new Promise((resolve, reject) => {
          const transaction = db.transaction(storeName, mode);
          const request = work(transaction.objectStore(storeName));
          transaction.oncomplete = () => resolve(request ? request.result : undefined);
          transaction.onerror = transaction.onabort = () => reject(transaction.error);
        })
    );
  }

  const store = {
    get: (name, key) => run(name, "readonly", (objects) => objects.get(key)),
    all: (name) => run(name, "readonly", (objects) => objects.getAll()),
    count: (name) => run(name, "readonly", (objects) => objects.count()),
    put: (name, value) => run(name, "readwrite", (objects) => objects.put(value)),
    remove: (name, key) => run(name, "readwrite", (objects) => objects.delete(key)),
    putMany(name, values) {
      return run(name, "readwrite", (objects) => {
        let last = null;
        for (const value of values) last = objects.put(value);
        return last;
      });
    },
    removeMany(name, keys) {
      return run(name, "readwrite", (objects) => {
        let last = null;
        for (const key of keys) last = objects.delete(key);
        return last;
      });
    },
    // Everything this app keeps on the device, gone (a revoked device).
    wipe() {
      return open().then(
        (db) =>
          new Promise((resolve, reject) => {
            const names = Object.keys(STORES);
            const transaction = db.transaction(names, "readwrite");
            for (const name of names) transaction.objectStore(name).clear();
            transaction.oncomplete = () => resolve();
            transaction.onerror = transaction.onabort = () => reject(transaction.error);
          })
      );
    },
    // The people this device knows of an event (every event when none is
    // given): its roster, check-ins and verdicts; the queue stays, to be
    // uploaded by whoever signs in next. For staff who sign out, or who may
    // no longer check people in at the event.
    forgetPeople(eventId) {
      return open().then(
        (db) =>
          new Promise((resolve, reject) => {
            const names = ["rosters", "checkins", "results"];
            const transaction = db.transaction(names, "readwrite");
            if (eventId === undefined) {
              for (const name of names) transaction.objectStore(name).clear();
            } else {
              transaction.objectStore("rosters").delete(eventId);
              for (const name of ["checkins", "results"]) {
                const objects = transaction.objectStore(name);
                objects.getAll().onsuccess = (found) => {
                  for (const row of found.target.result) {
                    if (row.event === eventId) objects.delete(objects.keyPath === "key" ? row.key : row.nonce);
                  }
                };
              }
            }
            transaction.oncomplete = () => resolve();
            transaction.onerror = transaction.onabort = () => reject(transaction.error);
          })
      );
    },
  };

  function newId() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    return Date.now().toString(36) + "-" + Math.random().toString(36).slice(2, 12);
  }

  // The device's id, sent with uploaded scans so that conflicts can say
  // which devices let the same person in.
  store.deviceId = async function () {
    const kept = await store.get("config", "device");
    if (kept) return kept.id;
    const id = newId();
    await store.put("config", { name: "device", id: id });
    return id;
  };

  // Scans the earlier scanner queued in localStorage (one key per event).
  store.migrateLegacyQueue = async function () {
    let keys;
    try {
      keys = Object.keys(localStorage).filter((key) => key.startsWith(LEGACY_QUEUE_PREFIX));
    } catch (error) {
      return 0;
    }
    let moved = 0;
    for (const key of keys) {
      const eventId = Number(key.slice(LEGACY_QUEUE_PREFIX.length));
      let scans = [];
      try {
        scans = JSON.parse(localStorage.getItem(key) || "[]");
      } catch (error) {
        scans = [];
      }
      const queued = (Array.isArray(scans) ? scans : [])
        .filter((scan) => scan && scan.code && scan.nonce)
        .map((scan) => ({
          nonce: scan.nonce,
          event: Number(scan.event) || eventId,
          code: scan.code,
          scanned_at: scan.scanned_at || new Date().toISOString(),
          gate: scan.gate || "",
          session: null,
          direction: "entry",
          device_result: "unknown",
        }));
      if (queued.length) await store.putMany("queue", queued);
      localStorage.removeItem(key);
      moved += queued.length;
    }
    return moved;
  };

  store.newId = newId;
  App.store = store;
})();
