// A small static file server for dist/ (no dependencies), bound to loopback.
// Usage: node tools/serve.mjs [dir] [port] [prefix]   e.g. node tools/serve.mjs dist 8080 /dtbd/
// With a prefix, the app is served under that sub-path only, as on a shared host.
// With COMPRESS=1 in the environment, text and wasm go out brotli- or gzip-encoded when the
// browser accepts it, as a real static host does (the bench measures loads this way).
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve } from "node:path";
import { CSP } from "./csp.mjs";
import { brotliCompressSync, gzipSync, constants } from "node:zlib";

const compress = process.env.COMPRESS === "1";
const encoded = new Map();
function encode(file, body, accept) {
  if (!compress || ![".html", ".js", ".css", ".wasm", ".json", ".svg", ".webmanifest"].includes(extname(file))) return null;
  const enc = /\bbr\b/.test(accept) ? "br" : /\bgzip\b/.test(accept) ? "gzip" : null;
  if (!enc) return null;
  const key = `${enc}:${file}:${body.length}`;
  if (!encoded.has(key)) {
    encoded.set(key, enc === "br" ? brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }) : gzipSync(body, { level: 9 }));
  }
  return { enc, data: encoded.get(key) };
}

const dir = resolve(process.argv[2] || "dist");
const port = Number(process.argv[3] || 8080);
let prefix = process.argv[4] || "/";
if (!prefix.endsWith("/")) prefix += "/";

const types = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".json": "application/json; charset=utf-8",
  ".webmanifest": "application/manifest+json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".gz": "application/gzip",
};

createServer(async (req, res) => {
  const path = decodeURIComponent(new URL(req.url, "http://localhost").pathname);
  if (prefix !== "/" && path === prefix.slice(0, -1)) {
    res.writeHead(301, { Location: prefix });
    return res.end();
  }
  if (!path.startsWith(prefix)) {
    res.writeHead(404);
    return res.end("not found");
  }
  let rel = normalize(path.slice(prefix.length)).replace(/^(\.\.(\/|\\|$))+/, "");
  if (rel === "" || rel === "." || rel.endsWith("/")) rel = join(rel, "index.html");
  const file = join(dir, rel);
  if (!file.startsWith(dir)) {
    res.writeHead(403);
    return res.end();
  }
  try {
    if (!(await stat(file)).isFile()) throw new Error("not a file");
    const body = await readFile(file);
    const e = encode(file, body, req.headers["accept-encoding"] || "");
    res.writeHead(200, {
      "Content-Type": types[extname(file)] || "application/octet-stream",
      "Cache-Control": "no-cache",
      // The same policy as the pages' <meta>, plus what only a header can say.
      "Content-Security-Policy": `${CSP}; frame-ancestors 'none'`,
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "no-referrer",
      ...(e ? { "Content-Encoding": e.enc, Vary: "Accept-Encoding" } : {}),
    });
    res.end(e ? e.data : body);
  } catch {
    res.writeHead(404);
    res.end("not found");
  }
}).listen(port, "127.0.0.1", () => {
  console.log(`Serving ${dir} at http://127.0.0.1:${port}${prefix}`);
});
