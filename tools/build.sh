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
# No inline script: each page's boot script to a file, and the Content-Security-Policy.
node tools/csp.mjs dist
node tools/sw-precache.mjs dist
