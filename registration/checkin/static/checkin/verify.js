// Verdicts without the network, from the roster this device downloaded
// (roster.py on the server): the badge's Ed25519 signature checked with the
// event's public key of the badge's key id (WebCrypto), then the revocation
// list, the people, this device's own check-ins and, at a session's door,
// who is invited. Badges in the older FB1 format carry a MAC only the
// server can check: they are kept for the server's verdict.
(function () {
  "use strict";

  const App = (window.CheckinApp = window.CheckinApp || {});
  const FB2 = /^FB2\.([1-9][0-9]{0,3})\.([A-Z2-9]{4,12})\.([1-9][0-9]{0,5})\.([A-Z2-7]{103})$/;
  const FB1 = /^FB1\.([A-Z2-9]{4,12})\.([1-9][0-9]{0,5})\.([A-Z2-7]{24})$/;
  const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

  function base32Bytes(text) {
    const bytes = new Uint8Array(Math.floor((text.length * 5) / 8));
    let buffer = 0;
    let bits = 0;
    let index = 0;
    for (const character of text) {
      buffer = (buffer << 5) | BASE32.indexOf(character);
      bits += 5;
      if (bits >= 8) {
        bits -= 8;
        bytes[index++] = (buffer >> bits) & 0xff;
      }
    }
    return bytes;
  }

  function base64urlBytes(text) {
    const plain = atob(text.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((text.length + 3) % 4));
    return Uint8Array.from(plain, (character) => character.charCodeAt(0));
  }

  // The badge's parts, or null for text that is no badge of ours. Case and
  // blanks are forgiven, as the server does (handheld scanners, caps lock).
  function parseCode(code) {
    const text = String(code).trim().toUpperCase();
    let match = FB2.exec(text);
    if (match) {
      return {
        legacy: false,
        kid: Number(match[1]),
        reference: match[2],
        version: Number(match[3]),
        signed: new TextEncoder().encode(text.slice(0, text.lastIndexOf("."))),
        signature: base32Bytes(match[4]),
      };
    }
    match = FB1.exec(text);
    if (match) return { legacy: true, kid: null, reference: match[1], version: Number(match[2]) };
    return null;
  }

  // An event's roster in memory: maps by reference, kept up to date with
  // the deltas of later downloads.
  class Roster {
    constructor(data) {
      this.eventId = data.event;
      this.info = data.info || {};
      this.cursor = data.cursor || null;
      this.total = data.total || 0;
      this.refreshedAt = data.refreshedAt || null;
      this.people = new Map((data.people || []).map((row) => [row[0], row]));
      this.revoked = new Map((data.revoked || []).map((row) => [row[0], row]));
      this.categories = new Map((data.categories || []).map((row) => [row[0], row]));
      this.sessions = new Map((data.sessions || []).map((session) => [session.id, session]));
      this.setKeys(data.keys || []);
    }

    setKeys(keys) {
      const text = JSON.stringify(keys);
      if (text === this.keysText) return;
      this.keysText = text;
      this.keys = keys;
      this.imported = new Map(); // kid -> Promise of a CryptoKey, imported once
      // Imported now rather than at the first badge, which would wait for it.
      for (const key of keys) this.publicKey(key.kid).catch(() => null);
    }

    // Apply a roster answer: everything (full) or the rows changed since
    // the cursor, a reference moving between people and revoked.
    apply(answer) {
      if (answer.full) {
        this.people.clear();
        this.revoked.clear();
      }
      for (const row of answer.people.concat(answer.revoked)) {
        this.people.delete(row[0]);
        this.revoked.delete(row[0]);
      }
      for (const row of answer.people) this.people.set(row[0], row);
      for (const row of answer.revoked) this.revoked.set(row[0], row);
      this.info = answer.event || this.info;
      this.cursor = answer.cursor;
      this.total = answer.total;
      this.categories = new Map(answer.categories.map((row) => [row[0], row]));
      if (answer.sessions) this.sessions = new Map(answer.sessions.map((session) => [session.id, session]));
      this.setKeys(answer.keys);
      this.refreshedAt = new Date().toISOString();
    }

    // How many registrations this device knows of, to compare with the
    // server's total (a deleted registration shows as a difference).
    knownCount() {
      let count = this.people.size;
      for (const [reference, row] of this.revoked) if (row[1] !== "superseded" && !this.people.has(reference)) count++;
      return count;
    }

    toRecord() {
      return {
        event: this.eventId,
        info: this.info,
        cursor: this.cursor,
        total: this.total,
        refreshedAt: this.refreshedAt,
        keys: this.keys,
        people: Array.from(this.people.values()),
        revoked: Array.from(this.revoked.values()),
        categories: Array.from(this.categories.values()),
        sessions: Array.from(this.sessions.values()),
      };
    }

    publicKey(kid) {
      if (!this.imported.has(kid)) {
        const entry = this.keys.find((key) => key.kid === kid);
        const importing = entry
          ? crypto.subtle.importKey("raw", base64urlBytes(entry.key), { name: "Ed25519" }, false, ["verify"])
          : Promise.resolve(null);
        this.imported.set(kid, importing);
      }
      return this.imported.get(kid);
    }

    registration(row) {
      const category = this.categories.get(row[3]);
      return {
        reference: row[0],
        name: row[1],
        organisation: row[2],
        category: category ? category[1] : "",
        category_colour: category ? category[2] : "",
      };
    }
  }

  // "not verified" when this browser has no Ed25519: the scan is kept for
  // the server instead of being called forged.
  async function signatureValid(roster, token) {
    let key;
    try {
      key = await roster.publicKey(token.kid);
    } catch (error) {
      return "unverifiable";
    }
    if (!key) return false;
    try {
      return await crypto.subtle.verify({ name: "Ed25519" }, key, token.signature, token.signed);
    } catch (error) {
      return "unverifiable";
    }
  }

  function timeIn(timeZone, iso) {
    const options = { hour: "2-digit", minute: "2-digit", hourCycle: "h23" };
    try {
      return new Intl.DateTimeFormat([], { ...options, timeZone: timeZone || undefined }).format(new Date(iso));
    } catch (error) {
      return new Intl.DateTimeFormat([], options).format(new Date(iso));
    }
  }

  function admitted(session, row) {
    if (!session || !session.closed) return true;
    return (session.categories || []).includes(row[3]) || (session.people || []).includes(row[0]);
  }

  // The verdict for a code with no network: {result, message, registration,
  // deviceResult (sent with the upload), checkIn (reference to record)}.
  async function offlineVerdict(roster, code, { checkins, sessionId, direction, strings }) {
    const token = parseCode(code);
    const verdict = (result, message, row, extra) => ({
      result: result,
      message: message,
      registration: row ? roster.registration(row) : null,
      deviceResult: result === "offline" ? "offline" : result,
      ...extra,
    });
    if (!token) return verdict("invalid", strings.offline_forged, null);
    const row = roster.people.get(token.reference) || null;
    if (token.legacy) return verdict("offline", strings.offline_legacy, row);
    const valid = await signatureValid(roster, token);
    if (valid === "unverifiable") return verdict("offline", strings.offline_unverifiable, row);
    if (!valid) return verdict("invalid", strings.offline_forged, null);
    const revoked = roster.revoked.get(token.reference);
    if (revoked && revoked[1] === "cancelled") return verdict("cancelled", strings.offline_cancelled, null);
    if (revoked && revoked[1] === "not_confirmed") return verdict("not_confirmed", strings.offline_not_confirmed, null);
    const current = Math.max(row ? row[4] : 0, revoked && revoked[1] === "superseded" ? revoked[2] : 0);
    if (token.version < current) return verdict("invalid", strings.offline_superseded, row);
    if (!row) return verdict("offline", strings.offline_unknown, null);
    if (sessionId) {
      if (direction === "exit") return verdict("left", strings.offline_left, row);
      if (!admitted(roster.sessions.get(sessionId), row)) return verdict("not_admitted", strings.offline_not_admitted, row);
      return verdict("ok", strings.offline_ok, row);
    }
    const checkedInAt = checkins.get(token.reference) || row[5];
    if (checkedInAt) {
      const message = strings.offline_already.replace("{time}", timeIn(roster.info.time_zone, checkedInAt));
      return verdict("already_checked_in", message, row);
    }
    return verdict("ok", strings.offline_ok, row, { checkIn: token.reference });
  }

  App.verify = { parseCode, Roster, offlineVerdict, timeIn, base32Bytes, base64urlBytes };
})();
