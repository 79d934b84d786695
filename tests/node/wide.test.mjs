// The second build with wasm's wide arithmetic (issue 21; pkg/wide/zkbridge_light_wide.wasm, scripts/build.sh): Chromium
// runs it only with `--js-flags=--wasm-wide-arithmetic`. With the flag the package (page and Worker) loads it, without
// the flag the default module; where the wide build cannot be fetched the default module is loaded instead. Both give
// the same answer to every input: the fixtures' proofs and their tampered twins, batches, the exported key preparation,
// and the fuzz corpus through every call that reads bytes (fuzz-corpus.test.mjs), the precompiles' pairings among them.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { fuzzCorpus, readJson, root } from "./load.mjs";
import { openPage } from "./browser.mjs";

const FLAG = "--js-flags=--wasm-wide-arithmetic";
const MUTATIONS = Number(process.env.FUZZ_JS_MUTATIONS || 150);
const SETS = ["iden3-jwz-authv2", "generated/squares-n1", "generated/squares-n2", "generated/squares-n5", "generated/squares-n81"];

const fixtures = SETS.map((set) => ({
  set,
  vk: readJson("tests", "fixtures", ...set.split("/"), "verification_key.json"),
  proof: readJson("tests", "fixtures", ...set.split("/"), "proof.json"),
  pub: readJson("tests", "fixtures", ...set.split("/"), "public.json"),
}));
const blockVk = readJson("devnet", "samples", "verify-block.json").vk;
const inputs = fuzzCorpus(MUTATIONS);

/**
 * One Chromium (flags `args`, routes from `before`): the package loaded by its own `init()` and a Worker started from
 * `worker.js`; returns the `.wasm` files fetched, the probe's answer, and one outcome per input (the value returned, or
 * the error's code).
 */
async function answers(args, before, want = 2) {
  const fetched = [];
  const { page, errors, close } = await openPage("/bench/bench.html?impl=none", {
    args,
    before: async (page, ctx) => {
      ctx.on("request", (r) => { if (r.url().endsWith(".wasm")) fetched.push(new URL(r.url()).pathname); });
      await before?.(page);
    },
  });
  try {
    const out = await page.evaluate(async ({ fixtures, inputs, blockVk }) => {
      const mod = await import("/pkg/zkbridge_light.js");
      await mod.default();
      const { calls } = await import("/tests/node/corpus.js");
      const hex = (b) => Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
      const show = (v) => JSON.stringify(v, (_, x) => (typeof x === "bigint" ? `${x}n` : x instanceof Uint8Array ? hex(x) : x));
      const outcome = (f) => {
        try {
          return `ok ${show(f())}`;
        } catch (e) {
          return `error ${e?.code}`;
        }
      };
      const P = 21888242871839275222246405745257275088696311157297823662689037894645226208583n;
      const R = 21888242871839275222246405745257275088548364400416034343698204186575808495617n;
      const clone = (x) => JSON.parse(JSON.stringify(x));
      const outcomes = [];
      for (const { set, vk, proof, pub } of fixtures) {
        const cases = [[proof, pub]];
        { const p = clone(pub); p[0] = String((BigInt(p[0]) + 1n) % R); cases.push([proof, p]); }
        { const p = clone(proof); [p.pi_a, p.pi_c] = [p.pi_c, p.pi_a]; cases.push([p, pub]); }
        { const p = clone(proof); p.pi_a[1] = String(P - BigInt(p.pi_a[1])); cases.push([p, pub]); }
        const v = new mod.Groth16Verifier(vk);
        for (const [p, s] of cases) {
          outcomes.push(`${set} ${outcome(() => v.verify(p, s))}`);
          outcomes.push(`${set} one-shot ${outcome(() => mod.verifyGroth16(vk, p, s))}`);
        }
        outcomes.push(`${set} batch ${outcome(() => v.verifyBatch(cases.map(([p, s]) => ({ proof: p, publicSignals: s }))))}`);
        outcomes.push(`${set} export ${outcome(() => v.export())}`);
        // The arithmetic on its own, through the precompiles: A times 40 scalars of a fixed sequence, summed; the
        // pairing checks e(A, B)·e(−A, B) = 1 (true) and e(A, B)·e(C, B) = 1 (false).
        const w = (x) => BigInt(x).toString(16).padStart(64, "0");
        const a = w(proof.pi_a[0]) + w(proof.pi_a[1]);
        const b = w(proof.pi_b[0][1]) + w(proof.pi_b[0][0]) + w(proof.pi_b[1][1]) + w(proof.pi_b[1][0]);
        let sum = "0x" + a, s = BigInt(outcomes.length) + 0x5eedn;
        for (let k = 0; k < 40; k++) {
          s = (s * 6364136223846793005n + 1442695040888963407n) % (1n << 256n);
          const product = outcome(() => mod.bn254Mul("0x" + a + w(s)));
          outcomes.push(`arith ${set} mul ${product}`);
          outcomes.push(`arith ${set} add ${outcome(() => (sum = mod.bn254Add(sum + JSON.parse(product.slice(3)).slice(2))))}`);
        }
        outcomes.push(`arith ${set} pairing ${outcome(() => mod.bn254Pairing("0x" + a + b + w(proof.pi_a[0]) + w(P - BigInt(proof.pi_a[1])) + b))}`);
        outcomes.push(`arith ${set} pairing ${outcome(() => mod.bn254Pairing("0x" + a + b + w(proof.pi_c[0]) + w(proof.pi_c[1]) + b))}`);
      }
      for (const [target, list] of Object.entries(inputs)) {
        const fns = calls(mod, blockVk)[target] ?? [];
        for (const [i, b64] of list.entries()) {
          const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
          for (const [k, f] of fns.entries()) outcomes.push(`${target}[${i}].${k} ${outcome(() => f(bytes))}`);
        }
      }
      // The Worker chooses its module as the page does.
      new Worker(new URL("/pkg/worker.js", location.href), { type: "module" });
      // Whether this engine compiles the wide module (what the package's probe stands for; "?probe": not counted).
      const probe = WebAssembly.validate(await (await fetch("/pkg/wide/zkbridge_light_wide.wasm?probe")).arrayBuffer());
      return { outcomes, probe };
    }, { fixtures, inputs, blockVk });
    // The Worker's own fetch of the .wasm (the page's came first).
    for (let i = 0; i < 200 && fetched.length < want; i++) await new Promise((r) => setTimeout(r, 50));
    assert.deepEqual(errors, []);
    return { ...out, fetched };
  } finally {
    await close();
  }
}

