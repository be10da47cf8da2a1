// Excel worker: runs the dtbd-xlsx wasm (rust_xlsxwriter, calamine) off the page's thread.
// Messages from store::xlsx: { id, op: "write", payload: JSON of tables } answered with
// { id, ok: Uint8Array }, and { id, op: "read", payload: ArrayBuffer } answered with
// { id, ok: JSON of sheets }; a failure is { id, err: message }.
importScripts("./dtbd-xlsx.js");
const ready = wasm_bindgen({ module_or_path: "./dtbd-xlsx_bg.wasm" });

self.onmessage = async (event) => {
  const { id, op, payload } = event.data;
  try {
    await ready;
    if (op === "write") {
      const bytes = wasm_bindgen.write_xlsx(payload);
      self.postMessage({ id, ok: bytes }, [bytes.buffer]);
    } else if (op === "read") {
      self.postMessage({ id, ok: wasm_bindgen.read_xlsx(new Uint8Array(payload)) });
    } else {
      throw new Error("không rõ yêu cầu " + op);
    }
  } catch (e) {
    self.postMessage({ id, err: String((e && e.message) || e) });
  }
};
