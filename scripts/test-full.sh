#!/usr/bin/env bash
# Every arithmetic path at full counts (issue 21), beside the test command, which runs them at reduced counts: the
# 32-bit-word base field and the 64-bit-limb u128 one (feature `wide`, the wide-arithmetic module's) against ark-bn254
# on 10⁶ random elements (mul, square, add, sub, inverse; sqrt on every 16th) and 1,000 random pairings and
# multi-pairings (bn254/tests/fq32.rs), then every native suite of the package (the Groth16, precompile, block-model,
# client, walk, reorg, soak and fuzz-corpus tests) on ark-bn254's arithmetic and on both other fields. Release builds;
# about 15 minutes on the 2-core machine.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
bash scripts/setup.sh >/dev/null
BN254_ELEMENTS=1000000 BN254_PAIRINGS=1000 cargo test --release --locked -p zkbridge-bn254 --test fq32
BN254_ELEMENTS=1000000 BN254_PAIRINGS=1000 cargo test --release --locked -p zkbridge-bn254 --features wide --lib --test fq32
cargo test --release --locked -p zkbridge-light
cargo test --release --locked -p zkbridge-light --features fq32
cargo test --release --locked -p zkbridge-light --features wide
