// Where a verify's time goes in headless Chromium (issue 21): the shipped wasm, rebuilt with its function names kept, under
// the CDP sampling profiler; self and inclusive time by wasm function, in the categories of the native callgrind table
// (README "Benchmark"). Results and method: bench/PROFILE.md.
//
//   node bench/profile.mjs [--no-build] [--verifies N] [--interval µs] [--sets a,b]
//
// Build (into target/profile-wasm/): `cargo build --lib --profile wasm-release --target wasm32-unknown-unknown` (what
// wasm-pack runs in scripts/build.sh: same profile, default features), wasm-bindgen --target web, then npm binaryen's
// `wasm-opt -Oz --converge` as build.sh does plus `-g`, which keeps the name section. The code is checked against pkg/:
// every non-custom section identical means the profiled code is the shipped code.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { repoRoot, serve } from "../scripts/serve.mjs";
import { chromium } from "playwright-core";
import os from "node:os";
import { CHROMIUM_ARGS } from "../tests/node/browser.mjs";

const args = process.argv.slice(2);
const opt = (k, d) => (args.includes(k) ? args[args.indexOf(k) + 1] : d);
const VERIFIES = Number(opt("--verifies", 300));
const INTERVAL = Number(opt("--interval", 50));
// V8 flags, e.g. --js-flags=--no-wasm-inlining: V8 inlines small wasm functions (`__multi3`) into their callers, where
// the profiler counts them; without inlining they show on their own (and the verify is slower).
const JS_FLAGS = args.find((a) => a.startsWith("--js-flags="));
const SETS = opt("--sets", "iden3-jwz-authv2,generated/squares-n81").split(",");
const OUT = path.join(repoRoot, "target/profile-wasm");
const sh = (cmd, a) => execFileSync(cmd, a, { cwd: repoRoot, stdio: "inherit", env: { ...process.env, PATH: `${process.env.HOME}/.cargo/bin:${process.env.PATH}` } });

// ---- the wasm's sections (to compare code with pkg/) and its function names
function sections(file) {
  const b = fs.readFileSync(file), out = [];
  let i = 8;
  const leb = () => { let r = 0, s = 0, x; do { x = b[i++]; r += (x & 127) * 2 ** s; s += 7; } while (x & 128); return r; };
  while (i < b.length) {
    const id = b[i++], n = leb(), start = i;
    let name = "";
    if (id === 0) { const l = leb(); name = b.subarray(i, i + l).toString(); }
    out.push({ id, name, body: b.subarray(start, start + n) });
    i = start + n;
  }
  return out;
}
const codeOf = (file) => sections(file).filter((s) => s.id !== 0);
const sameCode = (a, b) => { const x = codeOf(a), y = codeOf(b); return x.length === y.length && x.every((s, k) => s.id === y[k].id && s.body.equals(y[k].body)); };

function build() {
  sh("cargo", ["build", "--lib", "--locked", "--profile", "wasm-release", "--target", "wasm32-unknown-unknown"]);
  fs.rmSync(OUT, { recursive: true, force: true });
  fs.mkdirSync(OUT, { recursive: true });
  sh("wasm-bindgen", ["target/wasm32-unknown-unknown/wasm-release/zkbridge_light.wasm", "--out-dir", OUT, "--target", "web"]);
  const wasm = path.join(OUT, "zkbridge_light_bg.wasm");
  sh("node_modules/.bin/wasm-opt", ["-Oz", "--converge", "-g", "--strip-producers", "--strip-target-features", wasm, "-o", wasm]);
  fs.renameSync(path.join(OUT, "zkbridge_light.js"), path.join(OUT, "zkbridge_light_core.js"));
  fs.copyFileSync(path.join(repoRoot, "js/index.js"), path.join(OUT, "zkbridge_light.js"));
  for (const f of fs.readdirSync(path.join(repoRoot, "js")).filter((f) => f.endsWith(".js") && f !== "index.js")) {
    fs.copyFileSync(path.join(repoRoot, "js", f), path.join(OUT, f));
  }
  fs.writeFileSync(path.join(OUT, "profile.html"), "<!doctype html><meta charset=utf-8><title>profile</title>\n");
}

