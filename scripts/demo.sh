#!/usr/bin/env bash
# Installs what is missing, builds the package, and serves the demo page at http://127.0.0.1:${PORT:-8080}/www/
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
bash scripts/setup.sh
bash scripts/build.sh
exec node scripts/serve.mjs "${PORT:-8080}"
