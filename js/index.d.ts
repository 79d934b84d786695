// Types of the package's main entry (shipped as zkbridge_light.d.ts; the Node entry, node.js, has the same API). Written by
// hand against js/index.js and the Rust it calls (src/wasm/, src/json.rs and the serde structs of src/): only names that
// entry exports at run time are declared as values, member names are the JS ones, and nothing is `any`.
//
// Conventions (docs/FORMATS.md §4): bytes, hashes and addresses cross as `0x` hex strings; integers up to 32 bits (chain
// ids, block numbers, nonces) as numbers (a decimal string is accepted too); wider integers (amounts, timestamps,
// allowances, field elements) as decimal strings or bigint, never as JS numbers. Where a function takes an object, JSON text
// of that object is accepted too (`JsonText`). Every error is a `BridgeError` with a stable `code`.

import type { WalletCode } from "./wallet.js";

// ---------------------------------------------------------------------------------------------------------------------
// Scalars

/**
 * `0x` followed by hex digits, as the package writes bytes, hashes (32 bytes) and calldata.
 * @example
 * const root: Hex = verdict.finalRoot; // "0x4444…"
 */
export type Hex = `0x${string}`;

/**
 * An address as the package writes it: `0x` + 40 hex digits in EIP-55 mixed case.
 * @example
 * const to: Address = checksumAddress("0xfb6916095ca1df60bb79ce92ce3ea74c37c5d359"); // "0xfB69…d359"
 */
export type Address = `0x${string}`;

/**
 * An unsigned integer written in decimal, as the package writes amounts, timestamps and public inputs (wider than a JS
 * number holds exactly).
 * @example
 * const raw: DecimalString = parseAmount("12.5", 6); // "12500000"
 */
export type DecimalString = string;

/**
 * JSON text of an object a function also takes as an object (it is parsed with the same bounds: `INVALID_JSON`,
 * `TOO_DEEP`, `TOO_LARGE`).
 * @example
 * verifyGroth16(await (await fetch("vk.json")).text(), proof, publicSignals);
 */
export type JsonText = string;

/**
 * A wide unsigned integer given to the package (`uint64` … `uint256`: amounts, timestamps, allowances): a decimal string
 * or a bigint, never a JS number (`INVALID_NUMBER`).
 * @example
 * formatAmount(12_500_000n, 6); // "12.5"
 */
export type UintInput = string | bigint;

/**
 * A small unsigned integer given to the package (`uint8/16/32`: chain ids, block numbers, nonces, decimals): a JS safe
 * integer or a decimal string.
 * @example
 * storedBlockInfoFor(prevBlock, block, 4, [1, 4]);
 */
export type SmallUintInput = number | string;

/**
 * A BN254 field element given to the package (a coordinate, a public input, an EVM proof word): a decimal string, `0x`
 * hex (1–64 digits) or a bigint. A value `≥ p` (coordinates) or `≥ r` (public inputs) is `NOT_IN_FIELD`, never reduced.
 * @example
 * const signals: FieldElementInput[] = ["12258553213256230240172970951821441841664700262003698333998054971655181816396"];
 */
export type FieldElementInput = string | bigint;

/**
 * A plain-data copy of a JS value, as every function of the package reads its arguments (`snapshot`): `undefined` becomes
 * `null`, getters are read once, and only own enumerable string keys are kept.
 * @example
 * const copy: PlainData = snapshot({ a: [1, 2n, "x"] });
 */
export type PlainData = null | boolean | number | string | bigint | PlainData[] | { [key: string]: PlainData };

// ---------------------------------------------------------------------------------------------------------------------
// Codes

/**
 * Every code a function of the package can throw (`errorCodes()`, generated from the Rust error enums plus the codes of
 * the JS layer). The README's "Codes" says what each means.
 * @example
 * try { verifyGroth16(vk, proof, ["-1"]); } catch (e) { if (isBridgeError(e) && e.code === "INVALID_NUMBER") … }
 */
export type ErrorCode =
  // input (src/input.rs)
  | "MISSING_FIELD"
  | "INVALID_JSON"
  | "INVALID_HEX"
  | "INVALID_LENGTH"
  | "INVALID_NUMBER"
  | "INVALID_ADDRESS"
  | "BAD_CHECKSUM"
  | "DUPLICATE_KEY"
  | "TOO_DEEP"
  | "TOO_LARGE"
  | "INVALID_INPUT"
  // proofs
  | "NOT_IN_FIELD"
  | "INVALID_POINT"
  | "NOT_ON_CURVE"
  | "NOT_IN_SUBGROUP"
  | "POINT_AT_INFINITY"
  | "PUBLIC_INPUT_COUNT"
  | "UNSUPPORTED_PROTOCOL"
  | "INSECURE_VK"
  | "EMPTY_BATCH"
  | "PREPARED_KEY_MISMATCH"
  | "PAIRING_FAILED"
  | "PRECOMPILE_INPUT"
  // blocks
  | "UNKNOWN_OP"
  | "BAD_PUBDATA"
  // burns
  | "INVALID_AMOUNT"
  | "TOO_MANY_DECIMALS"
  | "AMOUNT_TOO_LARGE"
  | "UNSUPPORTED_DECIMALS"
  | "SAME_CHAIN"
  | "INVALID_FEE"
  | "INVALID_CHAIN_ID"
  | "NO_BURN_IN_RECEIPT"
  | "ZERO_ADDRESS"
  | "CONTRACT_RECIPIENT"
  // the light client
  | "RPC_TIMEOUT"
  | "RPC_ERROR"
  | "CHAIN_ID_MISMATCH"
  | "BLOCK_NOT_FOUND"
  | "FOREIGN_KEY"
  | "FOREIGN_ANCHOR"
  | "TX_MISMATCH"
  | "WOULD_REVERT"
  | "TX_REVERTED"
  | "TX_NOT_FOUND"
  // the JS layer only
  | "FREED"
  | "ABORTED"
  | "WORKER_FAILED"
  | "NOT_INITIALIZED"
  | "INIT_FAILED"
  | "INTERNAL";

/**
 * Every code a verdict's findings can carry (`findingCodes()`); `SINGLE_ENDPOINT` and `REORG` are warnings.
 * @example
 * const blocking = verdict.stages.flatMap((s) => s.codes).filter((f) => f.code !== "SINGLE_ENDPOINT");
 */
export type FindingCode =
  | "BAD_PUBDATA"
  | "STORED_HASH_MISMATCH"
  | "COMMITMENT_MISMATCH"
  | "BLOCK_NUMBER_MISMATCH"
  | "CHAIN_OPS_MISMATCH"
  | "PROOF_INVALID"
  | "SYNC_HASH_MISMATCH"
  | "ROOT_MISMATCH"
  | "UNKNOWN_CHAIN"
  | "DUPLICATE_CHAIN"
  | "TOO_FEW_CHAINS"
  | "ZERO_ROOT"
  | "NOT_LINKED"
  | "NOT_REACHED"
  | "NO_DESTINATION"
  | "NOT_SYNCHRONIZED"
  | "BURN_NOT_IN_BLOCK"
  | "RPC_DISAGREEMENT"
  | "SINGLE_ENDPOINT"
  | "BLOCK_DATA_MISMATCH"
  | "PROOF_MISMATCH"
  | "CHECKPOINT_MISMATCH"
  | "MINT_MISMATCH"
  | "REORG";

/**
 * Every {@link ErrorCode} as a constant object, for comparisons a typo cannot break.
 * @example
 * import { ErrorCode, isBridgeError } from "zkbridge-light";
 * try { verifyGroth16(vk, proof, publicSignals); } catch (e) { if (isBridgeError(e) && e.code === ErrorCode.NOT_IN_FIELD) … }
 */
export declare const ErrorCode: { readonly [K in ErrorCode]: K };

/**
 * Every {@link FindingCode} as a constant object.
 * @example
 * import { FindingCode } from "zkbridge-light";
 * verdict.stages.some((s) => s.codes.some((f) => f.code === FindingCode.ROOT_MISMATCH));
 */
export declare const FindingCode: { readonly [K in FindingCode]: K };

/**
 * The `code` of a {@link BridgeError}: one of {@link ErrorCode}, one of the wallet module's `WALLET_CODES`, or (from a
 * newer core) another string. Comparisons with the known codes autocomplete.
 * @example
 * const retry = (code: BridgeErrorCode) => code === "RPC_TIMEOUT" || code === "WALLET_TIMEOUT";
 */
export type BridgeErrorCode = ErrorCode | WalletCode | (string & {});

/**
 * Every error this package throws or rejects with: `code` is stable, `message` is for people, `details` holds what the
 * error is about, `cause` the error it came from (for `INVALID_INPUT` the exception raised while reading the argument; for
 * `ABORTED` the signal's reason; for `WALLET_ERROR` the wallet's own error). The details are also readable as members:
 * the wallet flow's errors carry `step`, `approveTx` and `burnTx` once anything was broadcast.
 * @example
 * try {
 *   await sendBurn(provider, params, { chain });
 * } catch (e) {
 *   if (isBridgeError(e) && e.code === "WALLET_CHANGED") console.log(e.step, e.burnTx);
 * }
 */
export declare class BridgeError extends Error {
  /**
   * @param code a stable code
   * @param message for people
   * @param options `details` (copied; each also readable as a member) and `cause`
   * @example
   * throw new BridgeError("MISSING_FIELD", "deployment.chains", { details: { field: "chains" } });
   */
  constructor(code: BridgeErrorCode, message: string, options?: { readonly details?: Record<string, unknown>; readonly cause?: unknown });
  /** Always `"BridgeError"`. */
  name: "BridgeError";
  /** The stable code (README "Codes"). */
  code: BridgeErrorCode;
  /** What the error is about (e.g. `step`, `approveTx`, `burnTx`, `walletCode` of a wallet flow). */
  details: Record<string, unknown>;
  /** `sendBurn`: the step the flow was at (`"connect"`, `"approve"`, `"burnReceipt"`, …). */
  readonly step?: string;
  /** `sendBurn`: the approval's hash, once it was broadcast. */
  readonly approveTx?: string;
  /** `sendBurn`: the burn's hash, once it was broadcast. */
  readonly burnTx?: string;
  /** `WALLET_ERROR`: the wallet's own code (EIP-1193: a number such as 4902 or -32000), as the wallet gave it. */
  readonly walletCode?: unknown;
  /** `TX_REPLACED`: the hash of the transaction that took the nonce. */
  readonly replacedBy?: string;
  /** `INVALID_HASH`: what the wallet returned instead of a transaction hash (JSON text, cut). */
  readonly returned?: string;
}