test("Chromium: the wide-arithmetic build is loaded only where the engine runs it (page and Worker), and answers every input as the default module does", async () => {
  const wide = await answers([FLAG]);
  const plain = await answers([]);
  assert.equal(wide.probe, true, "Chromium with the flag compiles the wide module");
  assert.equal(plain.probe, false, "Chromium without the flag does not");
  assert.deepEqual(wide.fetched, ["/pkg/wide/zkbridge_light_wide.wasm", "/pkg/wide/zkbridge_light_wide.wasm"]);
  assert.deepEqual(plain.fetched, ["/pkg/zkbridge_light_bg.wasm", "/pkg/zkbridge_light_bg.wasm"]);
  assert.equal(wide.outcomes.length, plain.outcomes.length);
  for (const [i, o] of plain.outcomes.entries()) assert.equal(wide.outcomes[i], o, `input ${i}`);
  // The inputs reach the arithmetic: proofs are accepted and refused, pairings computed, inputs refused with codes.
  const count = (re) => plain.outcomes.filter((o) => re.test(o)).length;
  assert.equal(count(/^(iden3|generated)\S* ok true$/), SETS.length);
  assert.equal(count(/^(iden3|generated)\S* ok false$/), 3 * SETS.length);
  assert.equal(count(/^arith \S+ (mul|add) ok "0x[0-9a-f]{128}"$/), 80 * SETS.length, "G1 products and sums");
  assert.deepEqual(plain.outcomes.filter((o) => / pairing /.test(o)).map((o) => o.split(" ").at(-1)), SETS.flatMap(() => ["true", "false"]));
  assert.ok(count(/^precompile\S* ok /) > 20, "the corpus' precompile inputs reach the arithmetic");
  assert.ok(count(/ error [A-Z_]+$/) > 500, "inputs refused with a code");
  assert.equal(count(/ error undefined$/), 0, "every error has a code");
  console.log(`${plain.outcomes.length} inputs: the same answers from both builds`);
});

test("Chromium with the flag: when the wide build cannot be fetched, the default module is loaded and verifies", async () => {
  const r = await answers([FLAG], (page) => page.context().route("**/pkg/wide/zkbridge_light_wide.wasm", (route) => route.fulfill({ status: 404 })), 4);
  assert.equal(r.probe, true);
  // Page and Worker each try the wide build, then load the default module.
  assert.deepEqual([...r.fetched].sort(), ["/pkg/wide/zkbridge_light_wide.wasm", "/pkg/wide/zkbridge_light_wide.wasm", "/pkg/zkbridge_light_bg.wasm", "/pkg/zkbridge_light_bg.wasm"]);
  assert.ok(r.outcomes.includes("iden3-jwz-authv2 ok true"));
});

test("Node 20 cannot compile the wide module: the node entry loads the default one; both are in the package", async () => {
  const wide = fs.readFileSync(path.join(root, "pkg", "wide", "zkbridge_light_wide.wasm"));
  if (process.versions.node.split(".")[0] === "20") assert.equal(WebAssembly.validate(wide), false);
  assert.equal(WebAssembly.validate(fs.readFileSync(path.join(root, "pkg", "zkbridge_light_bg.wasm"))), true);
  const mod = await import(path.join(root, "pkg", "node.js"));
  await mod.default();
  const fx = fixtures[0];
  assert.equal(mod.verifyGroth16(fx.vk, fx.proof, fx.pub), true);
  const pkg = JSON.parse(fs.readFileSync(path.join(root, "pkg", "package.json"), "utf8"));
  assert.ok(pkg.files.includes("wide/zkbridge_light_wide.wasm"));
});
