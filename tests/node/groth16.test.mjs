// Cross-check against an independent implementation: snarkjs 0.7.6 must give the same verdicts as our wasm verifier on the
// same proofs, and snarkjs' own Solidity calldata export must match our EVM encoding and verify with verifyGroth16Evm.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import * as snarkjs from "snarkjs";
import { loadPkg, readJson } from "./load.mjs";

const mod = await loadPkg();
globalThis.curve_bn128 = await snarkjs.curves.getCurveFromName("bn128", { singleThread: true });
after(async () => globalThis.curve_bn128.terminate());

const P = 21888242871839275222246405745257275088696311157297823662689037894645226208583n;
const R = 21888242871839275222246405745257275088548364400416034343698204186575808495617n;
const SETS = [
  ["fixtures", "iden3-jwz-authv2"],
  ["fixtures", "generated", "squares-n1"],
  ["fixtures", "generated", "squares-n2"],
  ["fixtures", "generated", "squares-n5"],
  ["fixtures", "generated", "squares-n81"],
];
const clone = (x) => JSON.parse(JSON.stringify(x));

for (const set of SETS) {
  const name = set.at(-1);
  const vk = readJson("tests", ...set, "verification_key.json");
  const proof = readJson("tests", ...set, "proof.json");
  const pub = readJson("tests", ...set, "public.json");

  // Well-formed cases: the verdict must agree with snarkjs.
  const cases = [["valid", proof, pub, true]];
  { const p = clone(pub); p[0] = String((BigInt(p[0]) + 1n) % R); cases.push(["input + 1", proof, p, false]); }
  { const p = clone(proof); [p.pi_a, p.pi_c] = [p.pi_c, p.pi_a]; cases.push(["A and C swapped", p, pub, false]); }
  { const p = clone(proof); p.pi_a[1] = String(P - BigInt(p.pi_a[1])); cases.push(["A negated", p, pub, false]); }
  { const p = clone(proof); p.pi_c = clone(proof.pi_a); cases.push(["C = A", p, pub, false]); }

  for (const [what, p, s, expected] of cases) {
    test(`${name}: ${what}: ours and snarkjs agree (${expected})`, async () => {
      const theirs = await snarkjs.groth16.verify(vk, s, p);
      const ours = mod.verifyGroth16(vk, p, s);
      assert.equal(theirs, expected, "snarkjs");
      assert.equal(ours, expected, "ours");
    });
  }

  test(`${name}: snarkjs' Solidity calldata equals our EVM encoding and verifies`, async () => {
    const calldata = await snarkjs.groth16.exportSolidityCallData(proof, pub);
    const [a, b, c, inputs] = JSON.parse(`[${calldata}]`);
    const words = [...a, ...b[0], ...b[1], ...c];
    assert.equal(mod.verifyGroth16Evm(vk, words, inputs), true);
    assert.equal(mod.verifyGroth16Evm(vk, "0x" + words.map((w) => w.slice(2)).join(""), inputs), true);
    if (set.length === 3) {
      const ours = readJson("tests", ...set, "proof_evm.json");
      assert.equal(ours.proof, "0x" + words.map((w) => w.slice(2)).join(""));
      assert.deepEqual(ours.publicInputs, inputs);
    }
    const bad = clone(inputs); bad[0] = "0x" + (BigInt(bad[0]) + 1n).toString(16);
    assert.equal(mod.verifyGroth16Evm(vk, words, bad), false);
  });

  // Where snarkjs is laxer than the EVM, we side with the EVM: these throw here whatever snarkjs says.
  test(`${name}: A.x + p throws NOT_IN_FIELD (the EVM refuses it; snarkjs reduces)`, async () => {
    const p = clone(proof); p.pi_a[0] = String(BigInt(p.pi_a[0]) + P);
    assert.throws(() => mod.verifyGroth16(vk, p, pub), (e) => e.code === "NOT_IN_FIELD");
    const theirs = await snarkjs.groth16.verify(vk, pub, p);
    assert.equal(typeof theirs, "boolean");
  });
  test(`${name}: input + r is refused by both`, async () => {
    const s = clone(pub); s[0] = String(BigInt(s[0]) + R);
    assert.throws(() => mod.verifyGroth16(vk, proof, s), (e) => e.code === "NOT_IN_FIELD");
    assert.equal(await snarkjs.groth16.verify(vk, s, proof), false);
  });
}

