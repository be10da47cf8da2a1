// Excel worker: runs one of the Excel wasm modules off the page's thread. Started by
// store::xlsx as "xlsx-worker.js?write" (dtbd-xlsx-write, rust_xlsxwriter: payload the JSON of
// tables, answer a Uint8Array of XLSX) or "xlsx-worker.js?read" (dtbd-xlsx-read, calamine:
// payload an ArrayBuffer of XLSX, answer the JSON of its sheets). Messages are
// { id, payload } → { id, ok } or { id, err: message }.
const kind = self.location.search === "?read" ? "read" : "write";
importScripts(`./dtbd-xlsx-${kind}.js`);
const ready = wasm_bindgen({ module_or_path: `./dtbd-xlsx-${kind}_bg.wasm` });

self.onmessage = async (event) => {
  const { id, payload } = event.data;
  try {
    await ready;
    if (kind === "write") {
      const bytes = wasm_bindgen.run(payload);
      self.postMessage({ id, ok: bytes }, [bytes.buffer]);
    } else {
      self.postMessage({ id, ok: wasm_bindgen.run(new Uint8Array(payload)) });
    }
  } catch (e) {
    self.postMessage({ id, err: String((e && e.message) || e) });
  }
};
