// Prints the release bundle sizes (raw, gzip -9, brotli -q 11) and fails when the main
// bundle (wasm + js + css) exceeds the budget of 250 KB brotli. The budget holds for the life
// of the app: new features stay under it or load on demand.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, gzipSync, constants } from "node:zlib";

const BUDGET = 250 * 1000;
const dir = process.argv[2] || "dist";
const files = readdirSync(dir).filter((f) => /\.(wasm|js|css)$/.test(f) && f !== "sw.js");
const kb = (n) => (n / 1000).toFixed(1).padStart(8) + " KB";
let total = { raw: 0, gz: 0, br: 0 };
console.log("file".padEnd(40) + "raw".padStart(11) + "gzip -9".padStart(11) + "brotli 11".padStart(11));
for (const f of files.sort()) {
  const buf = readFileSync(join(dir, f));
  const raw = buf.length;
  const gz = gzipSync(buf, { level: 9 }).length;
  const br = brotliCompressSync(buf, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: raw },
  }).length;
  total = { raw: total.raw + raw, gz: total.gz + gz, br: total.br + br };
  console.log(f.padEnd(40) + kb(raw) + kb(gz) + kb(br));
}
console.log("main bundle (wasm+js+css)".padEnd(40) + kb(total.raw) + kb(total.gz) + kb(total.br));
if (total.br > BUDGET) {
  console.error(`FAIL: main bundle is ${kb(total.br).trim()} brotli, over the ${BUDGET / 1000} KB budget.`);
  process.exit(1);
}
console.log(`OK: ${kb(total.br).trim()} brotli, within the ${BUDGET / 1000} KB budget.`);
