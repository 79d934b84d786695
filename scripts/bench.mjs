// Benchmark (not a test): ours vs snarkjs 0.7.6 in headless Chromium, side by side in one run, a fresh browser profile per
// cold sample.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import zlib from "node:zlib";
import { serve } from "./serve.mjs";
import { launch } from "../tests/node/browser.mjs";

const COLD = Number(process.env.BENCH_COLD || 7);
const SETS = ["iden3-jwz-authv2", "generated/squares-n5", "generated/squares-n81"];
// BENCH_BASELINE=<a built pkg/ of another commit or build>: also that one ("baseline"), side by side in the same run.
const BASELINE = process.env.BENCH_BASELINE;
if (BASELINE) {
  fs.rmSync("target/bench-baseline", { recursive: true, force: true });
  fs.cpSync(BASELINE, "target/bench-baseline", { recursive: true });
}
// "ours-cached" right after "ours", which keeps the key's preparation in the page's storage for it.
// "ours-wide": ours in a Chromium started with `--js-flags=--wasm-wide-arithmetic`, where the package loads pkg/wide/.
// "ours-fq32": ours with the 32-bit-word field's module (feature fq32, not shipped), when scripts/bench.sh built it into
// target/bench/fq32.wasm. "noble": @noble/curves' bn254 pairing (bench/noble.js, bundled here).
const FQ32 = "target/bench/fq32.wasm";
const IMPLS = ["ours", "ours-cached", "ours-wide", ...(fs.existsSync(FQ32) ? ["ours-fq32"] : []), ...(BASELINE ? ["baseline"] : []),
  "snarkjs", "snarkjs-st", "noble"];
const query = (impl) => (impl === "ours-fq32" ? `impl=ours&wasm=../${FQ32}` : `impl=${impl}`);
{
  const { build } = await import("rolldown");
  await build({ input: "bench/noble.js", logLevel: "warn", output: { file: "target/bench/noble.js", format: "esm" } });
}
const WIDE_FLAG = "--js-flags=--wasm-wide-arithmetic";
const median = (a) => [...a].sort((x, y) => x - y)[a.length >> 1];
const f1 = (x) => x.toFixed(1);

const wasm = fs.readFileSync("pkg/zkbridge_light_bg.wasm");
const raw = wasm.length, gz = zlib.gzipSync(wasm, { level: 9 }).length;
const wideWasm = fs.readFileSync("pkg/wide/zkbridge_light_wide.wasm");
const wideRaw = wideWasm.length, wideGz = zlib.gzipSync(wideWasm, { level: 9 }).length;
const native = Object.fromEntries(execFileSync("cargo", ["run", "-q", "--release", "--locked", "--example", "bench_native"], { encoding: "utf8" })
  .trim().split("\n").map((l) => JSON.parse(l)).map((r) => [r.set, r]));

const server = await serve(0);
const origin = `http://127.0.0.1:${server.address().port}`;
const results = {};
// Cold means a fresh browser profile (no wasm code cache, no storage) for every sample of every implementation, except
// "ours-cached": it runs in the profile "ours" just used, as a returning visitor does (the key's preparation kept in its
// storage, and whatever code cache the browser kept).
for (const set of SETS) {
  results[set] = Object.fromEntries(IMPLS.map((i) => [i, []]));
  for (let k = 0; k < COLD; k++) {
    let browser = null;
    for (const impl of IMPLS) { // interleaved, so machine noise hits all alike
      if (impl !== "ours-cached") {
        await browser?.close();
        browser = await launch(impl === "ours-wide" ? [WIDE_FLAG] : []);
      }
      const page = await browser.ctx.newPage();
      await page.goto(`${origin}/bench/bench.html?${query(impl)}&set=${set}`);
      await page.waitForFunction(() => window.__result, null, { timeout: 120000 });
      const r = await page.evaluate(() => window.__result);
      await page.close();
      if (r.error) throw new Error(`${impl} ${set}: ${r.error}`);
      const want = { "ours-wide": "/pkg/wide/zkbridge_light_wide.wasm", "ours-fq32": `/${FQ32}` }[impl] ?? "/pkg/zkbridge_light_bg.wasm";
      if (["ours", "ours-wide", "ours-fq32"].includes(impl) && r.module.join() !== want) throw new Error(`${impl} ${set}: loaded ${r.module.join()}, not ${want}`);
      results[set][impl].push(r);
    }
    await browser?.close();
  }
}
server.close();

