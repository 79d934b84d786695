// The demo's start skips the Solidity compile when nothing it reads changed (a content hash, `contracts/out/.inputs-sha256`)
// and compiles again when a source changes; the package build does the same (`pkg/.inputs-sha256`): skipped when its stamp
// is the inputs' hash, rebuilt (and stamped again) when it is not.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { root } from "./load.mjs";

test("contracts/build.mjs compiles, skips when unchanged, compiles again after an edit", { timeout: 120_000 }, () => {
  // A copy under target/ (so that `solc` resolves from this checkout's node_modules) with one small source.
  const dir = path.join(fs.mkdtempSync(path.join(root, "target", "build-cache-")), "contracts");
  try {
    fs.mkdirSync(dir);
    fs.copyFileSync(path.join(root, "contracts", "build.mjs"), path.join(dir, "build.mjs"));
    fs.copyFileSync(path.join(root, "contracts", "IZkBridge.sol"), path.join(dir, "IZkBridge.sol"));
    const run = () => execFileSync("node", [path.join(dir, "build.mjs")], { encoding: "utf8" });
    assert.match(run(), /contracts: 1 compiled/);
    const abi = fs.readFileSync(path.join(dir, "out", "IZkBridge.json"), "utf8");
    assert.match(run(), /contracts: unchanged \(inputs [0-9a-f]{12}\), compile skipped/);
    // Twin: a changed source is compiled again (a new function appears in the ABI).
    const src = fs.readFileSync(path.join(dir, "IZkBridge.sol"), "utf8");
    fs.writeFileSync(path.join(dir, "IZkBridge.sol"), src.replace(/}\s*$/, "    function cacheProbe() external;\n}\n"));
    assert.match(run(), /contracts: 1 compiled/);
    const after = fs.readFileSync(path.join(dir, "out", "IZkBridge.json"), "utf8");
    assert.notEqual(after, abi);
    assert.match(after, /cacheProbe/);
  } finally {
    fs.rmSync(path.dirname(dir), { recursive: true, force: true });
  }
});

test("scripts/build.sh skips an unchanged package and rebuilds when its stamp does not match", { timeout: 300_000 }, () => {
  const sh = (...a) => execFileSync("bash", [path.join(root, "scripts", "build.sh"), ...a], { cwd: root, encoding: "utf8" });
  const stamp = path.join(root, "pkg", ".inputs-sha256");
  const hash = sh("--print-hash").trim();
  assert.match(hash, /^[0-9a-f]{64}$/);
  assert.equal(sh("--print-hash").trim(), hash, "the inputs' hash is stable");
  assert.equal(fs.readFileSync(stamp, "utf8").trim(), hash);
  assert.match(sh(), /package: unchanged \(inputs [0-9a-f]{12}\), build skipped/);
  // Twin: a stamp that is not the inputs' hash (as after an edit) rebuilds the package and stamps it again.
  fs.writeFileSync(stamp, "0".repeat(64) + "\n");
  const out = sh();
  assert.match(out, /pkg\/zkbridge_light_bg\.wasm: \d+ bytes raw, \d+ bytes gzipped/);
  assert.equal(fs.readFileSync(stamp, "utf8").trim(), hash);
});
