#!/usr/bin/env bash
# Release build: one trunk build per bundle (HTML page), merged into dist/, then the service
# worker's precache list. See ui::app::Bundle and ARCHITECTURE.md.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"

# The bundles loaded on demand: page, bin, title prefix. Their HTML is index.html with the
# bin and the title changed, generated here so the pages never drift apart.
pages=(
  "van-ban|dtbd-van-ban|Văn bản, chỉ tiêu"
  "sua-van-ban|dtbd-sua-van-ban|Sửa văn bản"
  "trao-doi|dtbd-trao-doi|Trao đổi dữ liệu"
  "ke-hoach|dtbd-ke-hoach|Kế hoạch đào tạo"
  "nhap-excel|dtbd-nhap|Nhập, xuất Excel"
  "du-lieu-mau|dtbd-mau|Dữ liệu mẫu"
)

rm -rf dist dist-pages
trunk build --release=true --dist dist index.html
for entry in "${pages[@]}"; do
  IFS='|' read -r page bin title <<<"$entry"
  html=".page-$page.html"
  sed -e "s|data-bin=\"dtbd\"|data-bin=\"$bin\"|" \
      -e "s|<title>|<title>$title — |" index.html >"$html"
  trunk build --release=true --dist "dist-pages/$page" "$html"
  rm -f "$html"
  # Trunk names its output index.html. Take the page, its wasm and js; the CSS and the
  # public files are the same as the first build's.
  cp "dist-pages/$page/index.html" "dist/$page.html"
  cp -n "dist-pages/$page"/*.js "dist-pages/$page"/*.wasm dist/
done
rm -rf dist-pages
# The Excel workers, one writing (rust_xlsxwriter), one reading (calamine): not pages, so not
# trunk. Plain scripts for a classic Web Worker (wasm-bindgen --target no-modules), loaded by
# store::xlsx on first use through public/xlsx-worker.js.
cargo build --release --target wasm32-unknown-unknown --bin dtbd-xlsx-write --bin dtbd-xlsx-read
for kind in write read; do
  wasm-bindgen --target no-modules --no-typescript --out-dir dist --out-name "dtbd-xlsx-$kind" \
    "target/wasm32-unknown-unknown/release/dtbd-xlsx-$kind.wasm"
  # The same passes as the pages (index.html's data-wasm-opt-params; see ARCHITECTURE.md).
  wasm-opt -Oz --converge --low-memory-unused --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-reference-types --enable-multivalue --enable-mutable-globals \
    "dist/dtbd-xlsx-${kind}_bg.wasm" -o "dist/dtbd-xlsx-${kind}_bg.wasm"
done
cp public/xlsx-worker.js dist/
# No inline script: each page's boot script to a file, and the Content-Security-Policy.
node tools/csp.mjs dist
node tools/sw-precache.mjs dist
