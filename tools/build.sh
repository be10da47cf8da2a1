#!/usr/bin/env bash
# Release build: one trunk build per bundle (HTML page), merged into dist/, then the service
# worker's precache list. See ui::app::Bundle and ARCHITECTURE.md.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
rm -rf dist dist-pages
pages=(van-ban.html sua-van-ban.html trao-doi.html)
trunk build --release=true --dist dist index.html
for page in "${pages[@]}"; do
  trunk build --release=true --dist "dist-pages/$page" "$page"
  # Trunk names its output index.html. Take the page, its wasm and js; the CSS and the
  # public files are the same as the first build's.
  cp dist-pages/"$page"/index.html "dist/$page"
  cp -n dist-pages/"$page"/*.js dist-pages/"$page"/*.wasm dist/
done
rm -rf dist-pages
node tools/sw-precache.mjs dist
