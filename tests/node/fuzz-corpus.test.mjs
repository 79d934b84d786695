// The fuzz corpus through the JS API in Chromium (issue 20): the inputs the native test replays through fuzz/targets.rs
// (seeds, committed findings, and the first FUZZ_JS_MUTATIONS seeded mutations of each target) go to the public calls
// that read the same bytes. Every call returns or throws a coded BridgeError, and after every thrown error the module
// still verifies a good proof.
import { test } from "node:test";
import assert from "node:assert/strict";
import { fuzzCorpus, readJson } from "./load.mjs";
import { openPage } from "./browser.mjs";

const MUTATIONS = Number(process.env.FUZZ_JS_MUTATIONS || 150);
// Targets whose input the package reads only inside the core (the client's RPC answers, its stored record, the in-memory
// chains): they are fuzzed natively; the JS API has no call that takes those bytes alone.
const CORE_ONLY = ["rpc_answer", "stored_record", "client_transport"];

test(`Chromium: every fuzz target's seeds, findings and ${MUTATIONS} mutations through the JS API; a good proof verifies after every error`, async () => {
  const inputs = fuzzCorpus(MUTATIONS);
  const set = "tests/fixtures/iden3-jwz-authv2";
  const fx = { vk: readJson(set, "verification_key.json"), proof: readJson(set, "proof.json"), pub: readJson(set, "public.json") };
  const blockVk = readJson("devnet", "samples", "verify-block.json").vk;
  const { page, errors, close } = await openPage();
  try {
    const t0 = Date.now();
    const report = await page.evaluate(async ({ inputs, fx, blockVk }) => {
      const mod = await import("/pkg/zkbridge_light.js");
      await mod.default();
      const { feed } = await import("/tests/node/corpus.js");
      const verifier = new mod.Groth16Verifier(fx.vk);
      return { ...feed(mod, inputs, blockVk, () => verifier.verify(fx.proof, fx.pub)), exposed: Object.keys((await import("/tests/node/corpus.js")).calls(mod, blockVk)) };
    }, { inputs, fx, blockVk });
    const ms = Date.now() - t0;
    // Every target is either fed to the JS API or named as read only inside the core.
    assert.deepEqual([...report.exposed, ...CORE_ONLY].sort(), Object.keys(inputs).sort());
    assert.deepEqual(report.wrong, []);
    assert.ok(report.verifiesAfterEveryError);
    assert.deepEqual(errors, []);
    let total = 0;
    for (const [t, r] of Object.entries(report.targets)) {
      total += r.inputs;
      assert.ok(r.inputs > MUTATIONS, `${t}: ${r.inputs} inputs`);
      console.log(`${t}: ${r.inputs} inputs, ${r.returned} returned, ${r.threw} threw`, JSON.stringify(r.codes));
    }
    // Each target's inputs include some that are refused: the mutations reach the checks.
    for (const [t, r] of Object.entries(report.targets)) assert.ok(r.threw > 0, `${t}: nothing was refused`);
    console.log(`${total} inputs, ${report.checks} thrown errors each followed by a good verify, in ${ms} ms`);
  } finally {
    await close();
  }
});
