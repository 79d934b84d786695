#!/usr/bin/env bash
# The devnet's command-line driver: compiles the contracts (solc-js) and runs `zkbridge-devnet <command>` (default: up).
#   bash scripts/devnet.sh up | burn <from> <to> <symbol> <amount> | block | status   [--deployment PATH]
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
bash scripts/setup.sh >/dev/null
node contracts/build.mjs
cargo run -q --release --locked -p zkbridge-devnet -- "${@:-up}"
