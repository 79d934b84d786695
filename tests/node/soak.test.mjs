// The soak's browser parts (issue 20), small here and full in `bash scripts/soak.sh`:
// - SOAK_CYCLES (2,000 here, 100,000 there) Groth16Verifier create / verify / free cycles in Chromium: the wasm memory grows
//   less than a fixed bound once warm (wasm memory never shrinks), and the JS heap returns to where it was after a forced GC;
// - one Chromium page follows the devnet while SOAK_BURNS burns (8 here, 400 there; two per block, so 4 and 200 blocks) are
//   sent and each is tracked to its mint by one BridgeClient (the package's, as the page runs it, its core in the page
//   thread so that its wasm memory can be read): every burn approved and minted, the wasm memory and the heap after GC
//   within fixed bounds. Both print their figures.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { readJson, root } from "./load.mjs";
import { openPage } from "./browser.mjs";
import { startDevnet, devnetBin } from "./devnet.mjs";

const CYCLES = Number(process.env.SOAK_CYCLES || 2000);
const BURNS = Number(process.env.SOAK_BURNS || 8);
const MiB = 1 << 20;

async function page() {
  const { page: p, errors, ctx, close } = await openPage();
  await p.evaluate(async () => {
    const mod = await import("/pkg/zkbridge_light.js");
    const exports = await mod.default();
    window.mod = mod;
    window.wasmBytes = () => exports.memory.buffer.byteLength;
  });
  const cdp = await ctx.newCDPSession(p);
  /** The JS heap in use after a forced garbage collection, and the wasm memory. */
  const measure = async () => {
    await cdp.send("HeapProfiler.collectGarbage");
    await cdp.send("HeapProfiler.collectGarbage");
    const { usedSize } = await cdp.send("Runtime.getHeapUsage");
    return { heap: usedSize, wasm: await p.evaluate(() => window.wasmBytes()) };
  };
  return { p, errors, measure, close };
}

const mb = (b) => (b / MiB).toFixed(2);

test(`Chromium: ${CYCLES} Groth16Verifier create / verify / free cycles in bounded memory`, { timeout: 3_600_000 }, async () => {
  const sample = readJson("devnet", "samples", "verify-block.json");
  const { p, errors, measure, close } = await page();
  try {
    const input = await p.evaluate((s) => window.mod.blockPublicInput(s.prevBlock, s.block), sample);
    const run = (n) => p.evaluate(({ n, vk, proof, input }) => {
      const t0 = performance.now();
      let ok = 0;
      for (let i = 0; i < n; i++) {
        const v = new window.mod.Groth16Verifier(vk);
        if (v.verify(proof, [input]) === true) ok++;
        v.free();
      }
      return { ok, ms: performance.now() - t0 };
    }, { n, vk: sample.vk, proof: sample.proof, input });
    const warm = Math.min(200, CYCLES);
    assert.equal((await run(warm)).ok, warm);
    const before = await measure();
    let done = 0, ms = 0;
    const samples = [];
    while (done < CYCLES) {
      const n = Math.min(5000, CYCLES - done);
      const r = await run(n);
      assert.equal(r.ok, n, "every cycle verifies");
      done += n;
      ms += r.ms;
      samples.push({ done, ...(await measure()) });
    }
    const after = samples[samples.length - 1];
    console.log(`# ${CYCLES} cycles in ${(ms / 1000).toFixed(1)} s (${(ms / CYCLES).toFixed(2)} ms each); wasm memory ${mb(before.wasm)} → ${mb(after.wasm)} MiB; JS heap after GC ${mb(before.heap)} → ${mb(after.heap)} MiB (max ${mb(Math.max(...samples.map((s) => s.heap)))})`);
    assert.ok(after.wasm - before.wasm <= 1 * MiB, `wasm memory grew ${after.wasm - before.wasm} bytes`);
    assert.ok(after.heap - before.heap <= 2 * MiB, `the JS heap after GC grew ${after.heap - before.heap} bytes`);
    assert.deepEqual(errors, []);
  } finally {
    await close();
  }
});

test(`Chromium: one page follows the devnet while ${BURNS} burns are tracked to their mints, in bounded memory`, { timeout: 7_200_000 }, async () => {
  const depPath = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "zkbl-soak-")), "deployment.json");
  const control = Number(process.env.SOAK_CONTROL_PORT || 39547);
  const devnet = await startDevnet({ ports: { chains: [0, 0], control }, depPath, intervalMs: 1500, batch: 2 });
  const { p, errors, measure, close } = await page();
  try {
    await p.evaluate((deployment) => {
      window.client = new window.mod.BridgeClient({ deployment, worker: false, timeoutMs: 10_000 });
      window.done = [];
      window.track = (txHash, chainId) => window.client.track({ chainId, txHash }, { pollMs: 250 }).then(
        ({ verdict, mint }) => window.done.push({ txHash, approved: verdict.approved, minted: !!mint?.txHash }),
        (e) => window.done.push({ txHash, error: `${e.code}: ${e.message}` }));
    }, devnet.deployment);
    const burn = (from, to, amount) => execFileSync(devnetBin, ["burn", String(from), String(to), "USDX", amount, "--deployment", depPath],
      { cwd: root, encoding: "utf8" }).match(/burn sent: (0x[0-9a-f]{64})/)[1];
    const t0 = Date.now();
    let before = null;
    const samples = [];
    for (let i = 0; i < BURNS; i += 2) {
      const pair = [[1, 2, `${1 + (i % 7)}.25`], [2, 1, `${2 + (i % 5)}.5`]].slice(0, Math.min(2, BURNS - i));
      for (const [from, to, amount] of pair) {
        const tx = burn(from, to, amount);
        await p.evaluate(([tx, chainId]) => { window.track(tx, chainId); }, [tx, from]);
      }
      await p.waitForFunction((n) => window.done.length >= n, i + pair.length, { timeout: 300_000, polling: 250 });
      const m = await measure();
      if (i === 0) before = m;
      samples.push({ burns: i + pair.length, ...m });
    }
    const done = await p.evaluate(() => window.done);
    const after = samples[samples.length - 1];
    const s = (Date.now() - t0) / 1000;
    const failed = done.filter((d) => !d.approved || !d.minted);
    assert.equal(failed.length, 0, `not approved and minted: ${JSON.stringify(failed.slice(0, 5))}`);
    const blocks = await p.evaluate(() => window.client.verifiedRange?.[1] ?? null);
    console.log(`# ${BURNS} burns (${BURNS / 2} blocks${blocks ? `, verified up to block ${blocks}` : ""}) tracked to their mints in ${s.toFixed(0)} s; wasm memory ${mb(before.wasm)} → ${mb(after.wasm)} MiB; JS heap after GC ${mb(before.heap)} → ${mb(after.heap)} MiB (max ${mb(Math.max(...samples.map((x) => x.heap)))})`);
    assert.ok(after.wasm - before.wasm <= 4 * MiB, `wasm memory grew ${after.wasm - before.wasm} bytes`);
    assert.ok(after.heap - before.heap <= 8 * MiB, `the JS heap after GC grew ${after.heap - before.heap} bytes`);
    assert.deepEqual(errors, []);
  } finally {
    await close();
    devnet.stop();
  }
});
