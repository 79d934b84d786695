#!/usr/bin/env bash
# Installs what is missing (idempotent) on a Debian machine, as root: Chromium + ChromeDriver, Node/npm, the wasm32 target,
# the wasm-bindgen CLI pinned to Cargo.lock's wasm-bindgen, wasm-pack, and the npm dev tools (binaryen's wasm-opt, snarkjs,
# ethers, playwright-core). Nothing is downloaded at build or test time after this.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
t0=$(date +%s)

missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v chromedriver >/dev/null || missing+=(chromium-driver)
command -v node >/dev/null || missing+=(nodejs)
command -v npm >/dev/null || missing+=(npm)
command -v gzip >/dev/null || missing+=(gzip)
command -v cc >/dev/null || missing+=(build-essential)
command -v pkg-config >/dev/null || missing+=(pkg-config)
dpkg -s libssl-dev >/dev/null 2>&1 || missing+=(libssl-dev)
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: apt-get install ${missing[*]}"
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
fi
if ! command -v cargo >/dev/null; then
  echo "setup: cargo/rustup not found; this project needs a Rust toolchain (rustup) on the machine" >&2
  exit 1
fi

rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
rustup component list --installed | grep -q '^clippy' || rustup component add clippy
rustup component list --installed | grep -q '^rustfmt' || rustup component add rustfmt

wb=$(awk '/^name = "wasm-bindgen"$/ {getline; gsub(/version = |"/, ""); print; exit}' Cargo.lock)
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$wb" ] ||
   [ "$(wasm-bindgen-test-runner --version 2>/dev/null | awk '{print $2}')" != "$wb" ]; then
  echo "setup: cargo install wasm-bindgen-cli --version =$wb"
  cargo install -q wasm-bindgen-cli --version "=$wb" --force
fi
command -v wasm-pack >/dev/null || cargo install -q wasm-pack --version 0.15.1

if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -d node_modules/snarkjs ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
# All crates (host and wasm32) are fetched here; builds and tests then run with what is on disk.
cargo fetch --locked -q
echo "setup: done in $(( $(date +%s) - t0 )) s"
