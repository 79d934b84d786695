#!/usr/bin/env bash
# Installs what is missing, then runs every check and test: the contracts' compilation, fmt, clippy (host and wasm32), docs,
# native tests (the light client and the devnet on two anvil chains), browser tests in headless Chromium, the release package
# build, and the node cross-checks. Prints how long each step took.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
export CARGO_TERM_COLOR=never
summary=()
step() {
  local name=$1; shift
  echo "=== $name"
  local t0; t0=$(date +%s)
  "$@"
  local dt=$(( $(date +%s) - t0 ))
  summary+=("$(printf '%-28s %4d s' "$name" "$dt")")
  echo "=== $name: ${dt} s"
}
t_all=$(date +%s)
step setup bash scripts/setup.sh
step "contracts (solc-js)" node contracts/build.mjs
step "cargo fmt --check" cargo fmt --all -- --check
# The whole workspace on the host (the light client, its arithmetic and the devnet); the light client and its arithmetic
# for wasm32.
step "clippy (host)" cargo clippy --workspace --all-targets --locked -- -D warnings
step "clippy (wasm32)" cargo clippy -p zkbridge-light -p zkbridge-bn254 -p zkbridge-mont32 --all-targets --locked --target wasm32-unknown-unknown -- -D warnings
step "cargo doc" env RUSTDOCFLAGS="-D warnings" cargo doc --workspace --no-deps --locked
# Native tests; the devnet's start two anvil chains each, and run the circuit's setup once (keys cached in devnet/.keys/).
step "cargo test (native)" cargo test --workspace --locked
# The verifier's suites once more on the package's second arithmetic: ark-bn254's is the default module's; feature `wide`
# (the curve over the base field multiplied on 64-bit limbs with u128 products, bn254/) is the wide-arithmetic module's
# (pkg/wide/), and its differential tests against ark-bn254. The 32-bit-word product (feature `fq32`, not shipped) has its
# differential tests in the workspace run above, and every suite in scripts/test-full.sh.
wide_suites() {
  cargo test -p zkbridge-bn254 --features wide --locked --lib --test fq32 &&
    cargo test -p zkbridge-light --features wide --locked --test groth16 --test precompile --test protocol --test client
}
step "cargo test (wide)" wide_suites
browser_tests() {
  rm -rf /tmp/zkbridge-light-chromium-profile
  WASM_BINDGEN_TEST_TIMEOUT=600 wasm-pack test --mode no-install --headless --chrome --chromedriver /usr/bin/chromedriver \
    -- --locked --test wasm 2>&1 | grep -v 'failed to get wasm-pack version'
  return "${PIPESTATUS[0]}"
}
step "browser tests (Chromium)" browser_tests
step "build pkg (release)" bash scripts/build.sh
# One test file at a time: several headless Chromiums, anvil and solc at once starve a 2-core machine.
step "node tests" node --test --test-concurrency=1 tests/node/
# The API-surface check, when CI has laid it beside the clone.
if [ -f ../shared/checks/api-surface.mjs ]; then
  step "api surface" node ../shared/checks/api-surface.mjs pkg
fi
echo
echo "step timings:"
printf '  %s\n' "${summary[@]}"
echo "  total $(( $(date +%s) - t_all )) s"
