#!/usr/bin/env bash
# Installs what is missing, builds the package, starts the whole bridge (two anvil chains, contracts, operator) and serves
# the demo page at http://127.0.0.1:${PORT:-8080}/www/. Ctrl-C stops everything it started.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
# Each step is timed; the package build and the Solidity compile are skipped when their inputs did not change (content
# hashes), so a warm start spends its time starting the chains. The breakdown is printed with the URL.
t_start=$(date +%s%N)
breakdown=()
timed() {
  local name=$1; shift
  local t0; t0=$(date +%s%N)
  "$@"
  breakdown+=("$name $(( ($(date +%s%N) - t0) / 1000000 )) ms")
}
timed setup bash scripts/setup.sh
timed package bash scripts/build.sh
timed contracts node contracts/build.mjs
timed "devnet build" cargo build -q --profile test --locked -p zkbridge-devnet --bin zkbridge-devnet
t_chains=$(date +%s%N)
pids=()
cleanup() {
  trap - INT TERM EXIT
  for p in "${pids[@]}" ${waiter:-}; do kill -TERM "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup INT TERM EXIT
# The deployment file this run writes (DEPLOYMENT overrides; a test passes a temporary path so the tree is never touched).
# Removed first: the URL is printed only once this run's file exists and the page answers, never for a stale one.
dep="${DEPLOYMENT:-devnet/deployment.json}"
rm -f "$dep"
page="http://127.0.0.1:${PORT:-8080}/www/"
node scripts/serve.mjs "${PORT:-8080}" --deployment "$dep" &
pids+=($!)
# CHAINS=N (2 to 6) starts N chains; CHAIN_PORTS then lists N ports (default 8545, 8546, … but the control port).
chains="${CHAINS:-2}"
default_ports=$(seq -s, 8545 $((8545 + chains - 1)))
[ "$chains" -ge 3 ] && default_ports=$(seq -s, 8545 $((8545 + chains)) | sed 's/,8547,/,/')
target/debug/zkbridge-devnet run --deployment "$dep" --chains "$chains" --ports "${CHAIN_PORTS:-$default_ports}" --control-port "${CONTROL_PORT:-8547}" &
pids+=($!)
DEP="$dep" PAGE="$page" node --input-type=module -e '
import fs from "node:fs";
for (;;) {
  try {
    JSON.parse(fs.readFileSync(process.env.DEP, "utf8"));
    if ((await fetch(process.env.PAGE)).ok && (await fetch(new URL("../devnet/deployment.json", process.env.PAGE))).ok) break;
  } catch { /* not yet */ }
  await new Promise((r) => setTimeout(r, 300));
}' &
waiter=$!
# The URL is printed once the page is usable; a part that stops first ends the demo (its error is above).
while kill -0 "$waiter" 2>/dev/null; do
  for p in "${pids[@]}"; do
    if ! kill -0 "$p" 2>/dev/null; then kill "$waiter" 2>/dev/null || true; echo "the demo stopped before the page was usable" >&2; exit 1; fi
  done
  sleep 0.3
done
breakdown+=("chains and page $(( ($(date +%s%N) - t_chains) / 1000000 )) ms")
joined=$(printf '%s, ' "${breakdown[@]}")
echo "ready in $(( ($(date +%s%N) - t_start) / 1000000 )) ms: ${joined%, }"
echo "page: $page"
wait -n "${pids[@]}" || true
