// Benchmark (not a test): BridgeClient.sync from the genesis anchor over 1, 10 and 50 devnet blocks, in node and in headless
// Chromium side by side: wall time, RPC requests, time spent waiting for RPC and time spent verifying (everything else: ABI
// decoding, recomputed commitments and sync hashes, the Groth16 check). Starts its own devnet (two anvil chains, contracts,
// operator; one burn per block) on ports 38545/38546/38547 and grows it to 50 blocks.
//   node bench/sync.mjs            (after `bash scripts/build.sh`; scripts/bench.sh runs it)
//   BENCH_SYNC_BASELINE=<a built pkg/ of another commit> node bench/sync.mjs   (both packages side by side in one run)
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ethers } from "ethers";
import { loadPkg } from "../tests/node/load.mjs";
import { serve } from "../scripts/serve.mjs";
import { launch } from "../tests/node/browser.mjs";
import { startDevnet, devnetBin } from "../tests/node/devnet.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const SIZES = (process.env.BENCH_SYNC_SIZES || "1,10,50").split(",").map(Number);
const PORTS = { a: 38545, b: 38546, control: 38547 };
const depPath = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "zkbl-bench-")), "deployment.json");
const f1 = (x) => x.toFixed(1);

const mod = await loadPkg();
// Another build to compare with, copied under target/ so that the page can import it from the same origin.
const BASE_DIR = process.env.BENCH_SYNC_BASELINE;
let baseline = null;
if (BASE_DIR) {
  const to = path.join(root, "target", "bench-baseline");
  fs.rmSync(to, { recursive: true, force: true });
  fs.cpSync(BASE_DIR, to, { recursive: true });
  baseline = await import(path.join(to, "zkbridge_light.js"));
  baseline.initSync({ module: fs.readFileSync(path.join(to, "zkbridge_light_bg.wasm")) });
}
const { deployment, stop } = await startDevnet({ ports: PORTS, depPath, intervalMs: 100 });
const views = deployment.chains.map((c) => new ethers.Contract(c.bridge, ["function totalBlocksExecuted() view returns (uint32)"],
  new ethers.JsonRpcProvider(c.rpcUrl, undefined, { staticNetwork: true })));
const executed = async () => Math.min(...await Promise.all(views.map(async (v) => Number(await v.totalBlocksExecuted()))));

const server = await serve(0);
const origin = `http://127.0.0.1:${server.address().port}`;
const browser = await launch();
const page = await browser.ctx.newPage();
await page.goto(`${origin}/bench/bench.html?impl=none`);

/** One fresh client syncing from genesis: its wall time, requests, RPC wait and verify time. */
async function syncOnce(m, deployment) {
  const client = new m.BridgeClient({ deployment, storage: null }); // from genesis every time: no stored checkpoint
  const t0 = performance.now();
  let blocks = 0;
  const last = await client.sync({ onProgress: (p) => { blocks = p.verified - p.anchor; } });
  const wallMs = performance.now() - t0;
  const { requests, readMs } = client.stats;
  client.close();
  return { blocks, approved: last?.approved ?? false, wallMs, requests, readMs, verifyMs: wallMs - readMs };
}

/**
 * A cold page's first verdict (issue 21): a fresh browser profile (no HTTP or wasm code cache), the package imported
 * (its JS fetched and compiled), `init()` (the .wasm fetched and compiled), then a fresh client's verdict on block 1
 * (its Worker starting, its RPC, and the judgement): split into import / init / RPC wait / the rest.
 */
async function coldFirstVerdict(deployment) {
  const cold = await launch();
  try {
    const p = await cold.ctx.newPage();
    await p.goto(`${origin}/bench/bench.html?impl=none`);
    return await p.evaluate(async ({ deployment }) => {
      const t0 = performance.now();
      const m = await import("/pkg/zkbridge_light.js");
      const t1 = performance.now();
      await m.default();
      const t2 = performance.now();
      const client = new m.BridgeClient({ deployment, storage: null });
      const verdict = await client.verify(1);
      const t3 = performance.now();
      const { readMs } = client.stats;
      client.close();
      return { importMs: t1 - t0, initMs: t2 - t1, rpcMs: readMs, restMs: t3 - t2 - readMs, totalMs: t3 - t0, approved: verdict.approved };
    }, { deployment });
  } finally {
    await cold.close();
  }
}

const rows = [];
const colds = [];
let burns = 0;
try {
  for (const size of SIZES) {
    // One burn per block: the operator seals every pending burn into one block, so each burn waits for the block before.
    while (burns < size) {
      execFileSync(devnetBin, ["burn", "1", "2", "USDX", "1", "--deployment", depPath], { cwd: root, stdio: "ignore" });
      burns++;
      while ((await executed()) < burns) await new Promise((r) => setTimeout(r, 200));
    }
    const inPageOf = (url) => page.evaluate(async ({ deployment, src, url }) => {
      const m = await import(url);
      await m.default();
      return (0, eval)(`(${src})`)(m, deployment);
    }, { deployment, src: syncOnce.toString(), url });
    const inNode = await syncOnce(mod, deployment);
    const inPage = await inPageOf("/pkg/zkbridge_light.js");
    rows.push({ size, build: "this", node: inNode, chromium: inPage });
    if (baseline) {
      rows.push({ size, build: "baseline", node: await syncOnce(baseline, deployment),
        chromium: await inPageOf("/target/bench-baseline/zkbridge_light.js") });
    }
    console.error(`synced ${size}: node ${f1(inNode.wallMs)} ms, Chromium ${f1(inPage.wallMs)} ms`);
  }
  for (let k = 0; k < 5; k++) colds.push(await coldFirstVerdict(deployment));
} finally {
  await browser.close();
  server.close();
  stop();
}

console.log("BridgeClient.sync from the genesis anchor (a fresh client each time; 2 chains, 1 endpoint each; anvil on 127.0.0.1)");
console.log("| blocks | build | where | wall | RPC requests | waiting for RPC | verifying (decode + recompute + Groth16) | per block | approved |");
console.log("|---|---|---|---|---|---|---|---|---|");
for (const r of rows) {
  for (const where of ["node", "chromium"]) {
    const x = r[where];
    console.log(`| ${r.size} | ${r.build} | ${where} | ${f1(x.wallMs)} ms | ${x.requests} | ${f1(x.readMs)} ms | ${f1(x.verifyMs)} ms | ${f1(x.wallMs / x.blocks)} ms | ${x.approved} (${x.blocks} blocks) |`);
  }
}
// The sample with the median total, with its own parts (medians of parts would not add up).
const c = [...colds].sort((x, y) => x.totalMs - y.totalMs)[colds.length >> 1];
console.log(`\nA cold page's first verdict (block 1; fresh browser profiles, the median of ${colds.length}): ${f1(c.totalMs)} ms = ` +
  `import ${f1(c.importMs)} (the package's JS fetched and compiled) + init ${f1(c.initMs)} (the .wasm fetched and ` +
  `compiled) + RPC wait ${f1(c.rpcMs)} + the rest ${f1(c.restMs)} (the Worker starting, decoding, recomputing, ` +
  `the Groth16 check); approved: ${colds.every((x) => x.approved)}`);
if (baseline) {
  for (const size of SIZES) {
    const [a, b] = ["this", "baseline"].map((k) => rows.find((r) => r.size === size && r.build === k));
    console.log(`${size} blocks: wall this/baseline node ${(a.node.wallMs / b.node.wallMs).toFixed(2)}, Chromium ${(a.chromium.wallMs / b.chromium.wallMs).toFixed(2)}`);
  }
}
