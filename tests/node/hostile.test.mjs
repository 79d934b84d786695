// The JS boundary never breaks the module: 10,000 calls of each hostile or careless kind, in node and in Chromium, then a
// good proof still verifies and the wasm memory and tables have not grown; every bound has a just-inside and a just-outside case.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { loadPkg, readJson, root } from "./load.mjs";
import { run } from "./hostile.js";
import { openPage } from "./browser.mjs";

const N = Number(process.env.HOSTILE_CALLS || 10000);
const set = "tests/fixtures/iden3-jwz-authv2";
const fixture = () => ({ vk: readJson(set, "verification_key.json"), proof: readJson(set, "proof.json"), pub: readJson(set, "public.json") });

function check(report, where) {
  assert.deepEqual(report.wrong, [], where);
  for (const [name, got, ok] of report.bounds) assert.ok(ok, `${where}: ${name} gave ${got}`);
  assert.ok(report.stillVerifies, `${where}: a good proof no longer verifies`);
  assert.ok(report.threwThenFreed, `${where}: a verifier that threw could not be freed`);
  assert.deepEqual(report.after, report.before, `${where}: wasm memory or tables grew`);
  console.log(`${where}: ${N} calls per kind, ms per kind:`, JSON.stringify(report.timesMs), "memory", report.after.memory, "tables", report.after.tables);
}

test(`node: ${N} hostile calls of each kind leave the module working`, async () => {
  const mod = await loadPkg();
  const exports = mod.initSync({ module: fs.readFileSync(path.join(root, "pkg", "zkbridge_light_bg.wasm")) });
  check(run(mod, exports, fixture(), N), "node");
});

test(`Chromium: ${N} hostile calls of each kind leave the module working`, async () => {
  const { page, errors, close } = await openPage();
  try {
    const report = await page.evaluate(async ({ fx, n }) => {
      const mod = await import("/pkg/zkbridge_light.js");
      const exports = await mod.default();
      const { run } = await import("/tests/node/hostile.js");
      return run(mod, exports, fx, n);
    }, { fx: fixture(), n: N });
    check(report, "Chromium");
    assert.deepEqual(errors, []);
  } finally {
    await close();
  }
});
