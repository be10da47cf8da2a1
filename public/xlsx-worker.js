// Excel worker: runs one of the Excel wasm modules off the page's thread. store::xlsx starts
// one worker per kind; the first message says which module this one loads:
//   { id, kind: "write", payload: JSON of tables }  → { id, ok: Uint8Array of XLSX }
//       (dtbd-xlsx-write, rust_xlsxwriter)
//   { id, kind: "read", name, payload: ArrayBuffer of XLSX } → { id, ok: JSON of its sheets }
//       (dtbd-xlsx-read, calamine)
//   { id, kind: "read", op: "docx", name, payload: ArrayBuffer of a .docx } → { id, ok: its text }
//       (dtbd-xlsx-read, dtbd_xlsx::docx)
// A failure is { id, err: message }. (The kind is not in the script's URL: a worker served
// from the service worker's cache takes the cached response's URL, without its query.)
let kind = null;
let ready = null;

self.onmessage = async (event) => {
  const { id, payload } = event.data;
  try {
    if (kind === null) {
      kind = event.data.kind === "read" ? "read" : "write";
      importScripts(`./dtbd-xlsx-${kind}.js`);
      ready = wasm_bindgen({ module_or_path: `./dtbd-xlsx-${kind}_bg.wasm` });
    }
    await ready;
    if (kind === "write") {
      const bytes = wasm_bindgen.run(payload);
      self.postMessage({ id, ok: bytes }, [bytes.buffer]);
    } else {
      const read = event.data.op === "docx" ? wasm_bindgen.docx : wasm_bindgen.run;
      self.postMessage({ id, ok: read(String(event.data.name || ""), new Uint8Array(payload)) });
    }
  } catch (e) {
    // A string is dtbd-xlsx's own Vietnamese message, shown as it is; anything else (a wasm
    // trap, a script that did not load) is the browser's English text: store::xlsx logs it
    // to the console, shows its own message and ends this worker (a module that trapped may
    // be left broken), so the next file gets a fresh one.
    self.postMessage({ id, err: typeof e === "string" ? e : { message: String((e && e.message) || e) } });
  }
};
