// Minifies each page's wasm-bindgen glue in dist/ (terser: 1,8 KB brotli less per bundle) and
// updates the Subresource Integrity hash every page gives for it. Run by tools/build.sh after
// the trunk builds, before tools/csp.mjs. Not trunk's own minify, which also rewrites the HTML
// and has broken wasm-bindgen glue before; terser is the minifier most of the web runs.
//
// Usage: node tools/minify-js.mjs [dist]
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { minify } from "terser";

const dir = process.argv[2] || "dist";
const sri = (bytes) => "sha384-" + createHash("sha384").update(bytes).digest("base64");

const pages = readdirSync(dir).filter((f) => f.endsWith(".html"));
// The glue of every page bundle: what a page's modulepreload names (workers and the service
// worker are plain scripts, left as they are).
const glue = new Set();
for (const page of pages) {
  for (const m of readFileSync(join(dir, page), "utf8").matchAll(/rel="modulepreload" href="\.\/([^"]+\.js)"/g)) {
    glue.add(m[1]);
  }
}
if (glue.size === 0) throw new Error(`minify-js: no modulepreload script in ${dir}/*.html`);

for (const file of glue) {
  const path = join(dir, file);
  const before = readFileSync(path);
  const result = await minify(before.toString("utf8"), { module: true, compress: true, mangle: true });
  if (!result.code) throw new Error(`minify-js: terser returned nothing for ${file}`);
  writeFileSync(path, result.code);
  const [oldHash, newHash] = [sri(before), sri(Buffer.from(result.code))];
  let pagesUpdated = 0;
  for (const page of pages) {
    const html = readFileSync(join(dir, page), "utf8");
    if (!html.includes(oldHash)) continue;
    writeFileSync(join(dir, page), html.split(oldHash).join(newHash));
    pagesUpdated++;
  }
  if (pagesUpdated === 0) throw new Error(`minify-js: no page carries the integrity hash of ${file}`);
  console.log(`minify-js: ${file} ${before.length} → ${result.code.length} bytes, ${pagesUpdated} page(s)`);
}
