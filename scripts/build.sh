#!/usr/bin/env bash
# Release build of the npm package in pkg/: wasm-pack (target web, no download of wasm-opt) then npm binaryen's wasm-opt.
set -euo pipefail
cd "$(dirname "$0")/.."
wasm-pack build --mode no-install --profile wasm-release --target web --out-dir pkg 2> >(grep -v 'failed to get wasm-pack version' >&2)
# Debian's binaryen 108 corrupts wasm-bindgen output: always use the npm one, by path.
./node_modules/.bin/wasm-opt -Oz pkg/zkbridge_light_bg.wasm -o pkg/zkbridge_light_bg.wasm
# The wallet-flow module ships in the package next to the wasm bindings.
cp js/wallet.js pkg/wallet.js
node -e '
const fs = require("fs"); const p = JSON.parse(fs.readFileSync("pkg/package.json", "utf8"));
p.files = [...new Set([...(p.files || []), "wallet.js"])];
p.exports = { ".": { types: "./zkbridge_light.d.ts", default: "./zkbridge_light.js" }, "./wallet": "./wallet.js" };
fs.writeFileSync("pkg/package.json", JSON.stringify(p, null, 2) + "\n");'
raw=$(stat -c %s pkg/zkbridge_light_bg.wasm); gz=$(gzip -9 -c pkg/zkbridge_light_bg.wasm | wc -c)
echo "pkg/zkbridge_light_bg.wasm: ${raw} bytes raw, ${gz} bytes gzipped"