/**
 * Whether `e` is an error of this package.
 * @example
 * isBridgeError(new Error("x")); // false
 * try { checksumAddress("0x12"); } catch (e) { if (isBridgeError(e)) e.code; } // "INVALID_ADDRESS"
 */
export declare function isBridgeError(e: unknown): e is BridgeError;

/**
 * Every code a function of the package can throw.
 * @example
 * errorCodes().includes("NOT_IN_FIELD"); // true
 */
export declare function errorCodes(): ErrorCode[];

/**
 * Every code a verdict's findings can carry.
 * @example
 * findingCodes().length; // 24
 */
export declare function findingCodes(): FindingCode[];

// ---------------------------------------------------------------------------------------------------------------------
// Loading the wasm

/**
 * Bytes of the `.wasm` file.
 * @example
 * initSync({ module: readFileSync("node_modules/zkbridge-light/zkbridge_light_bg.wasm") });
 */
export type WasmBytes = ArrayBuffer | ArrayBufferView;

/**
 * A compiled `WebAssembly.Module` (an opaque object: its type is not named here so that the package compiles without the
 * DOM lib).
 * @example
 * const module: WasmModule = await WebAssembly.compileStreaming(fetch(wasmUrl));
 */
export type WasmModule = object;

/**
 * Where `init()` loads the `.wasm` from: bytes, a compiled module, a URL (a `URL` or a string, fetched), or a fetch
 * `Response` (streamed). Declared structurally, without the DOM lib.
 * @example
 * const source: WasmSource = new URL("zkbridge_light_bg.wasm", import.meta.url);
 */
export type WasmSource = WasmBytes | WasmModule | string | { readonly href: string } | { readonly url: string };

/**
 * What `init()` takes: `{ module_or_path }` (wasm-bindgen's name), the source or a promise of it.
 * @example
 * await init({ module_or_path: fetch("/assets/zkbridge_light_bg.wasm") });
 */
export interface InitInput {
  /** The `.wasm`, or a promise of it (e.g. a pending `fetch`). */
  readonly module_or_path: WasmSource | PromiseLike<WasmSource>;
}

/**
 * What `initSync()` takes: `{ module }`, bytes or a compiled module.
 * @example
 * initSync({ module: wasmBytes });
 */
export interface SyncInitInput {
  /** The `.wasm` bytes or a compiled `WebAssembly.Module`. */
  readonly module: WasmBytes | WasmModule;
}

/**
 * The loaded instance's exports, of which only `memory` is meant to be looked at (e.g. to measure it); the functions of
 * the package are the ones exported by name.
 * @example
 * const { memory } = await init();
 * console.log(memory.buffer.byteLength);
 */
export interface WasmExports {
  /** The instance's linear memory (a `WebAssembly.Memory`). */
  readonly memory: {
    /** The memory's bytes. */
    readonly buffer: ArrayBuffer;
    /** Grows the memory by `pages` of 64 KiB; returns the previous size in pages. */
    grow(pages: number): number;
  };
}

/**
 * Loads the wasm module, once: later and concurrent calls share the first load, so it is safe to call from every module
 * that needs the package. With no argument the `.wasm` next to the package's entry is fetched (browsers, Workers) or read
 * from disk (Node): `wide/zkbridge_light_wide.wasm` (the same code compiled with wasm's wide arithmetic, faster) where the
 * engine runs it, else (or if it cannot be fetched) `zkbridge_light_bg.wasm`; both give the same answers. Every other
 * function throws `NOT_INITIALIZED` until this resolved. Rejects with `INIT_FAILED`.
 * @example
 * import init, { verifyGroth16 } from "zkbridge-light";
 * await init();
 * verifyGroth16(vk, proof, publicSignals); // true or false
 */
export default function init(input?: InitInput): Promise<WasmExports>;

/**
 * Loads the wasm module synchronously from bytes or a compiled module (once; later calls return the same exports).
 * Throws `INIT_FAILED`.
 * @example
 * import { initSync, errorCodes } from "zkbridge-light";
 * initSync({ module: readFileSync(new URL("zkbridge_light_bg.wasm", import.meta.resolve("zkbridge-light"))) });
 * errorCodes();
 */
export declare function initSync(input: SyncInitInput): WasmExports;

// ---------------------------------------------------------------------------------------------------------------------
// Reading arguments

/**
 * Nesting deeper than this many levels is refused with `TOO_DEEP` (a cycle too).
 * @example
 * snapshot(JSON.parse("[".repeat(MAX_DEPTH + 2) + "]".repeat(MAX_DEPTH + 2))); // throws TOO_DEEP
 */
export declare const MAX_DEPTH: 32;

/**
 * Input larger than this many units is refused with `TOO_LARGE`: every string counts its length, every value 16 more (an
 * object referenced several times counts every time).
 * @example
 * const fits = (s: string) => s.length + 16 <= MAX_INPUT_UNITS;
 */
export declare const MAX_INPUT_UNITS: 8388608;

/**
 * The default bound of one JSON-RPC answer of a `BridgeClient` endpoint (`maxAnswerBytes`): 8 MiB.
 * @example
 * new BridgeClient({ deployment, maxAnswerBytes: MAX_ANSWER_BYTES / 2 });
 */
export declare const MAX_ANSWER_BYTES: 8388608;

/**
 * A plain-data copy of `value`, as every function of the package reads its arguments before anything enters wasm: no user
 * code (getters, Proxy traps, iterators) runs later. Throws `INVALID_INPUT` (reading threw, or a function or symbol; the
 * original as `cause`), `TOO_DEEP` or `TOO_LARGE`; `field` names the argument in the message.
 * @example
 * snapshot({ a: 1, b: undefined }); // { a: 1, b: null }
 * snapshot(new Proxy({}, { ownKeys() { throw new Error("no"); } }), "params"); // throws INVALID_INPUT
 */
export declare function snapshot(value: unknown, field?: string): PlainData;

// ---------------------------------------------------------------------------------------------------------------------
// Groth16

/**
 * A G1 point in snarkjs form: `[x, y, z]` (`z` must be 1) or `[x, y]`.
 * @example
 * const a: G1Input = ["1", "2", "1"];
 */
export type G1Input = readonly FieldElementInput[];

/**
 * A G2 point in snarkjs form: `[[x.c0, x.c1], [y.c0, y.c1], [z.c0, z.c1]]`, the real part first.
 * @example
 * const b: G2Input = [["1", "0"], ["2", "0"], ["1", "0"]];
 */
export type G2Input = readonly (readonly FieldElementInput[])[];

/**
 * snarkjs `verification_key.json` (groth16 on bn128/bn254). `vk_alphabeta_12` is ignored (recomputed, never trusted).
 * @example
 * import vk from "./verification_key.json" with { type: "json" };
 * const verifier = new Groth16Verifier(vk satisfies VerificationKey);
 */
export interface VerificationKey {
  /** `"groth16"` (anything else: `UNSUPPORTED_PROTOCOL`). */
  readonly protocol?: string;
  /** `"bn128"` or `"bn254"` (anything else: `UNSUPPORTED_PROTOCOL`). */
  readonly curve?: string;
  /** Must be `IC.length − 1` when present (`PUBLIC_INPUT_COUNT`). */
  readonly nPublic?: number | string;
  readonly vk_alpha_1: G1Input;
  readonly vk_beta_2: G2Input;
  readonly vk_gamma_2: G2Input;
  readonly vk_delta_2: G2Input;
  /** Ignored. */
  readonly vk_alphabeta_12?: unknown;
  /** One point per public input, plus one. */
  readonly IC: readonly G1Input[];
}

/**
 * snarkjs `proof.json`.
 * @example
 * const proof: SnarkjsProof = JSON.parse(await readFile("proof.json", "utf8"));
 */
export interface SnarkjsProof {
  readonly pi_a: G1Input;
  readonly pi_b: G2Input;
  readonly pi_c: G1Input;
  readonly protocol?: string;
  readonly curve?: string;
}

/**
 * snarkjs `public.json`: the public signals in the circuit's order, each `< r`.
 * @example
 * const publicSignals: PublicSignals = ["1", "2", 3n];
 */
export type PublicSignals = readonly FieldElementInput[];

/**
 * A proof in EVM form `[A.x, A.y, B.x.c1, B.x.c0, B.y.c1, B.y.c0, C.x, C.y]` (the imaginary part first): 256 bytes as `0x`
 * hex (exactly 512 digits), the 8 words, or JSON text of the words.
 * @example
 * verifyGroth16Evm(vk, "0x" + "00".repeat(256), ["0x01"]); // throws POINT_AT_INFINITY
 */
export type EvmProof = string | readonly FieldElementInput[];

/**
 * Verifies a Groth16/BN254 proof in snarkjs formats (objects or JSON text). A well-formed proof that does not verify is
 * `false`; malformed input throws (`INVALID_NUMBER`, `NOT_IN_FIELD`, `NOT_ON_CURVE`, `PUBLIC_INPUT_COUNT`, …).
 * @example
 * verifyGroth16(vk, proof, publicSignals); // true
 */
export declare function verifyGroth16(
  vk: VerificationKey | JsonText,
  proof: SnarkjsProof | JsonText,
  publicSignals: PublicSignals | JsonText,
): boolean;

/**
 * Verifies a proof in EVM form (a snarkjs key; public inputs as words).
 * @example
 * verifyGroth16Evm(vk, proofHex, [publicInput]); // true or false
 */
