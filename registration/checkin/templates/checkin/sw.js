// The scanner's service worker (its URLs filled in by views/pwa.py): keeps
// the app shell in a cache so that the scanner opens with the network gone.
// Pages under the scope are fetched from the network first, the copy kept
// from the last visit answering when the network fails. API answers are
// never kept here: the scanner's data lives in IndexedDB (store.js).
"use strict";

const CACHE = {{ cache_name|safe }};
const SCOPE = {{ scope|safe }};
const SHELL = {{ shell|safe }};
const PAGES = {{ pages|safe }};
const SHELL_PATHS = new Set(SHELL.map((url) => new URL(url, self.location.origin).pathname));

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll([...SHELL, ...PAGES]))
      .then(() => self.skipWaiting())
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((name) => name.startsWith("checkin-") && name !== CACHE).map((name) => caches.delete(name))))
      .then(() => self.clients.claim())
  );
});

// A page worth keeping: a plain answer of this site that may be stored
// (the setup page's token and the devices page's keys say no-store).
function keepable(response) {
  const control = response.headers.get("Cache-Control") || "";
  return response.ok && response.type === "basic" && !response.redirected && !/no-store/.test(control);
}

async function networkFirst(request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (keepable(response)) await cache.put(request, response.clone());
    return response;
  } catch (networkError) {
    const kept = (await cache.match(request, { ignoreVary: true })) || (await cache.match(request, { ignoreVary: true, ignoreSearch: true }));
    if (kept) return kept;
    throw networkError;
  }
}

async function cacheFirst(request) {
  const kept = await caches.match(request, { ignoreVary: true });
  return kept || fetch(request);
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || url.pathname.startsWith("/api/")) return;
  if (request.mode === "navigate") {
    if (url.pathname.startsWith(SCOPE)) event.respondWith(networkFirst(request));
    return;
  }
  if (SHELL_PATHS.has(url.pathname) || PAGES.includes(url.pathname)) event.respondWith(cacheFirst(request));
});

// The page that registered the worker was loaded before the worker ran:
// it asks for its own URL to be kept, and hears back when it is.
self.addEventListener("message", (event) => {
  const data = event.data || {};
  const port = event.ports && event.ports[0];
  if (data.type !== "keep-page") return;
  const url = new URL(data.url, self.location.origin);
  if (url.origin !== self.location.origin || !url.pathname.startsWith(SCOPE)) return;
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) =>
        fetch(url, { credentials: "same-origin" }).then((response) => {
          if (keepable(response)) return cache.put(url, response).then(() => true);
          return false;
        })
      )
      .catch(() => false)
      .then((kept) => port && port.postMessage({ kept: kept }))
  );
});
