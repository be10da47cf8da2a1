// Content-Security-Policy for every page of dist/ (run by tools/build.sh after the trunk builds,
// before tools/sw-precache.mjs). Trunk 0.21 writes an inline <script type="module"> that
// imports the bundle's JS and starts its wasm; a policy without 'unsafe-inline' forbids it.
// This moves each page's inline script to its own file `boot-<page>-<hash>.js` (content hash,
// so no server cache can pair a new page with an old boot file), puts the policy in a
// <meta http-equiv> right after the charset, and fails the build if any inline script,
// inline style or event-handler attribute is left. Generic: every *.html at the top of dist/.
//
// Usage: node tools/csp.mjs [dist]
// The policy is also sent as a header by tools/serve.mjs (which imports CSP from here).
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

// 'wasm-unsafe-eval': WebAssembly.instantiate needs it, and nothing else runs eval.
// style-src 'self' without 'unsafe-inline': the components set styles through the CSSOM
// (style=("width", …) in Leptos), never through a style attribute.
// worker-src blob: for a worker built from a Blob (the Excel module may use one).
export const CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join("; ");

/// Rewrites one page; returns [html, bootName, bootBody] (boot null when none was inline).
/// `wasmSize(file)` gives a wasm's size in bytes, for the loading bar.
export function secure(html, page, wasmSize) {
  const inline = /<script type="module">([\s\S]*?)<\/script>/;
  let boot = null;
  const m = html.match(inline);
  if (m) {
    // The wasm is fetched by public/loader.js's dtbdWasm, which fills the page's loading bar
    // as the bytes arrive (the plain URL when the loader did not run).
    let loaded = false;
    const body =
      m[1].trim().replace(/module_or_path: '\.\/([^']+\.wasm)'/, (_, file) => {
        loaded = true;
        return `module_or_path: self.dtbdWasm ? dtbdWasm('./${file}', ${wasmSize(file)}) : './${file}'`;
      }) + "\n";
    if (!loaded) throw new Error(`${page}.html: the boot script names no wasm for the loading bar`);
    // The preload of the wasm is used by the loader's fetch only when both ask the same: no
    // integrity (a fetch with integrity would wait for the whole body, no progress).
    html = html.replace(/(<link rel="preload" href="\.\/[^"]+\.wasm" crossorigin="anonymous") integrity="[^"]*"/, "$1");
    const hash = createHash("sha256").update(body).digest("hex").slice(0, 16);
    boot = [`boot-${page}-${hash}.js`, body];
    html = html.replace(inline, `<script type="module" src="./${boot[0]}"></script>`);
  }
  if (!html.includes('http-equiv="Content-Security-Policy"')) {
    html = html.replace(/(<meta charset="utf-8" \/>)/, `$1\n    <meta http-equiv="Content-Security-Policy" content="${CSP}" />`);
  }
  if (!html.includes(CSP)) throw new Error(`${page}.html: no <meta charset="utf-8" /> to put the policy after`);
  for (const tag of html.match(/<script\b[^>]*>/g) || []) {
    if (!/\bsrc=/.test(tag)) throw new Error(`${page}.html: an inline script is left: ${tag}`);
  }
  if (/<style\b/.test(html) || /\sstyle=/.test(html)) throw new Error(`${page}.html: inline style`);
  if (/\son[a-z]+=/.test(html)) throw new Error(`${page}.html: an event-handler attribute`);
  return [html, ...(boot || [null, null])];
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const dir = process.argv[2] || "dist";
  for (const name of readdirSync(dir).filter((f) => f.endsWith(".html")).sort()) {
    const page = name.slice(0, -".html".length);
    const wasmSize = (file) => statSync(join(dir, file)).size;
    const [html, bootName, bootBody] = secure(readFileSync(join(dir, name), "utf8"), page, wasmSize);
    if (bootName) writeFileSync(join(dir, bootName), bootBody);
    writeFileSync(join(dir, name), html);
    console.log(`csp: ${name}${bootName ? ` → ${bootName}` : ""}`);
  }
}