export declare function verifyGroth16Evm(
  vk: VerificationKey | JsonText,
  proof: EvmProof,
  publicInputs: PublicSignals | JsonText,
): boolean;

/** One proof of a batch ({@link Groth16Verifier.verifyBatch}), snarkjs formats. */
export interface BatchItem {
  proof: SnarkjsProof;
  publicSignals: PublicSignals;
}

/** What {@link Groth16Verifier.verifyBatch} found: `ok` when every proof verifies, else `bad` lists the others' indices. */
export interface BatchResult {
  ok: boolean;
  bad: number[];
}

/**
 * A verifying key parsed, validated and prepared once; verify many proofs with it. `free()` releases its wasm memory
 * (later calls throw `FREED`; calling `free()` again does nothing).
 * @example
 * const verifier = new Groth16Verifier(vk);
 * try {
 *   for (const { proof, publicSignals } of proofs) console.log(verifier.verify(proof, publicSignals));
 * } finally {
 *   verifier.free();
 * }
 */
export declare class Groth16Verifier {
  /**
   * Parses, validates and prepares `vk` (snarkjs `verification_key.json` as an object or JSON text); throws when malformed.
   * @example
   * const verifier = new Groth16Verifier(vkJsonText);
   */
  constructor(vk: VerificationKey | JsonText);
  /**
   * snarkjs proof and public signals → `true` / `false`; throws on malformed input, `FREED` after `free()`.
   * @example
   * verifier.verify(proof, ["12258553213256230240172970951821441841664700262003698333998054971655181816396"]);
   */
  verify(proof: SnarkjsProof | JsonText, publicSignals: PublicSignals | JsonText): boolean;
  /**
   * EVM form: 256 bytes as `0x` hex or 8 words, and public-input words → `true` / `false`.
   * @example
   * verifier.verifyEvm(proofHex, [publicInput]);
   */
  verifyEvm(proof: EvmProof, publicInputs: PublicSignals | JsonText): boolean;
  /**
   * Many proofs under this key at once: one multi-pairing for all of them (random scalars from `crypto.getRandomValues`
   * mixed with a transcript of the items), then halves again where it fails. `bad`: the indices of the proofs that do not
   * verify. Throws `EMPTY_BATCH` for no items, an item's code (`items[i]: …` in the message) for a malformed one.
   * @example
   * const { ok, bad } = verifier.verifyBatch([{ proof, publicSignals }, { proof: other, publicSignals: otherSignals }]);
   */
  verifyBatch(items: BatchItem[] | JsonText): BatchResult;
  /**
   * The key's preparation (e(α, β) and the line coefficients of γ and δ) as bytes, about 35 KB: this library's name and
   * version, the key's hash, the prepared values. Keep them to skip checking and preparing the key next time
   * ({@link Groth16Verifier.fromPrepared}).
   * @example
   * localStorage.setItem(`prepared:${version}:${keyHash}`, toHex(verifier.export()));
   */
  export(): Uint8Array;
  /**
   * A verifier for `vk` from {@link Groth16Verifier.export}'s bytes, without checking or preparing the key again. The
   * bytes cannot be checked cheaply (forged line coefficients would let forged proofs pass), so give only bytes this
   * library exported and you kept yourself (same-origin storage, keyed by the key's hash and the library version): they
   * are trusted as a stored checkpoint is. Throws `PREPARED_KEY_MISMATCH` for bytes of another key or library version (or
   * not a prepared key), `INVALID_INPUT` when `bytes` is not a `Uint8Array`.
   * @example
   * const verifier = Groth16Verifier.fromPrepared(fromHex(stored), vk);
   */
  static fromPrepared(bytes: Uint8Array, vk: VerificationKey | JsonText): Groth16Verifier;
  /**
   * The number of public inputs the key expects.
   * @example
   * verifier.nPublic; // 1
   */
  readonly nPublic: number;
  /**
   * Frees the prepared key; later calls throw `FREED`. Calling it again does nothing.
   * @example
   * verifier.free();
   */
  free(): void;
}

// ---------------------------------------------------------------------------------------------------------------------
// The block model (docs/PROTOCOL.md §1–§6)

/**
 * What a chain stores per block (`storedBlockHashes(n) = keccak256(abi.encode(info))`), as given to the package.
 * @example
 * const genesis: StoredBlockInfoInput = deployment.genesis;
 */
export interface StoredBlockInfoInput {
  readonly blockNumber: SmallUintInput;
  /** `uint64`. */
  readonly priorityOperations: UintInput;
  readonly pendingOnchainOperationsHash: string;
  /** `uint256`. */
  readonly timestamp: UintInput;
  readonly stateHash: string;
  readonly commitment: string;
  readonly syncHash: string;
}

/**
 * What a chain stores per block, as the package writes it (a later client's `checkpoint`).
 * @example
 * const info: StoredBlockInfo = storedBlockInfoFor(prevBlock, block, 1, [1, 4]);
 * info.priorityOperations; // "2"
 */
export interface StoredBlockInfo {
  blockNumber: number;
  priorityOperations: DecimalString;
  pendingOnchainOperationsHash: Hex;
  timestamp: DecimalString;
  stateHash: Hex;
  commitment: Hex;
  syncHash: Hex;
}

/**
 * The operator's commit input for one block (`CommitBlockInfo`), as given to the package.
 * @example
 * blockCommitment(prevBlock, { newStateHash, publicData, timestamp: "1700000100", onchainOperations: [], blockNumber: 2, feeAccount: 3 });
 */
export interface CommitBlockInfoInput {
  readonly newStateHash: string;
  /** The pubdata: 23-byte chunks. */
  readonly publicData: string;
  readonly timestamp: UintInput;
  /** Every Deposit, Withdraw, FullExit and Mapping op of the pubdata. */
  readonly onchainOperations: readonly {
    readonly ethWitness?: string | null;
    /** Byte offset of the op in the pubdata (a multiple of 23). */
    readonly publicDataOffset: SmallUintInput;
  }[];
  readonly blockNumber: SmallUintInput;
  readonly feeAccount: SmallUintInput;
}

/**
 * The operator's commit input for one block, as the package writes it (in an evidence bundle's answers).
 * @example
 * bundle.answers[0].block?.publicData; // "0x0e01…"
 */
export interface CommitBlockInfo {
  newStateHash: Hex;
  publicData: Hex;
  timestamp: DecimalString;
  onchainOperations: { ethWitness: Hex; publicDataOffset: number }[];
  blockNumber: number;
  feeAccount: number;
}

/**
 * The Token Bridge's Mapping op (a burn on `fromChainId`, a mint on `toChainId`), as given to the package. `l2Amount` is in
 * 18 decimals.
 * @example
 * mappingOpHash(decodeBurnReceipt(receipt, bridge));
 */
export interface MappingOpInput {
  readonly fromChainId: SmallUintInput;
  readonly toChainId: SmallUintInput;
  /** The `_zkLinkAddress` of the `mappingToken` call. */
  readonly owner: string;
  /** The recipient on the destination chain. */
  readonly to: string;
  readonly tokenId: SmallUintInput;
  /** 18 decimals (`uint128`). */
  readonly l2Amount: UintInput;
  /** Operator fee, 18 decimals (default 0). */
  readonly fee?: UintInput | null;
  readonly nonce: SmallUintInput;
  /** Basis points. */
  readonly withdrawFee: SmallUintInput;
}

/**
 * A tracked burn as `verifyBlock` and `verifyBlocks` take it: a Mapping op whose `fee` and `withdrawFee` may be left out
 * (they are not compared; the operator sets the fee). Extra members (`opType`, `serialId`, `txHash`) are ignored.
 * @example
 * verifyBlock({ ...input, burn: decodeBurnReceipt(receipt, bridge) });
 */
export interface BurnInput extends Omit<MappingOpInput, "withdrawFee"> {
  readonly withdrawFee?: SmallUintInput | null;
}

/**
 * The Token Bridge's Mapping op as the package writes it (amounts in 18 decimals, addresses EIP-55).
 * @example
 * const op: MappingOp = verdict.ops[0];
 * formatAmount(op.l2Amount, 18); // "12.5"
 */
export interface MappingOp {
  fromChainId: number;
  toChainId: number;
  owner: Address;
  to: Address;
  tokenId: number;
  /** 18 decimals. */
  l2Amount: DecimalString;
  /** 18 decimals. */
  fee: DecimalString;
  nonce: number;
  /** Basis points. */
  withdrawFee: number;
}

/**
 * A zkLink `main` Deposit op of the pubdata.
 * @example
 * if (op.opType === "Deposit") op.targetTokenId;
 */
export interface DepositOp {
  opType: "Deposit";
  /** Byte offset in the pubdata. */
  offset: number;
  chainId: number;
  subAccountId: number;
  tokenId: number;
  targetTokenId: number;
  /** 18 decimals. */
  amount: DecimalString;
  /** The L2 owner (bytes32). */
  owner: Hex;
  accountId: number;
}

/**
 * A zkLink `main` Withdraw op of the pubdata.
 * @example
 * if (op.opType === "Withdraw") op.fastWithdrawFeeRate;
 */
export interface WithdrawOp {
  opType: "Withdraw";
  offset: number;
  chainId: number;
  accountId: number;
  subAccountId: number;
  tokenId: number;
  srcTokenId: number;
  /** 18 decimals. */
  amount: DecimalString;
  dataHash: Hex;
  /** Packed fee. */
  fee: number;
  owner: Address;
  nonce: number;
  fastWithdrawFeeRate: number;
  /** Withdraw-to-L1 flag (0 or 1). */
  withdrawToL1: number;
}

/**
 * A zkLink `main` FullExit op of the pubdata.
 * @example
 * if (op.opType === "FullExit") op.srcTokenId;
 */
export interface FullExitOp {
  opType: "FullExit";
  offset: number;
  chainId: number;
  accountId: number;
  subAccountId: number;
  owner: Address;
  tokenId: number;
  srcTokenId: number;
  /** 18 decimals. */
  amount: DecimalString;
}

/**
 * The Token Bridge's Mapping op in the pubdata.
 * @example
 * if (op.opType === "Mapping") op.l2Amount;
 */
