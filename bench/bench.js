// One cold run (fresh page) of one verifier, then warm runs. Driven by scripts/bench.mjs; ?impl=ours|ours-wide|baseline|snarkjs|snarkjs-st|noble&set=…
// (`noble`: @noble/curves' bn254 pairing, bench/noble.js bundled into target/bench/noble.js by scripts/bench.mjs)
// (`ours-wide`: ours in a Chromium started with wide arithmetic, where the package loads pkg/wide/)
// (`baseline`: ours from another build, copied to target/bench-baseline/ by scripts/bench.mjs; `&wasm=<path>`: ours with
// that .wasm instead of the one the package picks, e.g. the default module in a browser where it would pick pkg/wide/).
const q = new URLSearchParams(location.search);
const impl = q.get("impl");
const set = q.get("set");
const warmRuns = Number(q.get("warm") || 30);
const median = (a) => [...a].sort((x, y) => x - y)[a.length >> 1];
const now = () => performance.now();

async function files() {
  const base = `../tests/fixtures/${set}/`;
  const get = async (f) => (await fetch(base + f)).json();
  return { vk: await get("verification_key.json"), proof: await get("proof.json"), pub: await get("public.json") };
}

function loadScript(src) {
  return new Promise((resolve, reject) => {
    const s = document.createElement("script");
    s.src = src;
    s.onload = resolve;
    s.onerror = reject;
    document.head.appendChild(s);
  });
}

async function ours({ vk, proof, pub }, entry = "../pkg/zkbridge_light.js") {
  const t0 = now();
  const m = await import(entry);
  const t1 = now();
  await m.default(q.get("wasm") ? { module_or_path: new URL(q.get("wasm"), location.href) } : undefined);
  const t2 = now();
  const v = new m.Groth16Verifier(vk);
  const t3 = now();
  if (v.verify(proof, pub) !== true) throw new Error("ours: not verified");
  const t4 = now();
  const warm = [];
  for (let i = 0; i < warmRuns; i++) { const t = now(); v.verify(proof, pub); warm.push(now() - t); }
  const oneShot = [];
  for (let i = 0; i < 10; i++) { const t = now(); m.verifyGroth16(vk, proof, pub); oneShot.push(now() - t); }
  // verifyBatch of N proofs against N single verifies (the same proof N times: the work is the same as for N others).
  const batch = {};
  if (typeof v.verifyBatch === "function") {
    for (const n of [1, 4, 16, 64]) {
      const items = Array.from({ length: n }, () => ({ proof, publicSignals: pub }));
      const tb = [], ts = [];
      for (let i = 0; i < 5; i++) {
        let t = now(); if (!v.verifyBatch(items).ok) throw new Error("verifyBatch"); tb.push(now() - t);
        t = now(); for (const it of items) v.verify(it.proof, it.publicSignals); ts.push(now() - t);
      }
      batch[n] = { batch: median(tb), singles: median(ts) };
    }
  }
  const blockInput = await (await fetch("../tests/fixtures/blocks/verify-block.json")).json();
  const blocksInput = await (await fetch("../tests/fixtures/blocks/verify-blocks.json")).json();
  const vb = [], vbs = [];
  for (let i = 0; i < 10; i++) {
    let t = now(); if (!m.verifyBlock(blockInput).approved) throw new Error("verifyBlock"); vb.push(now() - t);
    t = now(); if (!m.verifyBlocks(blocksInput).approved) throw new Error("verifyBlocks"); vbs.push(now() - t);
  }
  // Kept for the next page's cold start with the prepared-key cache ("ours-cached"), as a client keeps it: hex in
  // same-origin storage (not timed here).
  if (typeof v.export === "function") {
    localStorage.setItem(`bench:prepared:${set}`, Array.from(v.export(), (b) => b.toString(16).padStart(2, "0")).join(""));
  }
  // Which .wasm the package loaded (pkg/wide/ where the engine runs wide arithmetic).
  const module = performance.getEntriesByType("resource").map((e) => e.name).filter((n) => n.endsWith(".wasm")).map((n) => new URL(n).pathname);
  return { cold: t4 - t0, parts: { import: t1 - t0, init: t2 - t1, prepare: t3 - t2, firstVerify: t4 - t3 }, module,
    warm: median(warm), oneShot: median(oneShot), verifyBlock: median(vb), verifyBlocks2: median(vbs), batch };
}

/** Cold start with the key's preparation read from storage (kept by an earlier "ours" page): import → first verdict. */
async function oursCached({ vk, proof, pub }) {
  const t0 = now();
  const m = await import("../pkg/zkbridge_light.js");
  const t1 = now();
  await m.default();
  const t2 = now();
  const hex = localStorage.getItem(`bench:prepared:${set}`);
  if (!hex) throw new Error("ours-cached: no kept preparation (an \"ours\" page runs first)");
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(hex.substr(2 * i, 2), 16);
  const v = m.Groth16Verifier.fromPrepared(bytes, vk);
  const t3 = now();
  if (v.verify(proof, pub) !== true) throw new Error("ours-cached: not verified");
  const t4 = now();
  return { cold: t4 - t0, parts: { import: t1 - t0, init: t2 - t1, prepare: t3 - t2, firstVerify: t4 - t3 } };
}

async function snark({ vk, proof, pub }, singleThread) {
  const t0 = now();
  await loadScript("../node_modules/snarkjs/build/snarkjs.min.js");
  const t1 = now();
  let t2 = t1;
  if (singleThread) {
    globalThis.curve_bn128 = await snarkjs.curves.getCurveFromName("bn128", { singleThread: true });
    t2 = now();
  }
  if ((await snarkjs.groth16.verify(vk, pub, proof)) !== true) throw new Error("snarkjs: not verified");
  const t3 = now();
  const warm = [];
  for (let i = 0; i < warmRuns; i++) { const t = now(); await snarkjs.groth16.verify(vk, pub, proof); warm.push(now() - t); }
  return { cold: t3 - t0, parts: { loadScript: t1 - t0, curve: t2 - t1, firstVerify: t3 - t2 }, warm: median(warm) };
}

/** @noble/curves: import (bundled) → first verdict, then warm runs (fewer: a verify takes tens of milliseconds). */
async function noble({ vk, proof, pub }) {
  const t0 = now();
  const m = await import("../target/bench/noble.js");
  const t1 = now();
  if (m.verify(vk, proof, pub) !== true) throw new Error("noble: not verified");
  const t2 = now();
  const bad = [...pub];
  bad[0] = String(BigInt(bad[0]) + 1n);
  if (m.verify(vk, proof, bad) !== false) throw new Error("noble: a changed input verified");
  const warm = [];
  for (let i = 0; i < 9; i++) { const t = now(); m.verify(vk, proof, pub); warm.push(now() - t); }
  return { cold: t2 - t0, parts: { import: t1 - t0, firstVerify: t2 - t1 }, warm: median(warm) };
}

try {
  const f = await files();
  window.__result = impl === "ours" || impl === "ours-wide" ? await ours(f)
    : impl === "ours-cached" ? await oursCached(f)
    : impl === "baseline" ? await ours(f, "../target/bench-baseline/zkbridge_light.js")
    : impl === "noble" ? await noble(f)
    : await snark(f, impl === "snarkjs-st");
} catch (e) {
  window.__result = { error: String(e && e.stack || e) };
}
