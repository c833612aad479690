// The check-in scanner: handheld scanner / typed input, camera, manual
// search, undo, live counts; with the network gone, verdicts from this
// device's list (verify.js) and scans queued for upload (sync.js). Staff
// pages call the API with the signed-in session; a registered device's
// page (data-mode="device") with the token kept in IndexedDB.
(function () {
  "use strict";

  const App = window.CheckinApp;
  const root = document.getElementById("checkin");
  if (!root || !App || !App.store) return;
  const { store, ui, verify, sync } = App;
  const ROSTER_EVERY_MS = 60000;
  const UPLOAD_EVERY_MS = 15000;
  const COUNTS_EVERY_MS = 10000;
  // Longer than this for a verdict, and the door gives the device's own.
  const SCAN_TIMEOUT_MS = 4000;
  const MAX_CODE_LENGTH = 200; // what the server keeps of a code

  const app = {
    strings: JSON.parse(document.getElementById("checkin-strings").textContent),
    mode: root.dataset.mode,
    eventId: Number(root.dataset.event) || null,
    gate: root.dataset.gate,
    sessionId: Number(root.dataset.session) || null,
    urls: {
      scan: root.dataset.scanUrl,
      manual: root.dataset.manualUrl,
      undo: root.dataset.undoUrl,
      search: root.dataset.searchUrl,
      counts: root.dataset.countsUrl,
      roster: root.dataset.rosterUrl,
      sync: root.dataset.syncUrl,
      login: root.dataset.loginUrl,
      worker: root.dataset.swUrl,
    },
    token: null,
    deviceId: null,
    roster: null,
    checkins: new Map(), // reference -> ISO time, people this device let in
    queueCount: 0,
    reachable: navigator.onLine,
    signIn: false,
    revoked: false,
    uploading: false,
    timers: [],
    connection: null,
  };
  window.checkinVerdictTimes = []; // ms from the code read to the verdict drawn
  window.checkinFrameTimes = []; // ... and to the next frame, where it is painted
  const codeForm = document.getElementById("code-form");
  const codeInput = document.getElementById("code-input");
  const verdictBox = document.getElementById("verdict");
  const undoButton = document.getElementById("verdict-undo");
  let lastScanId = null;
  let markStartedUp = null;
  const startUp = new Promise((resolve) => (markStartedUp = resolve));

  const render = () => ui.renderBanner(app);

  function direction() {
    const checked = document.querySelector('input[name="direction"]:checked');
    return checked ? checked.value : "entry";
  }

  // Choosing entry or exit at a door gives the code field the focus back,
  // so the handheld scanner's next code lands there.
  document.querySelectorAll('input[name="direction"]').forEach((radio) =>
    radio.addEventListener("change", () => codeInput.focus())
  );

  function show(result, body, options) {
    ui.showVerdict(app.strings, result, body, options);
    // A door scan records attendance, not a check-in: nothing to undo there.
    lastScanId = result === "ok" && !app.sessionId && body && body.scan ? body.scan : null;
    undoButton.hidden = !lastScanId;
  }

  async function refreshQueueCount() {
    const queued = await store.all("queue");
    app.queueCount = queued.filter((scan) => scan.event === app.eventId).length;
    render();
  }

  async function rememberCheckIn(reference, at) {
    app.checkins.set(reference, at);
    await store.put("checkins", { key: app.eventId + ":" + reference, event: app.eventId, reference: reference, at: at });
  }

  // --- scanning ---------------------------------------------------------------
  async function scanOnline(payload) {
    const { status, body } = await app.connection.call(app.urls.scan, {
      method: "POST",
      payload: payload,
      timeout: SCAN_TIMEOUT_MS,
    });
    if (app.revoked) return true; // the device is being wiped: no verdict
    if (status === 200 && body) {
      show(body.result, body);
      ui.renderInside(app.strings, body.session);
      if (body.result === "ok" && body.registration && body.registration.reference && !app.sessionId) {
        await rememberCheckIn(body.registration.reference, new Date().toISOString());
      }
      refreshCounts();
      return true;
    }
    if (status === 401 || status === 403) {
      app.signIn = true; // the session ended: staff sign in again, the scan waits in the queue
      render();
    }
    if (status === 401 || status === 403 || status === 429 || status >= 500) return false; // judged here
    show("invalid", body || { message: app.strings.error });
    return true;
  }

  async function scanOffline(code, nonce) {
    const roster = app.roster || new verify.Roster({ event: app.eventId });
    const verdict = await verify.offlineVerdict(roster, code, {
      checkins: app.checkins,
      sessionId: app.sessionId,
      direction: direction(),
      strings: app.strings,
    });
    show(verdict.result, { message: verdict.message, registration: verdict.registration }, { offline: true });
    const scan = {
      nonce: nonce,
      event: app.eventId,
      code: code.slice(0, MAX_CODE_LENGTH), // a long non-badge code must not block the upload
      scanned_at: new Date().toISOString(),
      gate: app.gate,
      session: app.sessionId,
      direction: direction(),
      device_result: verdict.deviceResult,
      name: verdict.registration ? verdict.registration.name : "",
    };
    return { verdict, scan };
  }

  // The time from the code read to the verdict drawn, for the benchmark.
  function timed(started) {
    window.checkinVerdictTimes.push(performance.now() - started);
    requestAnimationFrame(() => {
      window.checkinFrameTimes.push(performance.now() - started);
      root.dataset.verdicts = String(window.checkinFrameTimes.length);
    });
  }

  async function scanCode(code, started = performance.now()) {
    code = code.trim();
    await startUp; // a badge typed while the page starts waits for its data
    if (!code || app.revoked || !app.eventId) return;
    const nonce = store.newId();
    if (navigator.onLine && app.reachable) {
      const payload = { code, event: app.eventId, gate: app.gate, nonce, session: app.sessionId, direction: direction() };
      try {
        if (await scanOnline(payload)) {
          timed(started);
          return;
        }
      } catch (error) {
        if (!(error instanceof sync.NetworkError)) throw error;
      }
    }
    const { verdict, scan } = await scanOffline(code, nonce);
    timed(started);
    await store.put("queue", scan);
    if (verdict.checkIn) await rememberCheckIn(verdict.checkIn, scan.scanned_at);
    await refreshQueueCount();
  }

  // One scan after the other: a badge read twice in a row must find the
  // first read's check-in, not race it to a second green.
  let scanning = Promise.resolve();
  function enqueueScan(code) {
    const started = performance.now();
    scanning = scanning.then(() => scanCode(code, started)).catch(() => null);
    return scanning;
  }

  codeForm.addEventListener("submit", (event) => {
    event.preventDefault();
    const code = codeInput.value;
    codeInput.value = "";
    codeInput.focus();
    enqueueScan(code);
  });

  // --- the verdict overlay and the always-focused input -------------------------
  function closeVerdict() {
    verdictBox.hidden = true;
    codeInput.focus();
  }
  document.getElementById("verdict-close").addEventListener("click", closeVerdict);
  verdictBox.addEventListener("click", (event) => {
    if (event.target === verdictBox) closeVerdict();
  });
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && !verdictBox.hidden) closeVerdict();
  });
  undoButton.addEventListener("click", async () => {
    if (!lastScanId) return;
    try {
      const { status, body } = await app.connection.call(app.urls.undo, { method: "POST", payload: { scan: lastScanId } });
      show(status === 200 ? "undone" : "invalid", body);
    } catch (error) {
      show("invalid", { message: app.strings.error });
    }
    refreshCounts();
    codeInput.focus();
  });
  function keepFocus() {
    const active = document.activeElement;
    if (!active || active === document.body || active === root) codeInput.focus();
  }
  codeInput.addEventListener("blur", () => setTimeout(keepFocus, 50));
  document.addEventListener("click", () => setTimeout(keepFocus, 50));
  window.addEventListener("focus", keepFocus);

  // --- with the server: counts, roster, upload ------------------------------------
  async function refreshCounts() {
    if (!app.eventId || app.revoked) return;
    try {
      const door = app.sessionId ? "&session=" + app.sessionId : "";
      const { status, body } = await app.connection.call(app.urls.counts + "?event=" + app.eventId + door);
      if (status === 200 && body) {
        ui.renderCounts(body);
        ui.renderInside(app.strings, body.session); // what the room's other doors let in and out
      }
    } catch (error) {
      /* counts refresh on the next tick */
    }
  }

  async function refreshRoster() {
    if (app.revoked || !navigator.onLine) return;
    const status = await sync.refreshRoster(app);
    if (status === 403) {
      // No longer allowed at this event: what this device knows of its people goes.
      await store.forgetPeople(app.eventId);
      app.roster = null;
      app.checkins.clear();
      delete root.dataset.roster;
    }
    if (status === 200) {
      root.dataset.roster = "loaded";
      if (app.mode === "device" && app.roster.info.title) {
        document.getElementById("checkin-title").textContent = app.roster.info.title;
      }
    }
    render();
  }

  async function upload() {
    if (app.uploading || app.revoked || !navigator.onLine) return;
    app.uploading = true;
    try {
      const outcome = await sync.uploadQueue(app);
      if (outcome === "done") app.signIn = false;
      if (outcome === "sign_in") app.signIn = true;
      if (outcome !== "revoked") {
        await refreshQueueCount();
        ui.renderSent(app, await store.all("results"));
      }
      if (outcome === "done") refreshCounts();
    } finally {
      app.uploading = false;
      render();
    }
  }

  // A revoked device: everything it kept is wiped, and it stops.
  async function revoke() {
    if (app.revoked) return;
    app.revoked = true;
    app.timers.forEach(clearInterval);
    await store.wipe();
    app.roster = null;
    app.checkins.clear();
    app.queueCount = 0;
    codeInput.disabled = true;
    document.getElementById("sent-scans").replaceChildren();
    root.dataset.revoked = "true";
    render();
  }

  // --- the service worker: the page opens again without the network --------------
  async function installWorker() {
    if (!("serviceWorker" in navigator)) return;
    try {
      await navigator.serviceWorker.register(app.urls.worker);
      const registration = await navigator.serviceWorker.ready;
      const kept = await new Promise((resolve) => {
        const channel = new MessageChannel();
        channel.port1.onmessage = (event) => resolve(Boolean(event.data && event.data.kept));
        registration.active.postMessage({ type: "keep-page", url: location.href }, [channel.port2]);
      });
      if (kept) root.dataset.shell = "kept";
    } catch (error) {
      /* no service worker (private window, old browser): online only */
    }
  }

  // --- start -------------------------------------------------------------------------
  async function deviceConfig() {
    if (app.mode !== "device") return true;
    const config = await store.get("config", "device-config");
    if (!config) {
      document.getElementById("device-missing").hidden = false;
      codeForm.hidden = true;
      return false;
    }
    app.token = config.token;
    app.eventId = Number(config.event);
    document.getElementById("checkin-title").textContent = config.event_title || "";
    return true;
  }

  async function loadKept() {
    const record = await store.get("rosters", app.eventId);
    if (record) {
      app.roster = new verify.Roster(record);
      root.dataset.roster = "kept";
    }
    for (const row of await store.all("checkins")) {
      if (row.event === app.eventId) app.checkins.set(row.reference, row.at);
    }
    ui.renderSent(app, await store.all("results"));
    await refreshQueueCount();
  }

  // Signing out from the scanner forgets the people this browser kept
  // (the queue stays for whoever signs in next).
  function forgetOnSignOut() {
    const form = document.querySelector('form[action="' + root.dataset.logoutUrl + '"]');
    if (!form) return;
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      try {
        await store.forgetPeople();
      } finally {
        form.submit();
      }
    });
  }

  async function start() {
    installWorker();
    forgetOnSignOut();
    app.deviceId = await store.deviceId();
    await store.migrateLegacyQueue();
    if (!(await deviceConfig())) return;
    app.connection = new sync.Connection({
      token: app.token,
      onReachable: (reachable) => {
        const changed = reachable !== app.reachable;
        app.reachable = reachable;
        if (changed) render();
      },
      onRevoked: revoke,
    });
    await loadKept();
    markStartedUp();
    App.setUpSearch(app, show, refreshCounts, direction);
    App.setUpCamera(root, app.strings, enqueueScan);
    render();
    await refreshRoster();
    upload();
    if (app.mode === "device") refreshCounts();
    app.timers.push(setInterval(refreshRoster, ROSTER_EVERY_MS));
    app.timers.push(setInterval(upload, UPLOAD_EVERY_MS));
    app.timers.push(setInterval(refreshCounts, COUNTS_EVERY_MS));
    window.addEventListener("online", () => {
      app.reachable = true;
      render();
      upload().then(refreshRoster);
    });
    window.addEventListener("offline", render);
    root.dataset.started = "true";
  }

  App.app = app; // for the browser tests and the benchmark
  codeInput.focus();
  start();
})();