export interface MappingPubdataOp extends MappingOp {
  opType: "Mapping";
  offset: number;
}

/**
 * One op of a block's pubdata, tagged `opType` (Noop chunks are skipped).
 * @example
 * for (const op of decodePubdata(block.publicData)) if (op.opType === "Mapping") console.log(op.toChainId);
 */
export type PubdataOp = DepositOp | WithdrawOp | FullExitOp | MappingPubdataOp;

/**
 * One chain's report for `verifyBlock`: what its contract stored for the block.
 * @example
 * const report: ChainReportInput = { chainId: 1, storedBlock, storedBlockHash, totalBlocksSynchronized: 2 };
 */
export interface ChainReportInput {
  readonly chainId: SmallUintInput;
  /** Its `storedBlockInfo(n)`. */
  readonly storedBlock: StoredBlockInfoInput;
  /** Its `storedBlockHashes(n)`. */
  readonly storedBlockHash: string;
  /** Its `totalBlocksSynchronized()`. */
  readonly totalBlocksSynchronized: SmallUintInput;
}

/**
 * A block's proof as `verifyBlock` takes it: snarkjs JSON, or `{ evm: "0x…" }` (256 bytes, EVM form).
 * @example
 * const proof: BlockProofInput = { evm: proofHex };
 */
export type BlockProofInput = SnarkjsProof | { readonly evm: string };

/**
 * Everything one block's verdict rests on (`verifyBlock`'s input).
 * @example
 * const input: BlockCheckInput = { vk, proof, prevBlock, block, chains: [1, 4], reports, burn };
 */
export interface BlockCheckInput {
  /** The circuit's key (one public input). */
  readonly vk: VerificationKey | JsonText;
  readonly proof: BlockProofInput;
  /** The block before it, as the caller verified it. */
  readonly prevBlock: StoredBlockInfoInput;
  readonly block: CommitBlockInfoInput;
  /** The connected chains. */
  readonly chains: readonly SmallUintInput[];
  /** What each chain stored. */
  readonly reports: readonly ChainReportInput[];
  /** The chain that must have synchronized the block (default: the burn's `toChainId`). */
  readonly destination?: SmallUintInput | null;
  /** The burn that must be in the block (`BURN_NOT_IN_BLOCK`). */
  readonly burn?: BurnInput | null;
}

/**
 * Consecutive blocks on top of `prevBlock` (`verifyBlocks`'s input); an empty `blocks` is `MISSING_FIELD`.
 * @example
 * verifyBlocks({ vk, chains: [1, 4], prevBlock, blocks: [{ block, proof, reports }] });
 */
export interface BlocksCheckInput {
  readonly vk: VerificationKey | JsonText;
  readonly chains: readonly SmallUintInput[];
  readonly prevBlock: StoredBlockInfoInput;
  readonly blocks: readonly { readonly block: CommitBlockInfoInput; readonly proof: BlockProofInput; readonly reports: readonly ChainReportInput[] }[];
  readonly destination?: SmallUintInput | null;
  /** The burn that must be in one of the blocks. */
  readonly burn?: BurnInput | null;
}

/**
 * A verdict's stage: the client's `reads` first, then `commit`, `zkVerify`, `consensus`, `execute`, and a tracked burn's
 * `mint`.
 * @example
 * const zk = verdict.stages.find((s) => s.stage === ("zkVerify" satisfies StageName));
 */
export type StageName = "reads" | "commit" | "zkVerify" | "consensus" | "execute" | "mint";

/**
 * A finding of a stage.
 * @example
 * const f: Finding = { code: "ROOT_MISMATCH", chainId: 4, detail: "stored root … != block root …" };
 */
export interface Finding {
  code: FindingCode;
  /** The chain it is about, when it is about one. */
  chainId?: number;
  /** For people. */
  detail: string;
}

/**
 * One stage of a verdict: `ok` when it has no findings.
 * @example
 * for (const s of verdict.stages) console.log(s.stage, s.ok, s.codes.map((f) => f.code));
 */
export interface Stage {
  stage: StageName;
  ok: boolean;
  codes: Finding[];
}

/**
 * The verdict on one block (`verifyBlock`): may a block that carries a burn be executed on the destination?
 * @example
 * const v: BlockVerdict = verifyBlock(input);
 * if (!v.approved) console.log(v.stages.filter((s) => !s.ok));
 */
export interface BlockVerdict {
  /** True only when every stage is ok. */
  approved: boolean;
  blockNumber: number;
  /** The block's `newStateHash`. */
  finalRoot: Hex;
  /** The recomputed commitment (`null` when the pubdata's offsets do not allow computing it). */
  commitment: Hex | null;
  /** The recomputed public input, decimal (`null` with the commitment). */
  publicInput: DecimalString | null;
  /** `commit`, `zkVerify`, `consensus`, `execute` (a client's verdict: `reads` first, and a tracked burn's `mint` last). */
  stages: Stage[];
}

/**
 * The verdict on several consecutive blocks (`verifyBlocks`).
 * @example
 * const { approved, verdicts } = verifyBlocks(input);
 */
export interface BlocksVerdict {
  /** True only when there is at least one block and every block is approved. */
  approved: boolean;
  /** One verdict per block, in order. */
  verdicts: BlockVerdict[];
}

/**
 * The block commitment recomputed from the previous `StoredBlockInfo` and the new `CommitBlockInfo` (never taken from
 * input).
 * @example
 * blockCommitment(prevBlock, block); // "0xbb1a…"
 */
export declare function blockCommitment(prevBlock: StoredBlockInfoInput | JsonText, block: CommitBlockInfoInput | JsonText): Hex;

/**
 * The proof's public input: `commitment & (2^253 − 1)`, decimal.
 * @example
 * verifyGroth16(vk, proof, [blockPublicInput(prevBlock, block)]);
 */
export declare function blockPublicInput(prevBlock: StoredBlockInfoInput | JsonText, block: CommitBlockInfoInput | JsonText): DecimalString;

/**
 * `keccak256(abi.encode(info))`, what `storedBlockHashes(n)` returns.
 * @example
 * storedBlockHash(deployment.genesis);
 */
export declare function storedBlockHash(info: StoredBlockInfoInput | JsonText): Hex;

/**
 * The next sync hash from the previous one, the block's commitment and each chain's on-chain op pubdata hash (keyed by
 * chain id; a chain named twice, `"1"` and `"01"`, is `DUPLICATE_KEY`).
 * @example
 * nextSyncHash(prevBlock.syncHash, commitment, { "1": hashA, "4": hashB });
 */
export declare function nextSyncHash(
  prevSyncHash: string,
  commitment: string,
  opHashesByChain: Readonly<Record<string, string>> | JsonText,
): Hex;

/**
 * The ops of a block's pubdata (Mapping, Deposit, Withdraw, FullExit; Noop chunks skipped).
 * @example
 * decodePubdata(block.publicData).filter((op) => op.opType === "Mapping");
 */
export declare function decodePubdata(publicData: string): PubdataOp[];

/**
 * A Mapping op's 92 pubdata bytes.
 * @example
 * encodeMappingOp(op); // "0x0e01…"
 */
export declare function encodeMappingOp(op: MappingOpInput | JsonText): Hex;

/**
 * What chain `chainId` must store for `block` on top of `prevBlock` (every field recomputed).
 * @example
 * storedBlockInfoFor(prevBlock, block, 4, [1, 4]).syncHash;
 */
export declare function storedBlockInfoFor(
  prevBlock: StoredBlockInfoInput | JsonText,
  block: CommitBlockInfoInput | JsonText,
  chainId: SmallUintInput,
  chains: readonly SmallUintInput[] | JsonText,
): StoredBlockInfo;

/**
 * Decides whether one block may be executed: four stages (commit → zkVerify → consensus → execute); every value is
 * recomputed from the block data. Every input that parses gets a verdict; malformed input throws.
 * @example
 * const verdict = verifyBlock({ vk, proof, prevBlock, block, chains: [1, 4], reports, burn });
 * verdict.approved; // true only when every stage is ok
 */
export declare function verifyBlock(input: BlockCheckInput | JsonText): BlockVerdict;

/**
 * Decides on consecutive blocks, each linked to the one before through recomputed values; the proofs are checked together.
 * @example
 * verifyBlocks({ vk, chains, prevBlock, blocks: [{ block, proof, reports }], burn }).approved;
 */
export declare function verifyBlocks(input: BlocksCheckInput | JsonText): BlocksVerdict;

/**
 * The id a burn and its mint share in the bridge's events (`MappingMinted`'s `opHash`).
 * @example
 * mappingOpHash(op); // "0x…"
 */
export declare function mappingOpHash(op: MappingOpInput | JsonText): Hex;

/**
 * The bridge's event topics, by event name.
 * @example
 * const filter = { address: bridge, topics: [eventTopics().BlockCommitted] };
 */
export interface EventTopics {
  MappingMinted: Hex;
  MappingBurned: Hex;
  BlockCommitted: Hex;
  BlockProven: Hex;
  BlockSynchronized: Hex;
  BlockExecuted: Hex;
  NewPriorityRequest: Hex;
}

/**
 * The bridge's event topics (`topic0` of each event).
 * @example
 * eventTopics().MappingMinted;
 */
export declare function eventTopics(): EventTopics;

/**
 * The calldata of the bridge's block counters (4-byte selectors); each result is one uint256 (`decodeAllowance`).
 * @example
 * const { totalBlocksProven } = counterCalls();
 */
export interface CounterCalls {
  totalBlocksCommitted: Hex;
  totalBlocksProven: Hex;
  totalBlocksSynchronized: Hex;
  totalBlocksExecuted: Hex;
}

/**
 * The calldata of the bridge's block counters.
 * @example
 * const proven = decodeAllowance(await provider.request({ method: "eth_call", params: [{ to: bridge, data: counterCalls().totalBlocksProven }, "latest"] }));
 */
export declare function counterCalls(): CounterCalls;

// ---------------------------------------------------------------------------------------------------------------------
// The burn