const agg = (rs, key) => median(rs.map((r) => r[key]));
const part = (rs, key) => median(rs.map((r) => r.parts[key]));
console.log(`zkbridge-light benchmark: headless Chromium, ${COLD} cold page loads per implementation and set (medians), warm = median of 30 verifies`);
console.log(`.wasm: ${raw} bytes raw, ${gz} bytes gzipped (${(gz / 1000).toFixed(1)} KB); the wide-arithmetic build ${wideRaw} raw, ${wideGz} gzipped`);
for (const set of SETS) {
  const o = results[set].ours, s = results[set].snarkjs, st = results[set]["snarkjs-st"], n = native[set];
  console.log(`\n[${set}]`);
  console.log(`  ours      cold ${f1(agg(o, "cold"))} ms (import ${f1(part(o, "import"))} + init ${f1(part(o, "init"))} + prepare ${f1(part(o, "prepare"))} + first verify ${f1(part(o, "firstVerify"))}); warm ${f1(agg(o, "warm"))} ms; one-shot verifyGroth16 ${f1(agg(o, "oneShot"))} ms`);
  const w = results[set]["ours-wide"];
  console.log(`  wide      cold ${f1(agg(w, "cold"))} ms (import ${f1(part(w, "import"))} + init ${f1(part(w, "init"))} + prepare ${f1(part(w, "prepare"))} + first verify ${f1(part(w, "firstVerify"))}); warm ${f1(agg(w, "warm"))} ms [pkg/wide/, Chromium with ${WIDE_FLAG}]`);
  const nb = results[set].noble;
  console.log(`  noble     cold ${f1(agg(nb, "cold"))} ms (import ${f1(part(nb, "import"))} + first verify ${f1(part(nb, "firstVerify"))}); warm ${f1(agg(nb, "warm"))} ms  [@noble/curves 2.4.0 bn254 pairing]`);
  const q = results[set]["ours-fq32"];
  if (q) console.log(`  fq32      cold ${f1(agg(q, "cold"))} ms; warm ${f1(agg(q, "warm"))} ms [the 32-bit-word field, not shipped]; warm fq32/ours ${(agg(q, "warm") / agg(o, "warm")).toFixed(3)}`);
  const c = results[set]["ours-cached"];
  console.log(`  cached    cold ${f1(agg(c, "cold"))} ms (import ${f1(part(c, "import"))} + init ${f1(part(c, "init"))} + fromPrepared ${f1(part(c, "prepare"))} + first verify ${f1(part(c, "firstVerify"))}) [the key's preparation kept: Groth16Verifier.fromPrepared]`);
  console.log(`  snarkjs   cold ${f1(agg(s, "cold"))} ms (load script ${f1(part(s, "loadScript"))} + first verify ${f1(part(s, "firstVerify"))}); warm ${f1(agg(s, "warm"))} ms  [groth16.verify, workers]`);
  console.log(`  snarkjs-1 cold ${f1(agg(st, "cold"))} ms (load script ${f1(part(st, "loadScript"))} + curve ${f1(part(st, "curve"))} + first verify ${f1(part(st, "firstVerify"))}); warm ${f1(agg(st, "warm"))} ms  [single-thread curve]`);
  if (BASELINE) {
    const b = results[set].baseline;
    console.log(`  baseline  cold ${f1(agg(b, "cold"))} ms; warm ${f1(agg(b, "warm"))} ms [${BASELINE}]; warm ours/baseline ${(agg(o, "warm") / agg(b, "warm")).toFixed(3)}`);
  }
  const batches = o.map((r) => r.batch).filter((b) => b && b[1]);
  if (batches.length) {
    const cell = (n, k) => median(batches.map((b) => b[n][k]));
    console.log(`  batch     ${[1, 4, 16, 64].map((n) => `${n}: ${f1(cell(n, "batch"))} ms vs ${f1(cell(n, "singles"))} ms single (${(cell(n, "batch") / cell(n, "singles")).toFixed(2)})`).join("; ")} (target at 16 ≤ 0.33)`);
  }
  console.log(`  native    prepare ${n.prepareMs} ms, verify ${n.verifyMs} ms, one-shot ${n.oneShotMs} ms`);
  console.log(`  ratios    warm ours/snarkjs ${(agg(o, "warm") / agg(s, "warm")).toFixed(3)} (target ≤ 0.25), warm ours/snarkjs-1 ${(agg(o, "warm") / agg(st, "warm")).toFixed(3)}`);
  console.log(`            cold ours/snarkjs ${(agg(o, "cold") / agg(s, "cold")).toFixed(3)}, cold ours/snarkjs-1 ${(agg(o, "cold") / agg(st, "cold")).toFixed(3)} (target ≤ 0.2)`);
  console.log(`            cold with the prepared key ours/snarkjs-1 ${(agg(c, "cold") / agg(st, "cold")).toFixed(3)} (target ≤ 0.1)`);
  console.log(`            wasm/native verify ${(agg(o, "warm") / n.verifyMs).toFixed(2)}`);
  console.log(`            noble: warm ours/noble ${(agg(o, "warm") / agg(nb, "warm")).toFixed(3)}, wide/noble ${(agg(w, "warm") / agg(nb, "warm")).toFixed(3)}, cold ours/noble ${(agg(o, "cold") / agg(nb, "cold")).toFixed(3)}`);
  console.log(`            wide build: warm wide/ours ${(agg(w, "warm") / agg(o, "warm")).toFixed(3)}, warm wide/snarkjs ${(agg(w, "warm") / agg(s, "warm")).toFixed(3)}, wide/native ${(agg(w, "warm") / n.verifyMs).toFixed(2)}, cold wide/snarkjs-1 ${(agg(w, "cold") / agg(st, "cold")).toFixed(3)}`);
  const wb = w.map((r) => r.batch).filter((b) => b && b[1]);
  if (wb.length) {
    const cell = (n, k) => median(wb.map((b) => b[n][k]));
    console.log(`  wide batch ${[1, 4, 16, 64].map((n) => `${n}: ${f1(cell(n, "batch"))} ms vs ${f1(cell(n, "singles"))} ms (${(cell(n, "batch") / cell(n, "singles")).toFixed(2)})`).join("; ")}`);
  }
}
const blk = native.blocks;
const ob = results[SETS[0]].ours;
console.log(`\n[block model, Chromium] verifyBlock ${f1(agg(ob, "verifyBlock"))} ms; verifyBlocks (2 blocks) ${f1(agg(ob, "verifyBlocks2"))} ms`);
console.log(`\n[block model, native] verifyBlock ${blk.verifyBlockMs} ms; verifyBlocks (2 blocks, batched proofs) ${blk.verifyBlocks2Ms} ms = ${(blk.verifyBlocks2Ms / (2 * blk.verifyBlockMs)).toFixed(2)} × two verifyBlock calls`);
console.log(`\ngzipped .wasm ${(gz / 1000).toFixed(1)} KB (zlib level 9; scripts/build.sh measures gzip -9 against its 260,000-byte budget)`);
