// Service worker: keeps the app shell so the app opens and works offline.
// tools/sw-precache.mjs replaces the two placeholders after each build.
const VERSION = "__VERSION__";
const PRECACHE = __PRECACHE__;
const CACHE = "dtbd-shell-" + VERSION;
const RUNTIME = "dtbd-runtime";

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) => cache.addAll(PRECACHE)).then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(
          keys.filter((k) => k.startsWith("dtbd-shell-") && k !== CACHE).map((k) => caches.delete(k)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    // Each bundle is its own page (index.html, van-ban.html ...); the folder URL is index.html.
    // Routing inside a page lives in the URL fragment, which never reaches the worker.
    const url = new URL(request.url);
    const page = url.pathname.endsWith("/") ? new URL("./index.html", url) : url;
    event.respondWith(
      caches.match(page.href, { cacheName: CACHE, ignoreSearch: true }).then((hit) => hit || fetch(request)),
    );
    return;
  }
  event.respondWith(
    caches.match(request, { ignoreSearch: true }).then((hit) => {
      if (hit) return hit;
      // Files fetched on demand (templates, the Excel module) are kept for offline use.
      return fetch(request).then((response) => {
        if (response.ok) {
          const copy = response.clone();
          caches.open(RUNTIME).then((cache) => cache.put(request, copy));
        }
        return response;
      });
    }),
  );
});