/**
 * The parameters of one burn, as a person gives them (`buildBurn`). Amounts never as JS numbers.
 * @example
 * const params: BurnParams = { chainId: "0x7a69", fromChainId: 1, bridge, from, token, decimals: 6, amount: "12.5",
 *   toChainId: 4, to, nonce: 7, withdrawFee: 10, allowance: "0", notTo: [destinationBridge, destinationToken] };
 */
export interface BurnParams {
  /** The source chain's EVM chain id: `0x` hex, or a positive integer (number or decimal string). */
  readonly chainId: string | number;
  /** The source zkLink chain id (1–255). */
  readonly fromChainId: SmallUintInput;
  /** The bridge contract on the source chain. */
  readonly bridge: string;
  /** The sender. */
  readonly from: string;
  /** The ERC-20 token on the source chain. */
  readonly token: string;
  /** The token's decimals (≤ 18; `UNSUPPORTED_DECIMALS`). */
  readonly decimals: SmallUintInput;
  /** The amount in token units as a person writes it, e.g. `"12.5"` (at most `decimals` fraction digits; above zero). */
  readonly amount: string;
  /** The destination zkLink chain id (1–255, not the source: `SAME_CHAIN`). */
  readonly toChainId: SmallUintInput;
  /** The recipient on the destination chain (not zero: `ZERO_ADDRESS`; not one of `notTo`: `CONTRACT_RECIPIENT`). */
  readonly to: string;
  /** The user's nonce (`uint32`). */
  readonly nonce: SmallUintInput;
  /** Withdraw fee in basis points (< 10000: `INVALID_FEE`). */
  readonly withdrawFee: SmallUintInput;
  /** The current allowance in raw units, when known: an `approve` is built only when it is below the amount. */
  readonly allowance?: UintInput | null;
  /** `_zkLinkAddress` (default `from`). */
  readonly zkLinkAddress?: string | null;
  /** Addresses the recipient must not be: the destination chain's bridge and token contracts (from the deployment). */
  readonly notTo?: readonly string[] | null;
}

/**
 * A transaction for `eth_sendTransaction`, as `buildBurn` builds it.
 * @example
 * await provider.request({ method: "eth_sendTransaction", params: [burn] });
 */
export interface BurnTx {
  /** The sender (EIP-55). */
  from: Address;
  /** The contract called (EIP-55). */
  to: Address;
  data: Hex;
  /** Always `"0x0"`. */
  value: "0x0";
  /** The source chain's EVM chain id, `0x` hex. */
  chainId: Hex;
}

/**
 * The transactions of one burn: the exact ERC-20 `approve` only when the known allowance is below the amount, then the
 * bridge's `mappingToken` call.
 * @example
 * const { approve, burn } = buildBurn(params);
 */
export interface BurnTxs {
  approve?: BurnTx;
  burn: BurnTx;
}

/**
 * `eth_call` parameters.
 * @example
 * const result = await provider.request({ method: "eth_call", params: [allowanceCall(token, owner, bridge), "latest"] });
 */
export interface EthCall {
  to: Address;
  data: Hex;
}

/**
 * Builds a burn's transactions, every rule checked (`INVALID_AMOUNT`, `TOO_MANY_DECIMALS`, `SAME_CHAIN`, `ZERO_ADDRESS`,
 * `CONTRACT_RECIPIENT`, …).
 * @example
 * const { approve, burn } = buildBurn({ chainId: "0x7a69", fromChainId: 1, bridge, from, token, decimals: 6,
 *   amount: "12.5", toChainId: 4, to, nonce: 7, withdrawFee: 10, allowance: "0" });
 */
export declare function buildBurn(params: BurnParams | JsonText): BurnTxs;

/**
 * `{ to, data }` of ERC-20 `allowance(owner, spender)`.
 * @example
 * decodeAllowance(await provider.request({ method: "eth_call", params: [allowanceCall(token, owner, bridge), "latest"] }));
 */
export declare function allowanceCall(token: string, owner: string, spender: string): EthCall;

/**
 * `{ to, data }` of ERC-20 `balanceOf(owner)` (decode the result with `decodeAllowance`).
 * @example
 * balanceOfCall(token, owner);
 */
export declare function balanceOfCall(token: string, owner: string): EthCall;

/**
 * One uint256 `eth_call` result (`0x` + 32 bytes) as a raw decimal string.
 * @example
 * decodeAllowance("0x" + "00".repeat(31) + "10"); // "16"
 */
export declare function decodeAllowance(result: string): DecimalString;

/**
 * An address in EIP-55 form (`INVALID_ADDRESS`; `BAD_CHECKSUM` for mixed case with a wrong checksum).
 * @example
 * checksumAddress("0xfb6916095ca1df60bb79ce92ce3ea74c37c5d359"); // "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359"
 */
export declare function checksumAddress(address: string): Address;

/**
 * The recipient's rules, as `buildBurn` checks them (`ZERO_ADDRESS`, `CONTRACT_RECIPIENT` for one of `notTo`), for a form
 * to say why; → the address in EIP-55 form.
 * @example
 * checkRecipient(to, [destinationBridge, destinationToken]);
 */
export declare function checkRecipient(to: string, notTo?: readonly string[] | null): Address;

/**
 * A token amount such as `"12.5"` in raw units, exactly (no rounding; `INVALID_AMOUNT`, `TOO_MANY_DECIMALS`).
 * @example
 * parseAmount("12.5", 6); // "12500000"
 */
export declare function parseAmount(amount: string, decimals: SmallUintInput): DecimalString;

/**
 * Raw units as a token amount: no trailing zeros, no exponent.
 * @example
 * formatAmount("12500000", 6); // "12.5"
 */
export declare function formatAmount(raw: UintInput, decimals: SmallUintInput): string;

/**
 * A log of a receipt, as `eth_getTransactionReceipt` returns it (the members read).
 * @example
 * const log: LogInput = { address: bridge, topics: [eventTopics().NewPriorityRequest], data: "0x…" };
 */
export interface LogInput {
  readonly address: string;
  readonly topics?: readonly string[] | null;
  readonly data: string;
  readonly removed?: boolean | null;
}

/**
 * A transaction receipt as `eth_getTransactionReceipt` returns it (the members read; `status` other than `"0x1"` is a
 * failure).
 * @example
 * const receipt = (await provider.request({ method: "eth_getTransactionReceipt", params: [hash] })) as ReceiptInput;
 */
export interface ReceiptInput {
  readonly transactionHash: string;
  readonly status?: string | null;
  readonly logs: readonly LogInput[];
}

/**
 * The burn read from its receipt: the Mapping op (as `decodePubdata` shapes it), its priority request's `serialId` and the
 * burn's `txHash`.
 * @example
 * const op: BurnReceipt = decodeBurnReceipt(receipt, bridge);
 * op.serialId; // "0"
 */
export interface BurnReceipt extends MappingOp {
  opType: "Mapping";
  serialId: DecimalString;
  txHash: Hex;
}

/**
 * The burn read back from its receipt (the bridge's `NewPriorityRequest` log); `NO_BURN_IN_RECEIPT` when the transaction
 * failed or carries no burn of `bridge`.
 * @example
 * const op = decodeBurnReceipt(receipt, bridge);
 * await client.track({ chainId: op.fromChainId, txHash: op.txHash });
 */
export declare function decodeBurnReceipt(receipt: ReceiptInput | JsonText, bridge: string): BurnReceipt;

// ---------------------------------------------------------------------------------------------------------------------
// The light client

/**
 * An EIP-1193 provider (an injected wallet's `provider`, or any object with `request`). Declared structurally: a viem,
 * ethers or mipd provider fits.
 * @example
 * const provider: Eip1193Provider = window.ethereum;
 * await provider.request({ method: "eth_chainId" });
 */
export interface Eip1193Provider {
  /** Sends one JSON-RPC request (EIP-1193). */
  request(args: { readonly method: string; readonly params?: unknown }): Promise<unknown>;
  /** Adds a listener (`accountsChanged`, `chainChanged`, …). */
  on?(event: string, listener: (...args: never[]) => void): unknown;
  /** Removes a listener added with `on`. */
  removeListener?(event: string, listener: (...args: never[]) => void): unknown;
}

/**
 * One endpoint of a chain: a JSON-RPC URL (fetched by the client, in its Worker when it runs there) or an EIP-1193 provider.
 * @example
 * const rpc: Record<number, RpcTarget | RpcTarget[]> = { 1: ["http://127.0.0.1:8545", other], 2: provider };
 */
export type RpcTarget = string | Eip1193Provider;

/**
 * One chain of a deployment file (docs/PROTOCOL.md §10).
 * @example
 * const chain: DeploymentChain = deployment.chains[0];
 */
export interface DeploymentChain {
  /** The zkLink chain id (1–255), a number. */
  readonly chainId: number;
  readonly name?: string;
  readonly evmChainId: SmallUintInput;
  /** The default endpoint (the client's `rpc` option overrides it). */
  readonly rpcUrl?: string;
  /** The `ZkBridge` contract. */
  readonly bridge: string;
  /** The `Groth16Verifier` contract. */
  readonly verifier?: string;
  /** The EVM block of the bridge's deployment (logs are searched from there). */
  readonly deployBlock: SmallUintInput;
}

/**
 * A deployment file (docs/PROTOCOL.md §10): the chains, tokens, trust anchor and verifying key.
 * @example
 * import deployment from "./deployment.json" with { type: "json" };
 * const client = await BridgeClient.create({ deployment });
 */
export interface Deployment {
  readonly format?: number;
  readonly chains: readonly DeploymentChain[];
  readonly connectedChains?: readonly number[];
  /** The same `tokenId` and `decimals` on every chain (a mint's amount is judged with them). */
  readonly tokens?: readonly {
    readonly tokenId: SmallUintInput;
    readonly symbol?: string;
    readonly decimals: SmallUintInput;
    /** The token's address per zkLink chain id. */
    readonly addresses?: Readonly<Record<string, string>>;
  }[];
  /** Block 0 on every chain: the default trust anchor. */
  readonly genesis: StoredBlockInfoInput;
  /** The circuit's verifying key (one public input). */
  readonly vk: VerificationKey | JsonText;
  /** How many EVM blocks behind each chain's head reads are pinned (default 0). */
  readonly confirmations?: SmallUintInput;
  readonly vkHash?: string;
  /** The devnet operator's control endpoint (never trusted for a verdict). */
  readonly operator?: { readonly controlUrl: string };
  /** The devnet's public development accounts. */
  readonly accounts?: readonly { readonly label: string; readonly address: string; readonly privateKey: string }[];
}

