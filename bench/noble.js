// Groth16 verification with @noble/curves 2.4.0's bn254 pairing (pure JS, bigint), for the benchmark's side-by-side
// (issue 21): e(−A, B)·e(α, β)·e(vk_x, γ)·e(C, δ) = 1, vk_x = IC₀ + Σ inputᵢ·ICᵢ, on snarkjs' JSON. Bundled by
// scripts/bench.mjs into target/bench/noble.js (the browser cannot resolve its bare imports). Not part of the package.
import { bn254 } from "@noble/curves/bn254.js";

const { Fp2, Fp12 } = bn254.fields;
const g1 = (p) => bn254.G1.Point.fromAffine({ x: BigInt(p[0]), y: BigInt(p[1]) });
const g2 = (p) => bn254.G2.Point.fromAffine({
  x: Fp2.fromBigTuple([BigInt(p[0][0]), BigInt(p[0][1])]),
  y: Fp2.fromBigTuple([BigInt(p[1][0]), BigInt(p[1][1])]),
});

/** Whether `proof` verifies for `publicSignals` under `vk` (snarkjs' JSON shapes). */
export function verify(vk, proof, publicSignals) {
  let vkx = g1(vk.IC[0]);
  publicSignals.forEach((s, i) => {
    const k = BigInt(s);
    if (k !== 0n) vkx = vkx.add(g1(vk.IC[i + 1]).multiply(k));
  });
  const gt = bn254.pairingBatch([
    { g1: g1(proof.pi_a).negate(), g2: g2(proof.pi_b) },
    { g1: g1(vk.vk_alpha_1), g2: g2(vk.vk_beta_2) },
    { g1: vkx, g2: g2(vk.vk_gamma_2) },
    { g1: g1(proof.pi_c), g2: g2(vk.vk_delta_2) },
  ]);
  return Fp12.eql(gt, Fp12.ONE);
}
