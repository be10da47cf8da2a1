// Prints the release bundle sizes (raw, gzip -9, brotli -q 11) per bundle (HTML page) and
// fails when one is over its budget: 250 KB brotli for the main bundle (index.html, what a
// first visit downloads), 350 KB for a bundle loaded on demand when its page is opened. The
// budgets hold for the life of the app: new features stay under them or get a bundle of
// their own.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, gzipSync, constants } from "node:zlib";

const MAIN_BUDGET = 250 * 1000;
const ON_DEMAND_BUDGET = 350 * 1000;
const dir = process.argv[2] || "dist";
const kb = (n) => (n / 1000).toFixed(1).padStart(8) + " KB";
const measure = (f) => {
  const buf = readFileSync(join(dir, f));
  return {
    raw: buf.length,
    gz: gzipSync(buf, { level: 9 }).length,
    br: brotliCompressSync(buf, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: buf.length },
    }).length,
  };
};

// A bundle is what its HTML page loads: the wasm and js it names, and its CSS.
const pages = readdirSync(dir).filter((f) => f.endsWith(".html")).sort((a, b) => (a === "index.html" ? -1 : b === "index.html" ? 1 : a.localeCompare(b)));
let failed = false;
console.log("file".padEnd(44) + "raw".padStart(11) + "gzip -9".padStart(11) + "brotli 11".padStart(11));
for (const page of pages) {
  const html = readFileSync(join(dir, page), "utf8");
  const files = [...new Set([...html.matchAll(/(?:href|src|module_or_path:)\s*=?\s*['"]\.\/([^'"]+\.(?:wasm|js|css))['"]/g)].map((m) => m[1]))].sort();
  let total = { raw: 0, gz: 0, br: 0 };
  console.log(`-- ${page}${page === "index.html" ? " (main bundle)" : ""}`);
  for (const f of files) {
    const s = measure(f);
    total = { raw: total.raw + s.raw, gz: total.gz + s.gz, br: total.br + s.br };
    console.log(("  " + f).padEnd(44) + kb(s.raw) + kb(s.gz) + kb(s.br));
  }
  console.log(`  ${page} wasm+js+css`.padEnd(44) + kb(total.raw) + kb(total.gz) + kb(total.br));
  const budget = page === "index.html" ? MAIN_BUDGET : ON_DEMAND_BUDGET;
  if (total.br > budget) {
    console.error(`FAIL: ${page} loads ${kb(total.br).trim()} brotli, over its ${budget / 1000} KB budget.`);
    failed = true;
  } else {
    console.log(`  OK: within its ${budget / 1000} KB brotli budget.`);
  }
}
// The Excel worker (rust_xlsxwriter, calamine), loaded by store::xlsx on first export or
// import: an on-demand bundle of its own, never part of a page.
const worker = ["xlsx-worker.js", "dtbd-xlsx.js", "dtbd-xlsx_bg.wasm"];
if (worker.every((f) => { try { readFileSync(join(dir, f)); return true; } catch { return false; } })) {
  let total = { raw: 0, gz: 0, br: 0 };
  console.log("-- Excel worker (on demand)");
  for (const f of worker) {
    const s = measure(f);
    total = { raw: total.raw + s.raw, gz: total.gz + s.gz, br: total.br + s.br };
    console.log(("  " + f).padEnd(44) + kb(s.raw) + kb(s.gz) + kb(s.br));
  }
  console.log("  Excel worker wasm+js".padEnd(44) + kb(total.raw) + kb(total.gz) + kb(total.br));
  if (total.br > ON_DEMAND_BUDGET) {
    console.error(`FAIL: the Excel worker loads ${kb(total.br).trim()} brotli, over its ${ON_DEMAND_BUDGET / 1000} KB budget.`);
    failed = true;
  } else {
    console.log(`  OK: within its ${ON_DEMAND_BUDGET / 1000} KB brotli budget.`);
  }
} else {
  console.error("FAIL: the Excel worker (xlsx-worker.js, dtbd-xlsx.js, dtbd-xlsx_bg.wasm) is missing from " + dir);
  failed = true;
}
if (failed) process.exit(1);