/**
 * Where a client keeps its last verified block and tracked burns (`localStorage` fits).
 * @example
 * const memory = new Map<string, string>();
 * const storage: KeyValueStorage = { getItem: (k) => memory.get(k) ?? null, setItem: (k, v) => void memory.set(k, v) };
 */
export interface KeyValueStorage {
  /** The text stored under `key`, or `null`. */
  getItem(key: string): string | null;
  /** Stores `value` under `key`. */
  setItem(key: string, value: string): void;
}

/**
 * An `AbortSignal` (declared structurally).
 * @example
 * const controller = new AbortController();
 * await client.sync({ signal: controller.signal });
 */
export interface AbortSignalLike {
  readonly aborted: boolean;
  readonly reason?: unknown;
}

/**
 * The options of `new BridgeClient(options)` and `BridgeClient.create(options)`.
 * @example
 * const options: BridgeClientOptions = { deployment, rpc: { 1: ["http://127.0.0.1:8545", otherUrl], 2: provider }, storage: null };
 */
export interface BridgeClientOptions {
  /** The deployment file (an object). */
  readonly deployment: Deployment;
  /** Per zkLink chain id: a URL, an EIP-1193 provider, or a list of them (default: each chain's `rpcUrl`). */
  readonly rpc?: Readonly<Record<number, RpcTarget | readonly RpcTarget[]>>;
  /** A full `StoredBlockInfo` to start from (default: the deployment's `genesis`). */
  readonly checkpoint?: StoredBlockInfoInput;
  /** Per request (default 3000). */
  readonly timeoutMs?: number;
  /** Retries of a timed-out or failed request, with a doubling backoff from 200 ms (default 3). */
  readonly retries?: number;
  /** A larger answer is abandoned while streaming (default `MAX_ANSWER_BYTES`). */
  readonly maxAnswerBytes?: number;
  /** Verify in the package's module Worker (default: where `Worker` exists). */
  readonly worker?: boolean;
  /**
   * Where the last verified block and tracked burns are kept (default `localStorage` where usable; `null`: nowhere), and
   * beside them the verifying key's preparation ({@link Groth16Verifier.export}: used only when it is this library
   * version's for this key), so that the next page skips checking and preparing the key. Trusted as the stored checkpoint
   * is.
   */
  readonly storage?: KeyValueStorage | null;
}

/**
 * What `ready()` did with the stored checkpoint.
 * @example
 * const r = await client.ready();
 * if (r.status === "discarded") console.warn(r.reason);
 */
export type ReadyResult =
  | { status: "none" }
  | { status: "resumed"; blockNumber: number }
  | { status: "discarded"; blockNumber?: number | undefined; reason: string };

/**
 * Where one chain's answers were read: the endpoint and the EVM block every value was read at.
 * @example
 * for (const r of verdict.reads) console.log(r.chainId, r.endpoint, r.evmBlockNumber);
 */
export interface EndpointRead {
  chainId: number;
  endpoint: string;
  evmBlockNumber: number;
  evmBlockHash: Hex;
}

/**
 * One chain's stored values for the block, as its first endpoint answered.
 * @example
 * verdict.chains.map((c) => `${c.chainId}: ${c.totalBlocksSynchronized}`);
 */
export interface ChainState {
  chainId: number;
  /** Its stored root (`null`: it has not committed the block). */
  stateHash: Hex | null;
  syncHash: Hex | null;
  totalBlocksSynchronized: number;
  totalBlocksExecuted: number;
  totalBlocksCommitted: number;
  totalBlocksProven: number;
}

/**
 * The mint of a tracked burn, as its `MappingMinted` log shows it.
 * @example
 * if (mint) console.log(`${formatAmount(mint.amount, 6)} to ${mint.to} in ${mint.txHash}`);
 */
export interface Mint {
  txHash: Hex;
  to: Address;
  /** In token units. */
  amount: DecimalString;
  /** The op's amount, 18 decimals. */
  l2Amount: DecimalString;
}

/**
 * What one endpoint answered for block n (an entry of an evidence bundle).
 * @example
 * bundle.answers.filter((a) => a.storedBlock === null); // endpoints whose chain had not committed block n
 */
export interface EndpointAnswer extends EndpointRead {
  totalBlocksCommitted: number;
  storedBlock: StoredBlockInfo | null;
  storedBlockHash: Hex;
  totalBlocksSynchronized: number;
  totalBlocksExecuted: number;
  totalBlocksProven: number;
  /** The block data from the `commitBlocks` calldata. */
  block: CommitBlockInfo | null;
  /** The proof (EVM form, 256 bytes) from the `proveBlocks` calldata. */
  proof: Hex | null;
  /** `storedBlockHashes(n − 1)`, read on the first connected chain only. */
  prevStoredBlockHash: Hex | null;
}

/**
 * One `MappingMinted` log as an endpoint answered it, cut to the members judged.
 * @example
 * const log: MintLogRecord = bundle.mint!.logs[0][0];
 */
export interface MintLogRecord {
  address: string;
  topics: string[];
  data: string;
  removed?: boolean;
  transactionHash: string;
}

/**
 * What a tracked burn's mint was judged on: the destination bridge, the token's decimals (from the deployment), every
 * endpoint's read and the logs it answered.
 * @example
 * bundle.mint?.reads.length;
 */
export interface MintEvidence {
  bridge: Address;
  /** `null`: the deployment does not know the token. */
  decimals: number | null;
  reads: EndpointRead[];
  /** One `eth_getLogs` answer per read, in the order of `reads`. */
  logs: MintLogRecord[][];
}

/**
 * Everything a client's verdict rests on (docs/PROTOCOL.md §12), re-checkable offline.
 * @example
 * verdict.evidence.answers.length;
 */
export interface Evidence {
  format: 4;
  /** `"zkbridge-light <version>"`. */
  library: string;
  blockNumber: number;
  /** The destination asked for, if any. */
  destination: number | null;
  /** The verifying key, as the deployment gave it. */
  vk: VerificationKey | JsonText;
  /** The verified previous block the verdict rests on. */
  checkpoint: StoredBlockInfo;
  connectedChains: number[];
  /** Every endpoint's answers, chain by chain. */
  answers: EndpointAnswer[];
  /** A tracked burn's verdict: the op (recorded with `fee` and `withdrawFee` 0). */
  burn?: MappingOp;
  /** A tracked burn's verdict, once an endpoint of the destination shows its mint. */
  mint?: MintEvidence;
}

/**
 * A `BridgeClient`'s verdict on block n: `verifyBlock`'s, with a `reads` stage first (and a tracked burn's `mint` stage
 * last), the reads it rests on, warnings, each chain's state, the block's burns, the evidence, and what the run measured.
 * @example
 * const verdict: ClientVerdict = await client.verify(1);
 * console.log(verdict.approved, verdict.warnings, `${verdict.requests} requests, ${verdict.readMs} ms reading`);
 */
export interface ClientVerdict extends BlockVerdict {
  /** Non-blocking notes (`SINGLE_ENDPOINT`, `REORG`). */
  warnings: Finding[];
  /** Every endpoint read, with its EVM block. */
  reads: EndpointRead[];
  /** What each chain stored for the block, side by side. */
  chains: ChainState[];
  /** The block's Mapping ops (burns). */
  ops: MappingOp[];
  /** The destination the execute stage was judged for (`null`: every connected chain). */
  destination: number | null;
  /** A tracked burn's mint, when its `mint` stage is ok. */
  mint?: Mint;
  /** Everything the verdict rests on (`exportEvidence`). */
  evidence: Evidence;
  /** Measured: RPC requests of this call (retries included). */
  requests: number;
  /** Measured: milliseconds spent waiting for RPC. */
  readMs: number;
  /** Measured: milliseconds spent on everything else (decoding, recomputing, the Groth16 check). */
  verifyMs: number;
  /** Measured: where the core ran. */
  verifiedIn: "worker" | "inline";
}

/**
 * A client verdict as an evidence bundle records it: without the evidence and the measured members.
 * @example
 * const claimed: RecordedVerdict = JSON.parse(exportEvidence(verdict)).verdict;
 */
export type RecordedVerdict = Omit<ClientVerdict, "evidence" | "requests" | "readMs" | "verifyMs" | "verifiedIn">;

/**
 * An evidence bundle (`exportEvidence`'s JSON text, parsed): the evidence and the verdict it claims.
 * @example
 * const bundle: EvidenceBundle = JSON.parse(exportEvidence(verdict));
 */
export interface EvidenceBundle extends Evidence {
  verdict: RecordedVerdict;
}

/**
 * The re-check of an evidence bundle: whether the same judgement on the same answers gives the verdict it claims, and what
 * it was anchored to (`"none"`: the bundle's own key; `"key"`: the deployment's key and anchor; `"chains"`: and every
 * chain stores its blocks as recorded).
 * @example
 * const check: EvidenceCheck = verifyEvidence(text, { deployment });
 * if (!check.agrees) console.log(check.differences);
 */
export interface EvidenceCheck {
  agrees: boolean;
  /** What differs (`library`, the verdict's members, or what a chain stores otherwise). */
  differences: string[];
  /** The recomputed verdict. */
  verdict: BlockVerdict;
  anchored: "none" | "key" | "chains";
  /** The keccak256 of the key's points in EVM order, computed from the key. */
  keyHash: Hex;
}

/**
 * What a client's verdicts rest on, for a page to show beside them.
 * @example
 * const { keyHash, anchor, chains } = client.trustRoot;
 * chains.filter((c) => c.single); // chains read from one endpoint only
 */
