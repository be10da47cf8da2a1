#!/bin/sh
# Seeds the corpus of every target from the generators of issue 15's hostile files
# (tests/support/hostile_inputs.rs, at small sizes) and the snapshot fixtures. The corpus is
# ignored by git: run this after a clone, then `cargo +nightly fuzz run <target>`.
set -e
cd "$(dirname "$0")/.."
cargo run --quiet --example hostile_files -- --fuzz-corpus fuzz/corpus
cp tests/fixtures/snapshot-v*.json fuzz/corpus/snapshot/
ls fuzz/corpus/*/ | head -50
