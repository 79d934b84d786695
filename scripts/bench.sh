#!/usr/bin/env bash
# Benchmark (not a test): builds the release package, then times ours against snarkjs 0.7.6 in headless Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
bash scripts/setup.sh
bash scripts/build.sh
node scripts/bench.mjs
# The light client over a growing devnet: sync over 1, 10 and 50 blocks, node and Chromium side by side.
node bench/sync.mjs
