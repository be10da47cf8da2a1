# The two commands of the README:
#   make run    installs what is missing, builds the release bundle, serves it on http://127.0.0.1:8080
#   make test   installs what is missing and runs every test
SHELL := /bin/bash
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
PORT ?= 8080

.PHONY: run test setup lint build serve test-native test-store test-e2e sizes bench bench-native bench-browser clean

run: setup build serve

test: setup lint test-native test-store build sizes test-e2e

setup:
	@tools/setup.sh

# Formatting and lints, for the native crates and for the wasm the browser runs (the web
# crate's store and pages only compile there).
lint:
	cargo fmt --all --check
	cargo clippy --workspace --all-targets -- -D warnings
	cargo clippy --target wasm32-unknown-unknown --workspace --lib --bins --test store_idb -- -D warnings

build:
	tools/build.sh

serve:
	node tools/serve.mjs dist $(PORT) /

test-native:
	cargo test --workspace

test-store:
	cargo test --target wasm32-unknown-unknown --test store_idb

sizes:
	node tools/sizes.mjs dist

test-e2e:
	npx playwright test

# The measured budgets (sizes, native and in-Chromium figures, network emulation): prints a
# table and appends it with the date to BENCHMARKS.md. Builds dist/ first when it is stale.
bench: setup
	node tools/bench.mjs

# The native benches alone, and the command line's figures (dtbd merge of 200 files, dtbd report).
bench-native:
	cargo bench --bench scoring
	cargo bench --bench snapshot
	cargo bench --bench training
	cargo bench --bench roster_import
	cargo run --release -p dtbd-cli --example timing

# Browser figures (Chromium): a 30.000-cadre snapshot read, previewed and applied.
bench-browser: setup build
	mkdir -p target/bench-files
	DTBD_SNAPSHOT_DIR=$(CURDIR)/target/bench-files cargo bench --bench snapshot
	DTBD_SNAPSHOT_DIR=$(CURDIR)/target/bench-files npx playwright test --config tests/bench/playwright.bench.config.mjs

clean:
	rm -rf dist target test-results playwright-report
