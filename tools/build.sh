#!/usr/bin/env bash
# Release build: one trunk build per bundle (HTML page), merged into dist/, then the service
# worker's precache list. See ui::app::Bundle and ARCHITECTURE.md.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"

# The bundles loaded on demand: page, bin, title prefix. Their HTML is index.html with the
# bin and the title changed, generated here so the pages never drift apart.
pages=(
  "can-bo|dtbd-can-bo|Hồ sơ cán bộ"
  "van-ban|dtbd-van-ban|Văn bản, chỉ tiêu"
  "sua-van-ban|dtbd-sua-van-ban|Sửa văn bản"
  "doc-van-ban|dtbd-doc-van-ban|Đọc văn bản"
  "trao-doi|dtbd-trao-doi|Trao đổi dữ liệu"
  "ke-hoach|dtbd-ke-hoach|Kế hoạch đào tạo"
  "nhap-excel|dtbd-nhap|Nhập, xuất Excel"
  "du-lieu-mau|dtbd-mau|Dữ liệu mẫu"
)

# The stylesheet, minified once for every page by lightningcss (npm): 0,5 KB brotli less in
# every bundle. Not trunk's own minify: it would also rewrite the wasm-bindgen glue and the
# HTML tools/csp.mjs reads. The targets keep old syntax (max-width, not range queries) for
# the old tablets and laptops officers use; the wasm needs browsers at least this recent.
mkdir -p target/style
lightningcss --minify --targets "chrome >= 87, safari >= 14, firefox >= 78" style/main.css -o target/style/main.css
css="s|href=\"style/main.css\"|href=\"target/style/main.css\"|"

rm -rf dist dist-pages
sed -e "$css" index.html >.page-index.html
trunk build --release=true --dist dist .page-index.html
rm -f .page-index.html
for entry in "${pages[@]}"; do
  IFS='|' read -r page bin title <<<"$entry"
  html=".page-$page.html"
  sed -e "s|data-bin=\"dtbd-danh-sach\"|data-bin=\"$bin\"|" -e "$css" \
      -e "s|<title>|<title>$title — |" index.html >"$html"
  # A renamed main bin would otherwise build the roster into every page, silently.
  grep -q "data-bin=\"$bin\"" "$html" || { echo "build.sh: index.html's data-bin is not dtbd-danh-sach" >&2; exit 1; }
  trunk build --release=true --dist "dist-pages/$page" "$html"
  rm -f "$html"
  # Trunk names its output index.html, whatever the input. Take the page, its wasm and js; the CSS and the
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
# The pages' wasm-bindgen glue minified, with the integrity hashes the pages give for it.
node tools/minify-js.mjs dist
node tools/csp.mjs dist
node tools/sw-precache.mjs dist