// ---- names: demangle legacy Rust symbols (wasm-bindgen usually did already), drop hashes
const ESC = { SP: "@", BP: "*", RF: "&", LT: "<", GT: ">", LP: "(", RP: ")", C: "," };
function demangle(s) {
  s = s.replace(/^\$/, "");
  const m = /^_?_ZN(.*)E$/.exec(s);
  if (m) {
    const parts = [];
    let r = m[1];
    while (/^\d/.test(r)) { const n = parseInt(r, 10), d = String(n).length; parts.push(r.slice(d, d + n)); r = r.slice(d + n); }
    s = parts.join("::").replace(/\$([A-Z]{1,2})\$/g, (_, e) => ESC[e] ?? _).replace(/\$u([0-9a-f]+)\$/g, (_, h) => String.fromCodePoint(parseInt(h, 16)))
      .replace(/\.\./g, "::").replace(/^_</, "<");
  }
  return s.replace(/::h[0-9a-f]{16}$/, "").replace(/\[[0-9a-f]{16}\]/g, "").replace(/\[\d+\]$/, "").replace(/::\{\{closure\}\}/g, "{closure}");
}

// ---- categories. Phases (inclusive): the frame nearest the leaf that matches one decides; subs: any frame matches.
const PHASES = [
  ["parse", "parsing and point checks", /snarkjs::(parse|g1_json|g2_json|fq_at|number_str|as_array)|zkbridge_light::field::|is_on_curve|is_in_correct_subgroup|g2_in_subgroup|from_be_bytes_mod_order|deserializ/],
  // vk_x's conversion to affine (`prepared_inputs.into_affine()`) is called from verify itself.
  ["msm", "vk_x = Σ inputs · IC (G1 MSM, to affine)", /::msm|vk_x|prepare_inputs|variable_base|VariableBaseMSM/,
    /Affine<P> as core::convert::From<.*Projective<P>>>::from$/, /Groth16Verifier::verify$/],
  // multi_miller_loop is inlined into verify: its loop over the ate bits is the closure that `product` folds (Fp12).
  ["miller", "Miller loop", /multi_miller_loop|miller_loop|G2Prepared.*::from$|::ell$|QuadExtField<P> as core::iter::traits::accum::Product>::product$/],
  ["fexp", "final exponentiation", /final_exponentiation|cyclotomic|exp_by_neg_x/],
  ["glue", "JS ↔ wasm: argument conversion, wrapper, glue", /zkbridge_light::wasm::(object_arg|arg|json|Reader|IdMap|reflect)|zkbridge_light::json::|wasm_bindgen|js_sys|^__wbg|^wasm-to-js/],
];
const SUBS = [
  ["parse", "of which the G2 subgroup check of B", /is_in_correct_subgroup|g2_in_subgroup/],
  ["miller", "of which line evaluations (ell)", /::ell$/],
  ["miller", "of which B's line coefficients (G2Prepared::from)", /G2Prepared.*::from\b/],
];
const FP_MUL = /^(?!.*(QuadExt|CubicExt)).*(fp::Fp<|MontBackend|montgomery_backend|MontConfig).*(mul_assign|square_in_place|sum_of_products|::square$|::mul$|mul_without_cond_subtract|::mul_)/;
const SELF = [
  ["multi3", "`__multi3` (compiler-rt 128-bit product; ark-ff's products are inline i64.mul here)", /^__multi3$/],
  ["fpmul", "Fp mul / square (ark_ff Montgomery, self)", FP_MUL],
  ["tower", "Fp2 / Fp6 / Fp12 ops (QuadExtField, CubicExtField)", /QuadExtField|CubicExtField|fp2|fp6|fp12|Fp2|Fp6|Fp12/],
  ["fp", "other base/scalar-field ops (add, sub, double, reduce, bigint)", /fp::Fp<|MontBackend|montgomery_backend|MontConfig|biginteger|BigInt|PrimeField|ark_ff::fields::Field/],
  ["curve", "curve ops (ark_ec: add, double, ell, msm, …)", /ark_ec|ark_groth16|ark_bn254|zkbridge_bn254/],
  ["mem", "memcpy / memset / allocator", /^(memcpy|memset|memmove|memcmp|bcmp)$|dlmalloc|alloc::alloc|__rust_(alloc|dealloc|realloc)|__rdl_/],
  ["wasm", "other wasm (parsing, serde_json, glue, …)", /.?/],
];

