#!/usr/bin/env bash
# The devnet: installs what is missing, compiles the contracts (solc-js) and runs `zkbridge-devnet <command>`.
# Without a command: the whole bridge without the page — both anvil chains on 127.0.0.1:8545 and :8546, the contracts, the
# operator (control on :8547) — until Ctrl-C, which stops everything it started.
#   bash scripts/devnet.sh [run | up | burn <from> <to> <symbol> <amount> | block | status | seal | pause | resume] [options]
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
bash scripts/setup.sh >/dev/null
node contracts/build.mjs >/dev/null
# The optimized build the tests use (opt-level 3, no LTO): the prover needs the optimizations, and CI shares the artifacts.
cargo build -q --profile test --locked -p zkbridge-devnet --bin zkbridge-devnet
bin=target/debug/zkbridge-devnet
if [ $# -eq 0 ]; then set -- run --ports 8545,8546; fi
exec "$bin" "$@"
