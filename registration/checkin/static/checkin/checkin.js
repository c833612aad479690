// The check-in scanner: handheld scanner / typed input, camera scanning
// (BarcodeDetector, else the site's own copy of jsQR), manual search, undo,
// live counts, and scans kept offline and uploaded later (nonce + scanned_at).
(function () {
  "use strict";

  const root = document.getElementById("checkin");
  if (!root) return;
  const strings = JSON.parse(document.getElementById("checkin-strings").textContent);
  const eventId = Number(root.dataset.event);
  const gate = root.dataset.gate;
  const csrf = root.dataset.csrf;
  const QUEUE_KEY = "checkin-offline-" + eventId;

  const codeForm = document.getElementById("code-form");
  const codeInput = document.getElementById("code-input");
  const verdict = document.getElementById("verdict");
  const undoButton = document.getElementById("verdict-undo");
  const closeButton = document.getElementById("verdict-close");
  let lastScanId = null;

  // --- at a session's door (data-session): direction and inside now ----------
  // Kept small and apart: the offline scanner's rewrite carries it over.
  const sessionId = root.dataset.session ? Number(root.dataset.session) : null;
  function doorFields() {
    if (!sessionId) return {};
    const checked = root.querySelector('input[name="direction"]:checked');
    return { session: sessionId, direction: checked ? checked.value : "entry" };
  }
  function showInside(session) {
    const output = document.getElementById("session-inside");
    if (!output || !session) return;
    output.textContent = session.capacity == null ? String(session.inside) : session.inside + " / " + session.capacity;
  }
  root.querySelectorAll('input[name="direction"]').forEach((radio) =>
    radio.addEventListener("change", () => codeInput.focus())
  );

  function newNonce() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    return Date.now().toString(36) + "-" + Math.random().toString(36).slice(2, 12);
  }

  async function postJSON(url, payload) {
    const response = await fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf, Accept: "application/json" },
      body: JSON.stringify(payload),
    });
    return { status: response.status, body: await response.json().catch(() => null) };
  }

  // --- feedback: full-screen verdict and a sound --------------------------------
  let audio = null;
  function beep(kind) {
    try {
      audio = audio || new (window.AudioContext || window.webkitAudioContext)();
      const tones = { good: [[880, 0, 0.15]], warn: [[520, 0, 0.12], [520, 0.18, 0.12]], bad: [[200, 0, 0.45]] }[kind];
      for (const [frequency, start, length] of tones) {
        const oscillator = audio.createOscillator();
        const gain = audio.createGain();
        oscillator.type = kind === "bad" ? "square" : "sine";
        oscillator.frequency.value = frequency;
        gain.gain.value = 0.2;
        oscillator.connect(gain).connect(audio.destination);
        oscillator.start(audio.currentTime + start);
        oscillator.stop(audio.currentTime + start + length);
      }
    } catch (error) {
      /* no audio: the colour still tells */
    }
  }

  function tone(result) {
    if (result === "ok" || result === "undone") return "good";
    if (result === "left") return "good";
    if (result === "already_checked_in" || result === "offline" || result === "room_full") return "warn";
    return "bad";
  }

  function showVerdict(result, body) {
    const registration = body && body.registration;
    verdict.className = "verdict verdict--" + tone(result);
    verdict.dataset.result = result;
    document.getElementById("verdict-title").textContent = strings[result] || strings.invalid;
    document.getElementById("verdict-message").textContent = (body && body.message) || "";
    document.getElementById("verdict-name").textContent = registration ? registration.name : "";
    document.getElementById("verdict-organisation").textContent = registration
      ? [registration.organisation, registration.country].filter(Boolean).join(" · ")
      : "";
    // A badge of another event comes with the name and that event only.
    document.getElementById("verdict-category").textContent = (registration && registration.category) || "";
    const swatch = document.getElementById("verdict-swatch");
    const colour = registration && registration.category_colour;
    swatch.hidden = !colour;
    swatch.style.background = colour || "transparent";
    if (body && body.session) showInside(body.session);
    lastScanId = result === "ok" && body && !body.session ? body.scan : null;
    undoButton.hidden = !lastScanId;
    verdict.hidden = false;
    beep(tone(result));
  }

  function closeVerdict() {
    verdict.hidden = true;
    codeInput.focus();
  }

  closeButton.addEventListener("click", closeVerdict);
  verdict.addEventListener("click", (event) => {
    if (event.target === verdict) closeVerdict();
  });
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && !verdict.hidden) closeVerdict();
  });

  undoButton.addEventListener("click", async () => {
    if (!lastScanId) return;
    const { status, body } = await postJSON(root.dataset.undoUrl, { scan: lastScanId });
    showVerdict(status === 200 ? "undone" : "invalid", body);
    refreshCounts();
    codeInput.focus();
  });

  // --- the always-focused input (handheld scanners type the code + Enter) ------
  function keepFocus() {
    const active = document.activeElement;
    if (!active || active === document.body || active === root) codeInput.focus();
  }
  codeInput.addEventListener("blur", () => setTimeout(keepFocus, 50));
  document.addEventListener("click", () => setTimeout(keepFocus, 50));
  window.addEventListener("focus", keepFocus);

  async function submitScan(payload) {
    try {
      const { status, body } = await postJSON(root.dataset.scanUrl, payload);
      if (status === 200 && body) {
        showVerdict(body.result, body);
        refreshCounts();
        return true;
      }
      if (status === 401 || status === 403) {
        showVerdict("invalid", body);
        return true;
      }
      showVerdict("invalid", body || { message: strings.error });
      return true;
    } catch (networkError) {
      return false;
    }
  }

  async function scanCode(code) {
    code = code.trim();
    if (!code) return;
    const payload = Object.assign({ code: code, event: eventId, gate: gate, nonce: newNonce() }, doorFields());
    const sent = await submitScan(payload);
    if (!sent) {
      payload.scanned_at = new Date().toISOString();
      const queue = loadQueue();
      queue.push(payload);
      saveQueue(queue);
      showVerdict("offline", { message: strings.offline_message });
    }
  }

  codeForm.addEventListener("submit", (event) => {
    event.preventDefault();
    const code = codeInput.value;
    codeInput.value = "";
    codeInput.focus();
    scanCode(code);
  });

  // --- scans made offline: kept in localStorage, sent when the network is back --
  function loadQueue() {
    try {
      return JSON.parse(localStorage.getItem(QUEUE_KEY) || "[]");
    } catch (error) {
      return [];
    }
  }
  function saveQueue(queue) {
    localStorage.setItem(QUEUE_KEY, JSON.stringify(queue));
    document.getElementById("offline-status").textContent = queue.length ? strings.pending + " " + queue.length : "";
  }
  async function flushQueue() {
    let queue = loadQueue();
    while (queue.length) {
      try {
        const { status } = await postJSON(root.dataset.scanUrl, queue[0]);
        // The server is down, or pauses this scanner (too many invalid
        // badges): keep the scan and try again later.
        if (status >= 500 || status === 429) break;
      } catch (networkError) {
        break;
      }
      queue = queue.slice(1);
      saveQueue(queue);
    }
    if (!queue.length) saveQueue(queue);
  }
  setInterval(flushQueue, 15000);
  window.addEventListener("online", flushQueue);
  flushQueue();

  // --- live counts ------------------------------------------------------------------
  async function refreshCounts() {
    try {
      const door = sessionId ? "&session=" + sessionId : "";
      const response = await fetch(root.dataset.countsUrl + "?event=" + eventId + door, { credentials: "same-origin" });
      if (!response.ok) return;
      const counts = await response.json();
      showInside(counts.session);
      document.getElementById("count-checked-in").textContent = counts.checked_in;
      document.getElementById("count-confirmed").textContent = counts.confirmed;
      const tbody = document.getElementById("count-categories");
      tbody.replaceChildren(
        ...counts.categories.map((row) => {
          const tr = document.createElement("tr");
          const name = document.createElement("td");
          const swatch = document.createElement("span");
          swatch.className = "checkin__swatch";
          swatch.style.background = row.colour;
          name.append(swatch, row.category);
          const checkedIn = document.createElement("td");
          checkedIn.textContent = row.checked_in;
          const confirmed = document.createElement("td");
          confirmed.textContent = row.confirmed;
          tr.append(name, checkedIn, confirmed);
          return tr;
        })
      );
    } catch (networkError) {
      /* counts refresh on the next tick */
    }
  }
  setInterval(refreshCounts, 10000);

  // --- manual search and check-in ------------------------------------------------
  const searchForm = document.getElementById("search-form");
  const searchInput = document.getElementById("search-input");
  const searchResults = document.getElementById("search-results");
  const searchStatus = document.getElementById("search-status");

  searchForm.addEventListener("submit", async (event) => {
    event.preventDefault();
    const query = searchInput.value.trim();
    if (!query) return;
    const url = root.dataset.searchUrl + "?event=" + eventId + "&q=" + encodeURIComponent(query);
    const response = await fetch(url, { credentials: "same-origin" });
    const body = await response.json().catch(() => ({ results: [] }));
    searchResults.replaceChildren();
    searchStatus.textContent = body.results && body.results.length ? "" : strings.no_results;
    for (const person of body.results || []) {
      const item = document.createElement("li");
      item.className = "card checkin__result";
      const text = document.createElement("p");
      const name = document.createElement("strong");
      name.textContent = person.name;
      text.append(name, " · " + [person.organisation, person.category, person.reference].join(" · "));
      item.append(text);
      if (person.checked_in_time) {
        const when = document.createElement("p");
        when.className = "helptext";
        when.textContent = strings.checked_in_at + " " + person.checked_in_time + (person.checked_in_gate ? " (" + person.checked_in_gate + ")" : "");
        item.append(when);
      }
      const button = document.createElement("button");
      button.type = "button";
      button.className = "button button--small";
      button.textContent = strings.check_in + " " + person.name;
      button.addEventListener("click", async () => {
        const { status, body: answer } = await postJSON(
          root.dataset.manualUrl,
          Object.assign({ event: eventId, reference: person.reference, gate: gate, nonce: newNonce() }, doorFields())
        );
        showVerdict(status === 200 ? answer.result : "invalid", answer);
        refreshCounts();
      });
      item.append(button);
      searchResults.append(item);
    }
  });

  // --- camera: BarcodeDetector where present, else jsQR served by this site -----
  const cameraToggle = document.getElementById("camera-toggle");
  const cameraStatus = document.getElementById("camera-status");
  const video = document.getElementById("camera-video");
  let stream = null;
  let detector = null;
  let canvas = null;
  // A code read again within this time of its last sighting is the same
  // badge still held up to the camera: sent once, not again every few
  // seconds (which turned the green verdict amber and logged a scan each
  // time). Shown again after leaving the picture, it is a new scan.
  const SAME_BADGE_GAP_MS = 3000;
  let lastCode = "";
  let lastSeenAt = 0;

  function loadJsQR() {
    return new Promise((resolve, reject) => {
      if (window.jsQR) return resolve(window.jsQR);
      if (!root.dataset.jsqrUrl) return reject(new Error("jsQR is not installed"));
      const script = document.createElement("script");
      script.src = root.dataset.jsqrUrl;
      script.onload = () => resolve(window.jsQR);
      script.onerror = reject;
      document.head.append(script);
    });
  }

  async function decodeFrame() {
    if (detector) {
      const codes = await detector.detect(video);
      return codes.length ? codes[0].rawValue : null;
    }
    canvas = canvas || document.createElement("canvas");
    canvas.width = video.videoWidth;
    canvas.height = video.videoHeight;
    if (!canvas.width) return null;
    const context = canvas.getContext("2d", { willReadFrequently: true });
    context.drawImage(video, 0, 0);
    const image = context.getImageData(0, 0, canvas.width, canvas.height);
    const found = window.jsQR(image.data, image.width, image.height, { inversionAttempts: "dontInvert" });
    return found ? found.data : null;
  }

  async function scanLoop() {
    if (!stream) return;
    try {
      const code = await decodeFrame();
      if (code) {
        const stillInView = code === lastCode && Date.now() - lastSeenAt < SAME_BADGE_GAP_MS;
        if (!stillInView) {
          lastCode = code;
          await scanCode(code);
        }
        lastSeenAt = Date.now();
      }
    } catch (error) {
      /* a frame that cannot be read: try the next one */
    }
    setTimeout(() => requestAnimationFrame(scanLoop), 120);
  }

  async function startCamera() {
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
      cameraStatus.textContent = strings.camera_unavailable;
      return;
    }
    try {
      if ("BarcodeDetector" in window) {
        const formats = await window.BarcodeDetector.getSupportedFormats();
        if (formats.includes("qr_code")) detector = new window.BarcodeDetector({ formats: ["qr_code"] });
      }
      if (!detector) await loadJsQR();
      stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false });
      lastCode = "";
    } catch (error) {
      cameraStatus.textContent = strings.camera_unavailable;
      return;
    }
    video.srcObject = stream;
    video.hidden = false;
    await video.play();
    cameraToggle.textContent = strings.camera_stop;
    cameraToggle.setAttribute("aria-pressed", "true");
    cameraStatus.textContent = strings.camera_running;
    scanLoop();
  }

  function stopCamera() {
    if (stream) stream.getTracks().forEach((track) => track.stop());
    stream = null;
    video.hidden = true;
    cameraToggle.textContent = strings.camera_start;
    cameraToggle.setAttribute("aria-pressed", "false");
    cameraStatus.textContent = "";
  }

  cameraToggle.addEventListener("click", () => (stream ? stopCamera() : startCamera()));

  codeInput.focus();
})();