function analyse(profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  for (const n of profile.nodes) for (const c of n.children ?? []) byId.get(c).parent = n;
  const info = new Map();
  const frame = (n) => {
    if (!info.has(n.id)) {
      const cf = n.callFrame;
      info.set(n.id, { name: demangle(cf.functionName || "(anonymous)"), wasm: /^wasm:\/\/|\.wasm$/.test(cf.url), engine: /^\(.*\)$/.test(cf.functionName) });
    }
    return info.get(n.id);
  };
  const self = {}, phase = {}, sub = {}, top = {};
  let total = 0, samples = 0, fpIncl = 0;
  const add = (o, k, w) => { o[k] = (o[k] ?? 0) + w; };
  const t = profile.timeDeltas;
  profile.samples.forEach((id, i) => {
    const leaf = byId.get(id), f = frame(leaf);
    if (f.name === "(idle)" || f.name === "(root)") return;
    const w = i + 1 < t.length ? t[i + 1] : t[i]; // µs until the next sample
    total += w; samples++;
    const stack = [];
    for (let n = leaf; n && n.parent; n = n.parent) stack.push(frame(n));
    const sk = f.engine ? "engine" : !f.wasm ? "js" : SELF.find(([, , re]) => re.test(f.name))[0];
    add(self, sk, w);
    if (f.wasm) add(top, f.name, w);
    let ph = f.engine ? "engine" : "other";
    for (let j = 0; j < stack.length && ph === "other"; j++) {
      const s = stack[j], up = stack[j + 1]?.name ?? "";
      const p = PHASES.find(([, , re, child, parent]) => re.test(s.name) || (child?.test(s.name) && parent.test(up)));
      if (p) ph = p[0];
    }
    if (ph === "other" && !stack.some((s) => s.wasm)) ph = "glue"; // JS only: the package's wrapper, snapshot, the loop
    add(phase, ph, w);
    SUBS.forEach(([p, , re], k) => { if (p === ph && stack.some((s) => re.test(s.name))) add(sub, k, w); });
    if (f.name === "__multi3" || stack.some((s) => FP_MUL.test(s.name))) fpIncl += w;
  });
  return { self, phase, sub, top, total, samples, fpIncl };
}

async function profileSet(page, cdp, set) {
  const loaded = await page.evaluate(async (set) => {
    const m = await import("/target/profile-wasm/zkbridge_light.js");
    await m.default();
    const get = async (f) => (await fetch(`/tests/fixtures/${set}/${f}`)).json();
    const [vk, proof, pub] = await Promise.all(["verification_key.json", "proof.json", "public.json"].map(get));
    const v = new m.Groth16Verifier(vk);
    window.profiledVerifies = function profiledVerifies(n) {
      const t = performance.now();
      for (let i = 0; i < n; i++) if (v.verify(proof, pub) !== true) throw new Error("not verified");
      return (performance.now() - t) / n;
    };
    return pub.length;
  }, set);
  await page.evaluate(() => window.profiledVerifies(100)); // warm: the engine's optimizing tier
  const plain = await page.evaluate((n) => window.profiledVerifies(n), VERIFIES);
  await cdp.send("Profiler.enable");
  await cdp.send("Profiler.setSamplingInterval", { interval: INTERVAL });
  await cdp.send("Profiler.start");
  const profiled = await page.evaluate((n) => window.profiledVerifies(n), VERIFIES);
  const { profile } = await cdp.send("Profiler.stop");
  await cdp.send("Profiler.disable");
  fs.writeFileSync(path.join(OUT, `${set.replace(/\W+/g, "_")}${JS_FLAGS ? "-flags" : ""}.cpuprofile`), JSON.stringify(profile));
  return { set, inputs: loaded, plain, profiled, ...analyse(profile) };
}

// The native shares (callgrind, README "Benchmark"): 3 inputs, 81 inputs.
const NATIVE = { parse: ["10.9%", "5.5%"], sub0: ["10.6%", "4.9%"], msm: ["15.7%", "60.9%"], miller: ["37.5%", "17%"], sub1: ["30.1%", "—"],
  fexp: ["28.6%", "13.1%"], fpIncl: ["≈ 62%", "≈ 70%"] };
