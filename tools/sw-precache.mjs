// Run last by tools/build.sh: writes dist/precache.json, the files public/loader.js keeps
// for offline use, in the order an officer opens the pages (each page with the files it
// loads, then the templates, plans and the Excel workers), with their sizes for the
// progress badge; and puts the build's content hash in sw.js, so a new build is a new
// service worker and an unchanged build keeps its cache.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";

const dir = process.env.TRUNK_STAGING_DIR || process.argv[2] || "dist";
// The menu's order (ui::app's header), then the rest; a page not named here comes last.
const PAGE_ORDER = ["index", "van-ban", "ke-hoach", "can-bo", "trao-doi", "nhap-excel", "sua-van-ban", "doc-van-ban", "du-lieu-mau"];

function walk(d) {
  return readdirSync(d).flatMap((name) => {
    const p = join(d, name);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

const files = walk(dir)
  .map((p) => relative(dir, p).split("\\").join("/"))
  .filter((p) => p !== "sw.js" && p !== "precache.json")
  .sort();
const hash = createHash("sha256");
for (const f of files) hash.update(f).update(readFileSync(join(dir, f)));
const version = hash.digest("hex").slice(0, 16);

const rank = (page) => {
  const i = PAGE_ORDER.indexOf(page.replace(/\.html$/, ""));
  return i < 0 ? PAGE_ORDER.length : i;
};
const pages = files.filter((f) => f.endsWith(".html")).sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
const ordered = [];
const add = (f) => {
  if (!ordered.includes(f)) ordered.push(f);
};
for (const page of pages) {
  add(page);
  const html = readFileSync(join(dir, page), "utf8");
  for (const m of html.matchAll(/(?:href|src)="\.\/([^"#]+)"/g)) if (files.includes(m[1])) add(m[1]);
  // The boot script names its glue and wasm.
  for (const m of html.matchAll(/src="\.\/(boot-[^"]+\.js)"/g)) {
    for (const n of readFileSync(join(dir, m[1]), "utf8").matchAll(/'\.\/([^']+\.(?:js|wasm))'/g)) if (files.includes(n[1])) add(n[1]);
  }
}
for (const f of files) add(f);

const list = {
  version,
  files: [{ url: "./", bytes: statSync(join(dir, "index.html")).size }, ...ordered.map((f) => ({ url: "./" + f, bytes: statSync(join(dir, f)).size }))],
};
writeFileSync(join(dir, "precache.json"), JSON.stringify(list));
const swPath = join(dir, "sw.js");
writeFileSync(swPath, readFileSync(swPath, "utf8").replace("__VERSION__", version));
const total = list.files.reduce((sum, f) => sum + f.bytes, 0);
console.log(`precache.json: ${list.files.length} files, ${(total / 1e6).toFixed(2)} MB raw, version ${version}`);