export interface TrustRoot {
  /** The verifying key's hash, computed by the core from the key. */
  keyHash: Hex;
  /** The configured anchor's block number. */
  anchor: number;
  /** Per chain its endpoints (`single`: only one, trusted not to withhold or lie). */
  chains: { chainId: number; endpoints: string[]; single: boolean }[];
}

/**
 * `sync`'s progress, after each block.
 * @example
 * client.sync({ onProgress: ({ verified, target }) => console.log(`${verified}/${target}`) });
 */
export interface SyncProgress {
  anchor: number;
  verified: number;
  target: number;
  blockNumber: number;
  approved: boolean;
}

/**
 * A transaction as built (`buildBurn`'s `approve` or `burn`): what `checkSent` and `simulate` compare and run.
 * @example
 * await client.simulate(1, burn satisfies BuiltTx);
 */
export interface BuiltTx {
  readonly from: string;
  readonly to: string;
  readonly data: string;
}

/**
 * What every endpoint of the source chain shows under one hash (`checkSent`).
 * @example
 * const r = await client.checkSent(1, hash, burn);
 * if (r.status === "mined") console.log(r.evmBlockNumber, r.op?.l2Amount);
 */
export type SentCheck =
  | { status: "pending"; nonce?: number }
  | { status: "mined"; evmBlockNumber: number; op?: MappingOp; nonce?: number }
  | { status: "reverted"; evmBlockNumber: number; nonce?: number };

/**
 * A burn `findBurns` found, with the status of its mint.
 * @example
 * const pending = (await client.findBurns({ address })).filter((b) => b.status === "pending");
 */
export interface FoundBurn {
  /** The source chain (zkLink id). */
  chainId: number;
  /** The burn transaction (what `track` follows). */
  txHash: Hex;
  evmBlockNumber: number;
  /** The address sent it. */
  sent: boolean;
  /** The address is its recipient. */
  received: boolean;
  op: MappingOp;
  /** `"pending"` (no mint yet), `"minted"` (its mint judged ok) or `"failed"` (see `findings`). */
  status: "pending" | "minted" | "failed";
  mint: Mint | null;
  findings: Finding[];
}

/**
 * A burn this client keeps (`tracked()`), as the core's record rules keep it.
 * @example
 * for (const b of client.tracked()) if (b.status === "failed") console.log(b.txHash, b.codes);
 */
export interface TrackedBurn {
  chainId: number;
  txHash: Hex;
  status: "pending" | "failed" | "minted";
  /** `failed`: why (finding or error codes). */
  codes?: string[];
  /** The block that carries it, once found. */
  blockNumber?: number;
  /** `minted`: the minting transaction. */
  mintTx?: Hex;
  /** When it was first stored (milliseconds since the Unix epoch). */
  sentAt?: number;
}

/**
 * A burn to track: its source chain and transaction hash.
 * @example
 * client.remember({ chainId: 1, txHash });
 */
export interface BurnRef {
  /** The source zkLink chain id. */
  readonly chainId: number;
  readonly txHash: string;
}

/**
 * The stages a tracked burn passes, in order.
 * @example
 * const order: TrackStage[] = ["burned", "committed", "proven", "synchronized", "executed", "minted"];
 */
export type TrackStage = "burned" | "committed" | "proven" | "synchronized" | "executed" | "minted";

/**
 * `burned`: the burn read back from its receipt on every endpoint of its chain.
 * @example
 * if (e.stage === "burned") console.log(e.op.l2Amount, e.evmBlockNumber);
 */
export interface BurnedEvent {
  stage: "burned";
  txHash: Hex;
  evmBlockNumber: number;
  /** The op (amounts in 18 decimals). */
  op: MappingOp;
}

/**
 * `committed`: block n carries the burn (from the source chain's `BlockCommitted` logs, before any proof).
 * @example
 * if (e.stage === "committed") console.log(`in block ${e.blockNumber}`);
 */
export interface CommittedEvent {
  stage: "committed";
  blockNumber: number;
  /** The block's verdict, when it was judged in the same poll. */
  verdict?: ClientVerdict;
}

/**
 * `proven`: the block's reads, commit and Groth16 proof hold.
 * @example
 * if (e.stage === "proven") console.log(e.commitment);
 */
export interface ProvenEvent {
  stage: "proven";
  blockNumber: number;
  commitment: Hex;
  verdict: ClientVerdict;
}

/**
 * `synchronized`: one event per chain, after the consensus stage, with the chain's stored root and sync hash.
 * @example
 * if (e.stage === "synchronized") console.log(e.chainId, e.stateHash);
 */
export interface SynchronizedEvent {
  stage: "synchronized";
  blockNumber: number;
  chainId: number;
  /** Absent when that chain has not committed the block. */
  stateHash?: Hex;
  syncHash?: Hex;
  verdict: ClientVerdict;
}

/**
 * `executed`: the destination may execute the block.
 * @example
 * if (e.stage === "executed") console.log(`chain ${e.chainId} may execute block ${e.blockNumber}`);
 */
export interface ExecutedEvent {
  stage: "executed";
  blockNumber: number;
  /** The destination. */
  chainId: number;
  verdict: ClientVerdict;
}

/**
 * `minted`: the mint judged ok on every endpoint of the destination.
 * @example
 * if (e.stage === "minted") console.log(e.mint.txHash);
 */
export interface MintedEvent {
  stage: "minted";
  blockNumber: number;
  /** The destination. */
  chainId: number;
  mint: Mint;
  verdict: ClientVerdict;
}

/**
 * `waiting`: what is not there yet (`for`); the poll continues.
 * @example
 * if (e.stage === "waiting" && e.for === "proof") console.log(`block ${e.blockNumber} is not proven yet`);
 */
export type WaitingEvent =
  | { stage: "waiting"; for: "receipt" | "commit" }
  | { stage: "waiting"; for: "proof"; blockNumber: number }
  | { stage: "waiting"; for: "execute" | "mint"; blockNumber: number; verdict: ClientVerdict };

/**
 * `reorg`: blocks this client had verified were rolled back because the chains no longer store them, and judged again.
 * @example
 * if (e.stage === "reorg") console.warn(e.codes[0]?.detail);
 */
export interface ReorgEvent {
  stage: "reorg";
  chainId?: number;
  /** The `REORG` warning. */
  codes: Finding[];
  verdict: ClientVerdict;
}

/**
 * `failed`: a stage failed (`codes`: its findings, with the block's `verdict`), or the transaction can never be followed
 * (no `codes`: `track` then rejects with `TX_REVERTED`, `NO_BURN_IN_RECEIPT` or `TX_NOT_FOUND`).
 * @example
 * if (e.stage === "failed") console.log(e.codes?.map((f) => f.code));
 */
export interface FailedEvent {
  stage: "failed";
  blockNumber?: number;
  codes?: Finding[];
  verdict?: ClientVerdict;
}

/**
 * One event of a tracked burn (`track`'s `onStage`): the six stages once each, and the events `waiting`, `reorg` and
 * `failed`. Discriminated on `stage`.
 * @example
 * const onStage = (e: TrackEvent) => {
 *   switch (e.stage) {
 *     case "burned": return console.log(e.txHash);
 *     case "minted": return console.log(e.mint.amount);
 *     case "failed": return console.log(e.codes);
 *   }
 * };
 */
export type TrackEvent =
  | BurnedEvent
  | CommittedEvent
  | ProvenEvent
  | SynchronizedEvent
  | ExecutedEvent
  | MintedEvent
  | WaitingEvent
  | ReorgEvent
  | FailedEvent;

/**
 * The judgement of a tracked burn's mint, once an endpoint of the destination shows one: the `mint` stage (`ok` only for
 * exactly one log of the destination bridge paying the op's recipient the op's token and amount, the same on every
 * endpoint) and the mint when it is ok.
 * @example
 * if (mintCheck && !mintCheck.stage.ok) console.log(mintCheck.stage.codes.map((f) => f.code)); // ["MINT_MISMATCH"]
 */
export interface MintCheck {
  stage: Stage & { stage: "mint" };
  /** The mint, when the stage is ok. */
  mint: Mint | null;
}

/**
 * What `track` resolves to once the burn is minted or a stage failed.
 * @example
 * const { verdict, mint } = await client.track({ chainId: 1, txHash });
 * if (!mint) console.log(verdict.stages.filter((s) => !s.ok));
 */
export interface TrackResult {
  /** The block's verdict (with the `mint` stage once an endpoint showed a mint). */
  verdict: ClientVerdict;
  /** `null` when a stage failed. */
  mint: Mint | null;
  /** `null` when a stage of the block's verdict failed (the mint was not read). */
  mintCheck: MintCheck | null;
}

/**
 * The options of `track`.
 * @example
 * const controller = new AbortController();
 * await client.track(burn, { onStage: (e) => console.log(e.stage), signal: controller.signal, pollMs: 2000 });
 */
export interface TrackOptions {
  /** Called once per stage, and for each `waiting`, `reorg` and `failed` event. */
  readonly onStage?: (event: TrackEvent) => void;
  /** Stops between polls (`ABORTED`, the signal's reason as `cause`). */
  readonly signal?: AbortSignalLike;
  /** Between polls (default 1000). */
  readonly pollMs?: number;
}

/**
 * The light client: reads both chains itself, from every endpoint, trusting no server, and judges blocks from a trust
 * anchor (the deployment's genesis or a checkpoint). Its core runs in the package's module Worker where there is one.
 * @example
 * const client = await BridgeClient.create({ deployment });
 * const verdict = await client.verify(1);
 * const { mint } = await client.track({ chainId: 1, txHash }, { onStage: (e) => console.log(e.stage) });
 * client.close();
 */