test("verifyBatch: { ok, bad } names exactly the proofs snarkjs rejects; EMPTY_BATCH; a malformed item's code and index", async () => {
  const set = ["fixtures", "iden3-jwz-authv2"];
  const vk = readJson("tests", ...set, "verification_key.json");
  const proof = readJson("tests", ...set, "proof.json");
  const pub = readJson("tests", ...set, "public.json");
  const wrong = clone(pub);
  wrong[0] = String((BigInt(wrong[0]) + 1n) % R);
  const negated = clone(proof);
  negated.pi_a[1] = String(P - BigInt(negated.pi_a[1]));
  const items = [
    { proof, publicSignals: pub }, { proof, publicSignals: wrong }, { proof, publicSignals: pub },
    { proof: negated, publicSignals: pub }, { proof, publicSignals: pub },
  ];
  const theirs = [];
  for (const [i, it] of items.entries()) if (!(await snarkjs.groth16.verify(vk, it.publicSignals, it.proof))) theirs.push(i);
  assert.deepEqual(theirs, [1, 3], "snarkjs");
  const v = new mod.Groth16Verifier(vk);
  assert.deepEqual(v.verifyBatch(items), { ok: false, bad: theirs });
  assert.deepEqual(v.verifyBatch([items[0], items[2]]), { ok: true, bad: [] });
  assert.deepEqual(v.verifyBatch(JSON.stringify([items[1]])), { ok: false, bad: [0] }, "JSON text, one item");
  assert.throws(() => v.verifyBatch([]), (e) => e.code === "EMPTY_BATCH");
  assert.throws(() => v.verifyBatch([items[0], { proof }]), (e) => e.code === "INVALID_JSON" && /^items\[1\]: /.test(e.message));
  assert.throws(() => v.verifyBatch([items[0], { proof, publicSignals: [] }]),
    (e) => e.code === "PUBLIC_INPUT_COUNT" && e.message.startsWith("items[1]: "));
  v.free();
  assert.throws(() => v.verifyBatch(items), (e) => e.code === "FREED");
});

test("export → fromPrepared: the same verdicts as snarkjs without preparing again; another key, another version, not bytes: refused", async () => {
  const dir = ["tests", "fixtures", "iden3-jwz-authv2"];
  const vk = readJson(...dir, "verification_key.json");
  const proof = readJson(...dir, "proof.json");
  const pub = readJson(...dir, "public.json");
  const wrong = clone(pub);
  wrong[0] = String((BigInt(wrong[0]) + 1n) % R);
  const v = new mod.Groth16Verifier(vk);
  const bytes = v.export();
  assert.ok(bytes instanceof Uint8Array);
  assert.equal(new TextDecoder().decode(bytes.subarray(0, 15)), "zkbridge-light ");
  const again = mod.Groth16Verifier.fromPrepared(bytes, vk);
  assert.ok(again instanceof mod.Groth16Verifier);
  for (const s of [pub, wrong]) assert.equal(again.verify(proof, s), await snarkjs.groth16.verify(vk, s, proof));
  assert.equal(again.verify(proof, pub), true);
  assert.deepEqual(again.verifyBatch([{ proof, publicSignals: pub }, { proof, publicSignals: wrong }]), { ok: false, bad: [1] });
  assert.deepEqual(again.export(), bytes);
  // Another key's bytes, another version's (its name heads the bytes), cut: PREPARED_KEY_MISMATCH; not a Uint8Array: INVALID_INPUT.
  const other = readJson("tests", "fixtures", "generated", "squares-n5", "verification_key.json");
  assert.throws(() => mod.Groth16Verifier.fromPrepared(new mod.Groth16Verifier(other).export(), vk), (e) => e.code === "PREPARED_KEY_MISMATCH");
  const version = bytes.slice();
  version[0] ^= 1;
  assert.throws(() => mod.Groth16Verifier.fromPrepared(version, vk), (e) => e.code === "PREPARED_KEY_MISMATCH");
  assert.throws(() => mod.Groth16Verifier.fromPrepared(bytes.subarray(0, bytes.length - 1), vk), (e) => e.code === "PREPARED_KEY_MISMATCH");
  assert.throws(() => mod.Groth16Verifier.fromPrepared(Array.from(bytes), vk), (e) => e.code === "INVALID_INPUT");
  assert.throws(() => mod.Groth16Verifier.fromPrepared(bytes, "{"), (e) => e.code === "INVALID_JSON");
  again.free();
  assert.throws(() => again.verify(proof, pub), (e) => e.code === "FREED");
  assert.throws(() => again.export(), (e) => e.code === "FREED");
  v.free();
});