const pct = (x, r) => `${((100 * x) / r.total).toFixed(1)}%`;
function report(rs) {
  const head = (first) => {
    console.log(`| ${first} | ${rs.map((r) => `Chromium, ${r.inputs} inputs`).join(" | ")} | native 3 / 81 inputs (callgrind) |`);
    console.log(`|---|${rs.map(() => "---:|").join("")}---:|`);
  };
  const row = (label, f, nat) => console.log(`| ${label} | ${rs.map((r) => f(r)).join(" | ")} | ${nat ? nat.join(" / ") : ""} |`);
  console.log(`\n${VERIFIES} verifies per set, sampling every ${INTERVAL} µs${JS_FLAGS ? `, Chromium ${JS_FLAGS}` : ""}\n`);
  head("per verify");
  row("ms, no profiler", (r) => r.plain.toFixed(2));
  row("ms, under the profiler", (r) => r.profiled.toFixed(2));
  row("ms sampled (non-idle) / samples / mean µs between samples", (r) => `${(r.total / 1000 / VERIFIES).toFixed(2)} / ${r.samples} / ${Math.round(r.total / r.samples)}`);
  console.log("\nInclusive (phase of the innermost frame on the stack that names one):\n");
  head("share of one verify");
  for (const [k, label] of PHASES) {
    row(label, (r) => pct(r.phase[k] ?? 0, r), NATIVE[k]);
    SUBS.forEach(([p, l], j) => { if (p === k) row(`&nbsp;&nbsp;${l}`, (r) => pct(r.sub[j] ?? 0, r), NATIVE[`sub${j}`]); });
  }
  row("other wasm (verify's own code, inlined parts)", (r) => pct(r.phase.other ?? 0, r));
  row("engine: (program), (garbage collector)", (r) => pct(r.phase.engine ?? 0, r));
  row("base-field mul and square, wherever they run (`mul_assign`, `square_in_place`, `sum_of_products` on the stack, or `__multi3`)", (r) => pct(r.fpIncl, r), NATIVE.fpIncl);
  console.log("\nSelf time (the sampled leaf function):\n");
  head("share of one verify");
  for (const [k, label] of SELF) row(label, (r) => pct(r.self[k] ?? 0, r));
  row("JS (the package's wrapper, snapshot, wasm-bindgen glue)", (r) => pct(r.self.js ?? 0, r));
  row("engine: (program), (garbage collector)", (r) => pct(r.self.engine ?? 0, r));
  row("**Fp mul/square + `__multi3`**", (r) => pct((r.self.fpmul ?? 0) + (r.self.multi3 ?? 0), r));
  for (const r of rs) {
    console.log(`\nTop wasm functions by self time, ${r.set}:`);
    Object.entries(r.top).sort((a, b) => b[1] - a[1]).slice(0, 15).forEach(([n, w]) => console.log(`  ${pct(w, r).padStart(6)}  ${n.slice(0, 150)}`));
  }
}

if (!args.includes("--no-build") || !fs.existsSync(path.join(OUT, "zkbridge_light_bg.wasm"))) build();
const names = sections(path.join(OUT, "zkbridge_light_bg.wasm")).some((s) => s.name === "name");
const shipped = path.join(repoRoot, "pkg/zkbridge_light_bg.wasm");
console.log(`target/profile-wasm/zkbridge_light_bg.wasm: name section ${names ? "kept" : "MISSING"}; code ${fs.existsSync(shipped) && sameCode(shipped, path.join(OUT, "zkbridge_light_bg.wasm")) ? "identical to" : "DIFFERENT from (pkg/ not rebuilt?)"} pkg/zkbridge_light_bg.wasm`);
const server = await serve({ port: 0, roots: ["target/profile-wasm", "tests/fixtures"] });
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "zkbl-profile-"));
const ctx = await chromium.launchPersistentContext(dir, { executablePath: "/usr/bin/chromium", headless: true,
  args: [...CHROMIUM_ARGS, ...(JS_FLAGS ? [JS_FLAGS] : [])] });
const browser = { ctx, close: async () => { await ctx.close(); fs.rmSync(dir, { recursive: true, force: true }); } };
try {
  const results = [];
  for (const set of SETS) {
    const page = await browser.ctx.newPage();
    await page.goto(`http://127.0.0.1:${server.address().port}/target/profile-wasm/profile.html`);
    const cdp = await browser.ctx.newCDPSession(page);
    results.push(await profileSet(page, cdp, set));
    await page.close();
  }
  report(results);
} finally {
  await browser.close();
  server.close();
}
