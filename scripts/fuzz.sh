#!/usr/bin/env bash
# Installs what is missing (g++ for libFuzzer, cargo-fuzz) and fuzzes every target of fuzz/targets.rs with `cargo fuzz` on
# the stable toolchain (--sanitizer none, no --build-std), SECONDS_PER_TARGET each (default 60), starting from the seed
# corpus the test command replays. Prints a table: runs, runs per second, corpus size and findings per target. A finding
# (panic or failed oracle) is moved into fuzz/regressions/<target>/ so that the test command replays it from then on; an
# out-of-memory, timeout or slow input stays in fuzz/artifacts/<target>/ to be looked at; either way the command fails.
# (cargo fuzz's own corpus for each run is target/fuzz/corpus/<target>/, never the committed regressions.)
#
#   bash scripts/fuzz.sh                 # every target, 60 s each
#   SECONDS_PER_TARGET=600 bash scripts/fuzz.sh evidence precompile
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
export CARGO_TERM_COLOR=never
secs=${SECONDS_PER_TARGET:-60}

command -v c++ >/dev/null || { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q g++; }
command -v cargo >/dev/null || { echo "fuzz: this needs a Rust toolchain (rustup) on the machine" >&2; exit 1; }
[ "$(cargo fuzz --version 2>/dev/null | awk '{print $2}')" = "0.13.2" ] || cargo install -q cargo-fuzz --version 0.13.2 --locked

all=$(ls fuzz/fuzz_targets | sed 's/\.rs$//')
targets=${*:-$all}
work=target/fuzz
rm -rf "$work/seeds"
mkdir -p "$work/seeds"
# The seeds and every committed finding, written by the same code the test command replays them with.
FUZZ_SEED_DIR="$PWD/$work/seeds" cargo test -q --workspace --locked --test fuzz -- --ignored --exact write_seeds >/dev/null

# One build of every target (cargo fuzz builds them all when none is named).
(cd fuzz && cargo fuzz build --sanitizer none --debug-assertions)
found=0
rows=()
for t in $targets; do
  mkdir -p "$work/corpus/$t" "fuzz/artifacts/$t"
  log="$work/$t.log"
  set +e
  (cd fuzz && cargo fuzz run --sanitizer none --debug-assertions "$t" "../$work/corpus/$t" "../$work/seeds/$t" -- \
    -max_total_time="$secs" -rss_limit_mb=4096 -timeout=30 -max_len=262144 -print_final_stats=1) >"$log" 2>&1
  rc=$?
  set -e
  runs=$(awk '/^stat::number_of_executed_units:/ {print $2}' "$log" | tail -1)
  persec=$(awk '/^stat::average_exec_per_sec:/ {print $2}' "$log" | tail -1)
  size=$(ls "$work/corpus/$t" | wc -l)
  findings=0
  for a in fuzz/artifacts/"$t"/*; do
    [ -f "$a" ] || continue
    findings=$((findings + 1))
    case "$(basename "$a")" in
      crash-*)
        # A panic or a failed oracle: kept as a regression, replayed by the test command from now on.
        mkdir -p "fuzz/regressions/$t"
        mv "$a" "fuzz/regressions/$t/$(basename "$a")"
        echo "fuzz: $t: finding $(basename "$a") moved to fuzz/regressions/$t/ (replayed by the test command)" ;;
      *)
        # Out of memory, a timeout or a slow unit: left in fuzz/artifacts/ for a person (the replay has no such limits).
        echo "fuzz: $t: finding $a (not a crash: look at it before keeping it as a regression)" ;;
    esac
  done
  if [ "$rc" -ne 0 ] && [ "$findings" -eq 0 ]; then
    echo "fuzz: $t stopped with status $rc and no finding; its log: $log" >&2
    tail -20 "$log" >&2
    findings=1
  fi
  [ "$findings" -eq 0 ] || { found=1; grep -m3 -E "panicked|assertion|ERROR" "$log" || true; }
  rows+=("$(printf '%-18s %12s %10s %8s %8s' "$t" "${runs:-?}" "${persec:-?}" "$size" "$findings")")
done
echo
printf '%-18s %12s %10s %8s %8s\n' target runs "runs/s" corpus findings
printf '%s\n' "${rows[@]}"
echo "($secs s per target, cargo fuzz --sanitizer none, stable $(rustc --version | awk '{print $2}'))"
exit $found
