#!/usr/bin/env bash
# Benchmark (not a test): builds the release package (and the 32-bit-word field's module beside it), then times ours
# (default, wide-arithmetic and 32-bit modules) against snarkjs 0.7.6 and @noble/curves 2.4.0 in headless Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
bash scripts/setup.sh
bash scripts/build.sh
# The 32-bit-word field's module (feature fq32, not shipped), for the side-by-side: built as the default module is (same
# profile, same wasm-opt), in its own target dir; it runs behind the package's glue, so that glue must be its own.
CARGO_TARGET_DIR=target/fq32 cargo build -q --locked --lib --target wasm32-unknown-unknown --profile wasm-release --features fq32
rm -rf target/fq32/bindgen && mkdir -p target/bench
wasm-bindgen --target web --out-dir target/fq32/bindgen target/fq32/wasm32-unknown-unknown/wasm-release/zkbridge_light.wasm
cmp target/fq32/bindgen/zkbridge_light.js target/pkg-js/zkbridge_light_core.js
./node_modules/.bin/wasm-opt -Oz --converge --low-memory-unused --strip-producers --strip-target-features \
  target/fq32/bindgen/zkbridge_light_bg.wasm -o target/bench/fq32.wasm
node scripts/bench.mjs
# The light client over a growing devnet: sync over 1, 10 and 50 blocks, node and Chromium side by side.
node bench/sync.mjs
