// The scanner's conversation with the server: each API call (with the
// device's token, or the signed-in session's current CSRF cookie), the
// roster's download and refresh, and the upload of the queued scans.
(function () {
  "use strict";

  const App = (window.CheckinApp = window.CheckinApp || {});
  const BATCH = 100; // the sync API takes at most this many scans a request
  const RESULTS_KEPT = 500;
  const CALL_TIMEOUT_MS = 20000;

  class NetworkError extends Error {}

  // The CSRF token of the current session, read for each call: the one a
  // page kept by the service worker was drawn with may be stale.
  function csrfToken() {
    const cookie = document.cookie.split("; ").find((part) => part.startsWith("csrftoken="));
    return cookie ? decodeURIComponent(cookie.slice("csrftoken=".length)) : "";
  }

  // One API caller per page: `token` for a registered device, else the
  // signed-in session. Tells `onReachable` whether the server answered,
  // and `onRevoked` when the device's token was revoked.
  class Connection {
    constructor({ token, onReachable, onRevoked }) {
      this.token = token || null;
      this.onReachable = onReachable;
      this.onRevoked = onRevoked;
    }

    // A venue's Wi-Fi often hangs rather than fails: a call not answered
    // within `timeout` ms counts as no network.
    async call(url, { method = "GET", payload = null, timeout = CALL_TIMEOUT_MS } = {}) {
      const headers = { Accept: "application/json" };
      if (payload) headers["Content-Type"] = "application/json";
      if (this.token) headers.Authorization = "Token " + this.token;
      else if (method !== "GET") headers["X-CSRFToken"] = csrfToken();
      let response;
      const abort = new AbortController();
      const timer = setTimeout(() => abort.abort(), timeout);
      try {
        response = await fetch(url, {
          method: method,
          headers: headers,
          credentials: this.token ? "omit" : "same-origin",
          cache: "no-store",
          body: payload ? JSON.stringify(payload) : undefined,
          signal: abort.signal,
        });
      } catch (error) {
        this.onReachable(false);
        throw new NetworkError(String(error));
      } finally {
        clearTimeout(timer);
      }
      this.onReachable(true);
      const body = await response.json().catch(() => null);
      if (response.status === 401 && body && body.code === "device_revoked") {
        await this.onRevoked();
      }
      return { status: response.status, body: body };
    }
  }

  function withQuery(url, params) {
    const query = new URLSearchParams(params).toString();
    return url + (url.includes("?") ? "&" : "?") + query;
  }

  // Download the event's roster (everything the first time, then what
  // changed since the last cursor) into `app.roster`, and keep it. The
  // HTTP status, or null without the network.
  async function refreshRoster(app) {
    const { Roster } = App.verify;
    const roster = app.roster || new Roster({ event: app.eventId });
    const params = { event: app.eventId };
    if (roster.cursor && roster.knownCount() === roster.total) params.since = roster.cursor;
    let answer;
    try {
      answer = await app.connection.call(withQuery(app.urls.roster, params));
      if (answer.status !== 200 || !answer.body) return answer.status;
      roster.apply(answer.body);
      if (!answer.body.full && roster.knownCount() !== answer.body.total) {
        delete params.since;
        answer = await app.connection.call(withQuery(app.urls.roster, params));
        if (answer.status !== 200 || !answer.body) return answer.status;
        roster.apply(answer.body);
      }
    } catch (error) {
      if (error instanceof NetworkError) return null;
      throw error;
    }
    app.roster = roster;
    await App.store.put("rosters", roster.toRecord());
    return 200;
  }

  function uploadable(scan) {
    const { code, nonce, scanned_at, gate, session, direction, device_result } = scan;
    return { code, nonce, scanned_at, gate, session, direction, device_result };
  }

  // What the device keeps of the server's answer to one uploaded scan.
  function sentRecord(scan, answer) {
    const registration = (answer && answer.registration) || null;
    return {
      nonce: scan.nonce,
      event: scan.event,
      scanned_at: scan.scanned_at,
      sent_at: new Date().toISOString(),
      device_result: scan.device_result,
      result: answer.result || null,
      message: answer.message || "",
      name: registration ? registration.name : scan.name || "",
      conflict: Boolean(answer.conflict),
      error: answer.error || "",
    };
  }

  async function pruneResults() {
    const results = await App.store.all("results");
    if (results.length <= RESULTS_KEPT) return;
    results.sort((a, b) => (a.sent_at < b.sent_at ? -1 : 1));
    await App.store.removeMany(
      "results",
      results.slice(0, results.length - RESULTS_KEPT).map((result) => result.nonce)
    );
  }

  // Upload the event's queued scans, oldest first, in batches. Each scan
  // the server answered leaves the queue and its verdict is kept; the rest
  // stay. Returns "done", "offline", "sign_in" (401/403: the session ended
  // or the token was refused), "revoked" or "later" (429, 5xx).
  async function uploadQueue(app) {
    let queued = (await App.store.all("queue")).filter((scan) => scan.event === app.eventId);
    queued.sort((a, b) => (a.scanned_at < b.scanned_at ? -1 : 1));
    while (queued.length) {
      const batch = queued.slice(0, BATCH);
      const payload = { event: app.eventId, device: app.deviceId, scans: batch.map(uploadable) };
      let answer;
      try {
        answer = await app.connection.call(app.urls.sync, { method: "POST", payload: payload });
      } catch (error) {
        if (error instanceof NetworkError) return "offline";
        throw error;
      }
      if (app.revoked) return "revoked";
      if (answer.status === 401 || answer.status === 403) return "sign_in";
      if (answer.status !== 200 || !answer.body || !Array.isArray(answer.body.results)) return "later";
      const records = batch.map((scan, index) => sentRecord(scan, answer.body.results[index] || {}));
      await App.store.putMany("results", records);
      await App.store.removeMany(
        "queue",
        batch.map((scan) => scan.nonce)
      );
      queued = queued.slice(BATCH);
    }
    await pruneResults();
    return "done";
  }

  App.sync = { Connection, NetworkError, refreshRoster, uploadQueue, csrfToken };
})();
