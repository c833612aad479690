// What the scanner page shows: the full-screen verdict and its sound, the
// network banner (offline, scans waiting, sign in again, list refreshed),
// the list of sent scans with the server's verdicts, the counts.
(function () {
  "use strict";

  const App = (window.CheckinApp = window.CheckinApp || {});
  const SENT_SHOWN = 50;

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
    if (result === "ok" || result === "undone" || result === "left") return "good";
    if (result === "already_checked_in" || result === "offline") return "warn";
    return "bad";
  }

  function text(id, value) {
    document.getElementById(id).textContent = value;
  }

  // Draw the verdict; `offline` says it came from this device's list.
  function showVerdict(strings, result, body, { offline = false } = {}) {
    const verdict = document.getElementById("verdict");
    const registration = body && body.registration;
    verdict.className = "verdict verdict--" + tone(result);
    verdict.dataset.result = result;
    verdict.dataset.source = offline ? "device" : "server";
    text("verdict-title", strings[result] || strings.invalid);
    text("verdict-message", (body && body.message) || "");
    text("verdict-name", registration ? registration.name : "");
    text(
      "verdict-organisation",
      registration ? [registration.organisation, registration.country].filter(Boolean).join(" · ") : ""
    );
    // A badge of another event comes with the name and that event only.
    text("verdict-category", (registration && registration.category) || "");
    const swatch = document.getElementById("verdict-swatch");
    const colour = registration && registration.category_colour;
    swatch.hidden = !colour;
    swatch.style.background = colour || "transparent";
    verdict.hidden = false;
    // After the verdict is drawn: the first sound sets up audio, which takes time.
    setTimeout(() => beep(tone(result)), 0);
  }

  function fill(template, values) {
    return Object.entries(values).reduce((sentence, [key, value]) => sentence.replace("{" + key + "}", value), template);
  }

  // The banner: offline or not, scans waiting, whether staff must sign in
  // again, when the list of people was last refreshed.
  function renderBanner(app) {
    const strings = app.strings;
    const offline = !navigator.onLine || !app.reachable;
    const waiting = app.queueCount;
    const banner = document.getElementById("offline-banner");
    banner.classList.toggle("checkin__banner--offline", offline || app.revoked);
    let status = "";
    if (app.revoked) status = strings.device_revoked;
    else if (offline) status = fill(strings.offline_banner, { count: waiting });
    else if (waiting && !app.signIn) status = fill(strings.pending, { count: waiting });
    text("offline-status", status);
    const signIn = document.getElementById("signin-again");
    signIn.hidden = !app.signIn || app.revoked;
    if (app.signIn) {
      text("signin-again-text", fill(app.token ? strings.device_refused : strings.signin_again, { count: waiting }));
      const link = document.getElementById("signin-again-link");
      link.hidden = Boolean(app.token);
      link.href = app.urls.login + "?" + new URLSearchParams({ next: location.pathname + location.search });
    }
    const roster = app.roster;
    text(
      "roster-status",
      app.revoked
        ? ""
        : roster && roster.refreshedAt
          ? fill(strings.roster_refreshed, {
              time: App.verify.timeIn(roster.info.time_zone, roster.refreshedAt),
              count: roster.people.size,
            })
          : strings.roster_missing
    );
  }

  // The sent scans, most recent first; a conflict stands out.
  function renderSent(app, results) {
    const list = document.getElementById("sent-scans");
    const timeZone = app.roster ? app.roster.info.time_zone : "";
    const shown = results
      .filter((result) => result.event === app.eventId)
      .sort((a, b) => (a.sent_at === b.sent_at ? (a.scanned_at < b.scanned_at ? 1 : -1) : a.sent_at < b.sent_at ? 1 : -1))
      .slice(0, SENT_SHOWN);
    list.replaceChildren(
      ...shown.map((result) => {
        const item = document.createElement("li");
        item.className = "checkin__sent-item" + (result.conflict ? " checkin__sent-item--conflict" : "");
        item.dataset.nonce = result.nonce;
        item.dataset.result = result.result || "refused";
        const when = document.createElement("time");
        when.dateTime = result.scanned_at;
        when.textContent = App.verify.timeIn(timeZone, result.scanned_at);
        const verdict = result.error
          ? app.strings.sent_refused + " " + result.error
          : (app.strings[result.result] || app.strings.invalid) + ". " + result.message;
        const parts = [when, " ", result.name ? result.name + " · " : ""];
        if (result.conflict) {
          const label = document.createElement("strong");
          label.textContent = app.strings.sent_conflict;
          parts.push(label, " ");
        }
        parts.push(verdict);
        item.append(...parts);
        return item;
      })
    );
  }

  function renderCounts(counts) {
    text("count-checked-in", counts.checked_in);
    text("count-confirmed", counts.confirmed);
    document.getElementById("count-categories").replaceChildren(
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
  }

  // A session door's "inside now", from a scan answer that carries it.
  function renderInside(strings, session) {
    const output = document.getElementById("session-inside");
    if (!output || !session) return;
    output.textContent = session.capacity
      ? fill(strings.inside, { inside: session.inside, capacity: session.capacity })
      : fill(strings.inside_no_capacity, { inside: session.inside });
  }

  App.ui = { showVerdict, renderBanner, renderSent, renderCounts, renderInside, fill };
})();
