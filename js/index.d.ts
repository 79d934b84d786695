// Types of the package's main entry: the wasm bindings behind the argument-snapshot shim, with Groth16Verifier wrapped
// (a freed verifier throws FREED).
export * from "./zkbridge_light_core.js";
export { default, initSync } from "./zkbridge_light_core.js";

/** Nesting deeper than this is refused with code TOO_DEEP. */
export declare const MAX_DEPTH: number;
/** Input larger than this (string lengths, plus 16 per value) is refused with code TOO_LARGE. */
export declare const MAX_INPUT_UNITS: number;
/** A plain-data copy of a JS value, as every function of the package reads its arguments; throws INVALID_INPUT, TOO_DEEP, TOO_LARGE. */
export declare function snapshot(value: unknown, field?: string): unknown;

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

/** The id a burn and its mint share in the bridge's events. */
export declare function mappingOpHash(op: any): string;
/** The calldata of the bridge's block counters, by name (each result one uint256: `decodeAllowance`). */
export declare function counterCalls(): { totalBlocksCommitted: string; totalBlocksProven: string; totalBlocksSynchronized: string; totalBlocksExecuted: string };
/** `{ to, data }` of ERC-20 `balanceOf(owner)` (decode the result with `decodeAllowance`). */
export declare function balanceOfCall(token: string, owner: string): { to: string; data: string };
/** `{ MappingMinted, MappingBurned, BlockCommitted, BlockProven }` topics. */
export declare function eventTopics(): Record<string, string>;

/** The light client: reads both chains itself and judges blocks from a trust anchor. */
/** The stages of a tracked burn, in order (the core's one vocabulary), and the events beside them. */
export type TrackStage = "burned" | "committed" | "proven" | "synchronized" | "executed" | "minted";
export type TrackEvent = {
  stage: TrackStage | "waiting" | "reorg" | "failed";
  /** `waiting` only. */ for?: "receipt" | "commit" | "proof" | "execute" | "mint";
  blockNumber?: number; chainId?: number; txHash?: string; evmBlockNumber?: number; op?: any;
  stateHash?: string | null; syncHash?: string | null; commitment?: string | null;
  mint?: { txHash: string; to: string; amount: string; l2Amount: string };
  codes?: Array<{ code: string; chainId?: number; detail: string }>;
  /** Events after `burned`: the block's verdict. */ verdict?: any;
};
export declare class BridgeClient {
  constructor(options: { deployment: any; rpc?: Record<number, string | object | Array<string | object>>; checkpoint?: any; timeoutMs?: number; retries?: number;
    /** Verify in the package's module Worker (default: where `Worker` exists). */ worker?: boolean;
    /** Where the checkpoint and tracked burns are kept (default `localStorage` where usable; `null`: nowhere). */ storage?: { getItem(k: string): string | null; setItem(k: string, v: string): void } | null });
  /** Resumes from a stored checkpoint when every chain agrees with it; every other method waits for it. */
  ready(): Promise<{ status: "none" } | { status: "resumed"; blockNumber: number } | { status: "discarded"; blockNumber?: number; reason: string }>;
  /** Where the core runs. */
  readonly runsIn: "worker" | "inline";
  /** The stored burns being tracked. */
  tracked(): Array<{ chainId: number; txHash: string; [k: string]: unknown }>;
  /** Stores a burn to track (the moment the wallet returns its hash). */
  remember(burn: { chainId: number; txHash: string; [k: string]: unknown }): void;
  /** Stops keeping a tracked burn. */
  forget(txHash: string): void;
  verify(n: number, options?: { destination?: number }): Promise<any>;
  sync(options?: { onProgress?: (p: { anchor: number; verified: number; target: number; blockNumber: number; approved: boolean }) => void; signal?: AbortSignal }): Promise<any>;
  track(burn: { chainId: number; txHash: string }, options?: { onStage?: (s: TrackEvent) => void; signal?: AbortSignal; pollMs?: number }): Promise<{ verdict: any; mint: any; mintCheck?: any }>;
  readonly verifiedRange: number[];
  /** RPC requests sent so far (retries included) and the milliseconds spent waiting for them. */
  readonly stats: { requests: number; readMs: number };
  /** Re-checks an evidence bundle against this deployment and its chains (`anchored: "chains"` only when every chain stores its blocks as recorded). */
  recheck(bundle: any): Promise<EvidenceCheck>;
  /** The burns `address` sent or received on every chain, each with the status of its mint (read from every endpoint). */
  findBurns(query: { address: string; fromBlock?: number; pageBlocks?: number }): Promise<Array<{ chainId: number; txHash: string;
    evmBlockNumber: number; sent: boolean; received: boolean; op: any; status: "pending" | "minted" | "failed";
    mint: { txHash: string; to: string; amount: string; l2Amount: string } | null; findings: Array<{ code: string; chainId?: number; detail: string }> }>>;
  /** What this client's verdicts rest on: the key's hash (computed), the anchor block, each chain's endpoints. */
  readonly trustRoot: { keyHash: string; anchor: number; chains: Array<{ chainId: number; endpoints: string[]; single: boolean }> };
  close(): void;
}

/** The evidence bundle (JSON text) of a BridgeClient verdict. */
export declare function exportEvidence(result: any): string;
/** Re-checks an evidence bundle: offline (under its own key, or the deployment's), or against the chains with a client. */
export interface EvidenceCheck { agrees: boolean; differences: string[]; verdict: any; anchored: "none" | "key" | "chains"; keyHash: string }
export declare function verifyEvidence(bundle: any, options?: { deployment?: any }): EvidenceCheck;
export declare function verifyEvidence(bundle: any, options: { deployment?: any; client: BridgeClient }): Promise<EvidenceCheck>;
