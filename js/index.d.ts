// Types of the package's main entry: the wasm bindings, with Groth16Verifier wrapped (a freed verifier throws FREED).
export * from "./zkbridge_light_core.js";
export { default } from "./zkbridge_light_core.js";

/** A Groth16/BN254 verifying key parsed, validated and prepared once; verify many proofs with it. */
export declare class Groth16Verifier {
  /** `vk`: snarkjs `verification_key.json` as an object or JSON text. Throws an Error with `code` when malformed. */
  constructor(vk: any);
  /** snarkjs proof and public signals → true / false; throws an Error with `code` on malformed input, `FREED` after `free()`. */
  verify(proof: any, publicSignals: any): boolean;
  /** EVM form: 256 bytes as 0x hex or 8 words, and public-input words → true / false. */
  verifyEvm(proof: any, publicInputs: any): boolean;
  /** The number of public inputs the key expects. */
  readonly nPublic: number;
  /** Frees the prepared key; later calls throw `FREED`. Idempotent. */
  free(): void;
}
