// The page's loader, a plain script every page runs before its wasm (tools/csp.mjs points
// each page's boot script at `dtbdWasm`). Two jobs, both for an officer on a slow line:
//
// 1. The download of the page's wasm, shown in bytes: the HTML already draws the app's frame
//    (header, menu) and a progress bar; this fills the bar as the bytes arrive, so Slow 3G
//    shows progress, not a blank page.
// 2. Ready for offline use: once the page is idle, every file of the app (precache.json,
//    written by tools/sw-precache.mjs, in the order an officer opens the pages) is fetched
//    one at a time at low priority into the service worker's cache, waiting while the
//    officer is busy and stopping when the page is left (the next page goes on where this
//    one stopped). The header badge shows the share done, then "Sẵn sàng dùng khi mất mạng".
//    The service worker itself downloads nothing: a first visit's bytes go to the page the
//    officer is waiting for.
//
// Numbers are written by this file, not the browser's locale (an English browser would
// print "1,200"). Nothing is sent anywhere: every request is to the app's own folder.
(() => {
  "use strict";
  const LAST = "dtbd.offline";
  const state = { done: 0, total: 0, ready: false, failed: false };

  const percent = (done, total) => (total > 0 ? Math.min(100, Math.floor((done * 100) / total)) : 0);
  const kb = (bytes) => String(Math.round(bytes / 1000)).replace(/\B(?=(\d{3})+(?!\d))/g, ".");

  // --- 1. The page's own wasm, with a progress bar -------------------------------------
  let ownWasm = null;
  self.dtbdWasm = (url, size) =>
    fetch(url).then(async (response) => {
      if (!response.ok || !response.body) return response;
      const bar = document.getElementById("loading-bar");
      const label = document.getElementById("loading-bytes");
      const reader = response.body.getReader();
      const chunks = [];
      let received = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value);
        received += value.length;
        if (bar) bar.value = Math.min(1, received / size);
        if (label) label.textContent = `${kb(received)} / ${kb(size)} KB`;
      }
      const blob = new Blob(chunks, { type: "application/wasm" });
      ownWasm = { url: new URL(url, location.href).href, blob };
      return new Response(blob, { headers: { "Content-Type": "application/wasm" } });
    });

  // --- 2. The badge ----------------------------------------------------------------------
  function badgeText() {
    if (state.ready) return "Sẵn sàng dùng khi mất mạng";
    if (state.failed) return "Chưa tải đủ để dùng khi mất mạng";
    return `Đang tải để dùng khi mất mạng: ${percent(state.done, state.total)}%`;
  }
  function paint() {
    for (const badge of document.querySelectorAll(".offline-badge")) {
      if (!state.total && !state.ready) {
        badge.hidden = true;
        continue;
      }
      badge.hidden = false;
      badge.classList.toggle("ready", state.ready);
      let text = badge.querySelector(".offline-text");
      let bar = badge.querySelector("progress");
      if (!text) {
        badge.textContent = "";
        text = document.createElement("span");
        text.className = "offline-text";
        bar = document.createElement("progress");
        bar.max = 100;
        bar.setAttribute("aria-hidden", "true");
        badge.append(text, bar);
      }
      const words = badgeText();
      if (text.textContent !== words) text.textContent = words;
      bar.value = percent(state.done, state.total);
      bar.hidden = state.ready;
    }
  }
  // The app draws its own header (a new child of <body>) when it starts: paint its badge
  // too. Only <body>'s own children are watched: paint() changes the badge's insides, and
  // watching those would call it again without end.
  new MutationObserver(paint).observe(document.body, { childList: true });

  // --- 2. Filling the cache --------------------------------------------------------------
  let lastInput = 0;
  for (const kind of ["pointerdown", "keydown", "touchstart"]) {
    addEventListener(kind, () => (lastInput = Date.now()), { passive: true, capture: true });
  }
  const leaving = new AbortController();
  addEventListener("pagehide", () => leaving.abort());
  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  const idle = () =>
    new Promise((resolve) => (self.requestIdleCallback ? requestIdleCallback(resolve, { timeout: 3000 }) : setTimeout(resolve, 200)));
  // Waits while the officer is tapping or typing (what she opens goes first), then for an
  // idle moment of the page.
  async function yieldToOfficer() {
    while (Date.now() - lastInput < 2000) await sleep(500);
    await idle();
  }
  // A content hash in the name: the same name is the same bytes in any version's cache.
  const hashed = (url) => /-[0-9a-f]{16}(_bg)?\.(wasm|js|css)$/.test(url);

  async function fill() {
    let list;
    try {
      const response = await fetch("./precache.json", { cache: "no-store", signal: leaving.signal });
      if (!response.ok) throw new Error(String(response.status));
      list = await response.json();
    } catch {
      // Offline or an old server: say what the last visit reached.
      if (localStorage.getItem(LAST) === "ready") {
        state.ready = true;
        paint();
      }
      return;
    }
    const cacheName = "dtbd-shell-" + list.version;
    const cache = await caches.open(cacheName);
    const base = new URL("./", location.href);
    state.total = list.files.reduce((sum, file) => sum + file.bytes, 0);
    const missing = [];
    for (const file of list.files) {
      if (await cache.match(new URL(file.url, base).href)) state.done += file.bytes;
      else missing.push(file);
    }
    paint();
    // A few files at a time: on a 2-s round trip, one at a time would spend most of the
    // wait on latency, not bytes.
    const queue = missing.slice();
    async function worker() {
      for (let file = queue.shift(); file; file = queue.shift()) {
        if (leaving.signal.aborted || state.failed) return;
        await yieldToOfficer();
        const url = new URL(file.url, base).href;
        let response = null;
        if (ownWasm && ownWasm.url === url) {
          response = new Response(ownWasm.blob, { headers: { "Content-Type": "application/wasm" } });
        } else if (hashed(url)) {
          response = (await caches.match(url)) || null;
        }
        try {
          // no-store: past the service worker (sw.js lets it through) and the HTTP cache.
          if (!response) response = await fetch(url, { priority: "low", cache: "no-store", signal: leaving.signal });
          if (!response.ok) throw new Error(String(response.status));
          await cache.put(url, response);
        } catch (error) {
          if (leaving.signal.aborted) return;
          console.warn("dtbd: not cached for offline use:", file.url, error);
          state.failed = true;
          paint();
          return;
        }
        state.done += file.bytes;
        paint();
      }
    }
    await Promise.all([worker(), worker(), worker(), worker()]);
    if (leaving.signal.aborted || state.failed) return;
    state.ready = true;
    localStorage.setItem(LAST, "ready");
    paint();
    // The previous version's files are kept until this one is whole, so an update never
    // leaves the app without an offline copy.
    for (const key of await caches.keys()) {
      if (key.startsWith("dtbd-shell-") && key !== cacheName) await caches.delete(key);
    }
  }

  function start() {
    if (!("serviceWorker" in navigator) || !self.caches) return;
    navigator.serviceWorker.register("./sw.js").catch((error) => console.warn("dtbd: service worker:", error));
    navigator.serviceWorker.ready.then((registration) => {
      if (!navigator.serviceWorker.controller && registration.active) registration.active.postMessage("claim");
    });
    fill().catch((error) => console.warn("dtbd: offline copy:", error));
  }
  // After the page has loaded and the app has drawn itself (it removes the loading bar):
  // the offline copy never competes with the first screen.
  async function afterLoad() {
    for (let waited = 0; document.getElementById("loading") && waited < 30000; waited += 250) await sleep(250);
    await sleep(500);
    await idle();
    start();
  }
  if (document.readyState === "complete") afterLoad();
  else addEventListener("load", afterLoad, { once: true });
})();