export declare class BridgeClient {
  /**
   * Loads the wasm (`init()`, once) and makes a client: the way to make one without calling `init()` first. Rejects with
   * what the constructor throws.
   * @example
   * const client = await BridgeClient.create({ deployment, rpc: { 1: provider } });
   */
  static create(options: BridgeClientOptions): Promise<BridgeClient>;
  /**
   * Makes a client (the wasm must be loaded: `NOT_INITIALIZED` otherwise); a malformed deployment, key or anchor throws.
   * @example
   * await init();
   * const client = new BridgeClient({ deployment, worker: false, storage: null });
   */
  constructor(options: BridgeClientOptions);
  /**
   * What this client's verdicts rest on: the key's hash (computed), the anchor block, each chain's endpoints.
   * @example
   * client.trustRoot.keyHash;
   */
  readonly trustRoot: TrustRoot;
  /**
   * Where this client's core runs.
   * @example
   * client.runsIn; // "worker" in browsers
   */
  readonly runsIn: "worker" | "inline";
  /**
   * Resumes from the stored checkpoint when every chain stores it (once; every other method waits for it). Rejects with
   * `RPC_TIMEOUT`, `RPC_ERROR`, `CHAIN_ID_MISMATCH` when the chains cannot be read (nothing is discarded then).
   * @example
   * const r = await client.ready(); // { status: "resumed", blockNumber: 7 }
   */
  ready(): Promise<ReadyResult>;
  /**
   * The verdict on block n: `verifyBlock`'s with a `reads` stage first, on answers read from every endpoint, resting on
   * blocks this client verified itself back to its anchor. With `destination`, the execute stage is judged for that chain;
   * with `burn`, the op must be in block n (`BURN_NOT_IN_BLOCK`). Rejects with `BLOCK_NOT_FOUND`, `RPC_TIMEOUT`,
   * `RPC_ERROR`, `CHAIN_ID_MISMATCH`.
   * @example
   * const verdict = await client.verify(2, { destination: 4 });
   */
  verify(n: number, options?: { readonly destination?: number | null; readonly burn?: MappingOpInput }): Promise<ClientVerdict>;
  /**
   * Verifies every block after the last verified one up to the latest proven on all chains, 16 at a time (read side by
   * side, their proofs checked in one batch; `onProgress` after each 16, `signal` checked between them); resolves to the
   * last verdict (`null` when nothing was new). A block that does not link stops the sync and is the verdict returned.
   * @example
   * await client.sync({ onProgress: ({ verified, target }) => console.log(`${verified}/${target}`) });
   */
  sync(options?: { readonly onProgress?: (progress: SyncProgress) => void; readonly signal?: AbortSignalLike }): Promise<ClientVerdict | null>;
  /**
   * `[anchor, last verified block]`.
   * @example
   * const [anchor, verified] = client.verifiedRange;
   */
  readonly verifiedRange: [anchor: number, verified: number];
  /**
   * RPC requests sent so far (retries included) and the milliseconds spent waiting for them.
   * @example
   * client.stats.requests;
   */
  readonly stats: { requests: number; readMs: number };
  /**
   * Re-checks an evidence bundle against this client's deployment and its chains: `anchored: "chains"` only when every
   * endpoint of every chain stores blocks n − 1 and n as recorded. Rejects with `FOREIGN_KEY`, `FOREIGN_ANCHOR`, a bundle's
   * parse codes, `RPC_TIMEOUT`, `RPC_ERROR`.
   * @example
   * (await client.recheck(text)).anchored; // "chains"
   */
  recheck(bundle: EvidenceBundle | JsonText): Promise<EvidenceCheck>;
  /**
   * The burns `address` sent or received on every chain (from the bridge's `NewPriorityRequest` logs, in pages of
   * `pageBlocks` EVM blocks from `fromBlock`), each with the status of its mint. What a fresh browser uses to find a burn
   * to `track`.
   * @example
   * const burns = await client.findBurns({ address, pageBlocks: 2000 });
   */
  findBurns(query: { readonly address: string; readonly fromBlock?: number | null; readonly pageBlocks?: number | null }): Promise<FoundBurn[]>;
  /**
   * Reads transaction `hash` back from every endpoint of chain `chainId` and compares it with `tx` as built (`TX_MISMATCH`
   * when the chain holds another transaction). With `replaces` (the wallet says `hash` sped up that transaction), `hash`
   * must carry the nonce this client saw `replaces` with.
   * @example
   * const r = await client.checkSent(1, burnTx, burn);
   */
  checkSent(chainId: number, hash: string, tx: BuiltTx | JsonText, replaces?: string | null): Promise<SentCheck>;
  /**
   * Simulates `tx` as built with `eth_call` from its sender on every endpoint of chain `chainId`, before a wallet signs it
   * (`WOULD_REVERT` with the node's reason).
   * @example
   * await client.simulate(1, approve);
   */
  simulate(chainId: number, tx: BuiltTx | JsonText): Promise<true>;
  /**
   * The burns this client (or an earlier one on this deployment, in this storage) is tracking.
   * @example
   * client.tracked().filter((b) => b.status === "pending");
   */
  tracked(): TrackedBurn[];
  /**
   * Stores a burn to track (call it the moment the wallet returns the hash); `track` stores it too. `MISSING_FIELD` unless
   * `chainId` is a number and `txHash` a string.
   * @example
   * client.remember({ chainId: 1, txHash });
   */
  remember(burn: BurnRef): void;
  /**
   * Stops keeping a tracked burn.
   * @example
   * client.forget(txHash);
   */
  forget(txHash: string): void;
  /**
   * Follows one burn to its mint, polling the core (`onStage` once per stage and for each event). Resolves once it is
   * minted or a stage failed; rejects with `TX_REVERTED`, `NO_BURN_IN_RECEIPT`, `TX_NOT_FOUND` (stored `failed`) or
   * `ABORTED`. The burn stays stored (`tracked()`) with its status until `forget`.
   * @example
   * const { verdict, mint } = await client.track({ chainId: 1, txHash }, {
   *   onStage: (e) => { if (e.stage === "minted") console.log(e.mint.txHash); },
   * });
   */
  track(burn: BurnRef, options?: TrackOptions): Promise<TrackResult>;
  /**
   * Ends the client (its wasm state freed, its Worker terminated); later calls throw `FREED`.
   * @example
   * client.close();
   */
  close(): void;
}

// ---------------------------------------------------------------------------------------------------------------------
// Evidence

/**
 * The evidence bundle of a `BridgeClient` verdict, as JSON text: everything the verdict rests on and the verdict itself
 * (without what the run measured). `MISSING_FIELD` for anything but a client's verdict.
 * @example
 * const text = exportEvidence(await client.verify(1));
 * await writeFile("block-1.evidence.json", text);
 */
export declare function exportEvidence(result: ClientVerdict): JsonText;

/**
 * Re-checks an evidence bundle (object or JSON text) offline: the same judgement on the same answers must give the verdict
 * it claims. Without a deployment it is judged under its own key (`anchored: "none"`); with `{ deployment }` the key and
 * checkpoint must be the deployment's (`FOREIGN_KEY`, `FOREIGN_ANCHOR`; `anchored: "key"`).
 * @example
 * verifyEvidence(text, { deployment }).agrees; // true
 */
export declare function verifyEvidence(
  bundle: EvidenceBundle | JsonText,
  options?: { readonly deployment?: Deployment | JsonText; readonly client?: undefined },
): EvidenceCheck;
/**
 * With `{ client }` (a `BridgeClient` of the deployment): a Promise; every chain is asked again whether it stores the
 * bundle's blocks as recorded (`anchored: "chains"` only then). The same as `client.recheck(bundle)`. With
 * `{ deployment, client }` the bundle must also be that deployment's (checked offline first: `FOREIGN_KEY`,
 * `FOREIGN_ANCHOR` reject).
 * @example
 * (await verifyEvidence(text, { deployment, client })).anchored; // "chains"
 */
export declare function verifyEvidence(
  bundle: EvidenceBundle | JsonText,
  options: { readonly deployment?: Deployment | JsonText; readonly client: BridgeClient },
): Promise<EvidenceCheck>;
/**
 * With a client that may be absent: the check, or a Promise of it.
 * @example
 * const check = await verifyEvidence(text, { deployment, client: maybeClient });
 */
export declare function verifyEvidence(
  bundle: EvidenceBundle | JsonText,
  options: { readonly deployment?: Deployment | JsonText; readonly client?: BridgeClient | undefined },
): EvidenceCheck | Promise<EvidenceCheck>;

/**
 * The bytes of a precompile call: `0x` hex text or a `Uint8Array`.
 * @example
 * const input: PrecompileInput = "0x" + "00".repeat(128);
 */
export type PrecompileInput = string | Uint8Array;

/**
 * The EVM's ecAdd precompile (`0x06`, EIP-196), with its exact rules: the input is read as if padded with zeros to 128
 * bytes (what follows is ignored), `(0, 0)` is the point at infinity. Returns `0x` + the 64-byte sum.
 * Throws `PRECOMPILE_INPUT` where the precompile fails (a coordinate ≥ p, a point off the curve).
 * @example
 * bn254Add("0x"); // "0x" + "00".repeat(64): infinity + infinity
 */
export declare function bn254Add(input: PrecompileInput): Hex;

/**
 * The EVM's ecMul precompile (`0x07`, EIP-196): a G1 point (64 bytes) times a 256-bit scalar (32 bytes, any value), the
 * input read as if padded with zeros to 96 bytes. Returns `0x` + 64 bytes. Throws `PRECOMPILE_INPUT` where it fails.
 * @example
 * const g = "0x" + "1".padStart(64, "0") + "2".padStart(64, "0");
 * bn254Mul(g + "2".padStart(64, "0")) === bn254Add(g + g.slice(2)); // true
 */
export declare function bn254Mul(input: PrecompileInput): Hex;

/**
 * The EVM's ecPairing precompile (`0x08`, EIP-197): whether the product of the pairings of the `(G1, G2)` pairs (192 bytes
 * each; G2 coordinates imaginary part first) is 1; the empty input is `true`. Throws `PRECOMPILE_INPUT` where it fails
 * (a length not a multiple of 192, a coordinate ≥ p, a point off its curve, a G2 point outside the subgroup).
 * @example
 * bn254Pairing("0x"); // true
 */
export declare function bn254Pairing(input: PrecompileInput): boolean;
