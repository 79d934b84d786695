#!/usr/bin/env bash
# Installs what is missing, builds the package, starts the whole bridge (two anvil chains, contracts, operator) and serves
# the demo page at http://127.0.0.1:${PORT:-8080}/www/. Ctrl-C stops everything it started.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
bash scripts/setup.sh
bash scripts/build.sh
node contracts/build.mjs
cargo build -q --profile test --locked -p zkbridge-devnet --bin zkbridge-devnet
pids=()
cleanup() {
  trap - INT TERM EXIT
  for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup INT TERM EXIT
node scripts/serve.mjs "${PORT:-8080}" &
pids+=($!)
target/debug/zkbridge-devnet run --ports "${CHAIN_PORTS:-8545,8546}" --control-port "${CONTROL_PORT:-8547}" &
pids+=($!)
echo "page: http://127.0.0.1:${PORT:-8080}/www/"
wait -n "${pids[@]}" || true
