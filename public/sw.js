// Service worker: serves the app's files from the cache so the app opens and works offline.
// It downloads nothing itself: public/loader.js fills the cache "dtbd-shell-<version>" in
// the background, one file at a time at low priority, once the page the officer waits for
// is on screen (a first visit's bytes go to that page), and removes the previous version's
// cache when the new one is whole. tools/sw-precache.mjs writes the version after each
// build, so a new build is a new worker.
const VERSION = "__VERSION__";

self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));
// A page loaded while this worker was activating can miss the claim above; loader.js asks
// again, so every open page works offline once the copy is whole.
self.addEventListener("message", (event) => {
  if (event.data === "claim") event.waitUntil(self.clients.claim());
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) return;
  // loader.js's own requests (the list of files, and each file it keeps) go to the server.
  if (request.cache === "no-store") return;
  if (request.mode === "navigate") {
    // Each bundle is its own page (index.html, van-ban.html ...); the folder URL is index.html.
    // Routing inside a page lives in the URL fragment, which never reaches the worker.
    const url = new URL(request.url);
    const page = url.pathname.endsWith("/") ? new URL("./index.html", url) : url;
    event.respondWith(caches.match(page.href, { ignoreSearch: true }).then((hit) => hit || fetch(request)));
    return;
  }
  event.respondWith(caches.match(request, { ignoreSearch: true }).then((hit) => hit || fetch(request)));
});

// Read by nothing; keeps this file's bytes different for every build (see above).
self.dtbdVersion = VERSION;
