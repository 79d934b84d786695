// What a TypeScript dapp sees of the package: this file imports every runtime export of `zkbridge-light` and
// `zkbridge-light/wallet` (and the `./worker.js` entry) and uses each the way the README does, with no DOM lib and no
// `any`, under `tsc --strict` (tsconfig.json: NodeNext; tsconfig.bundler.json: Bundler). It checks:
//   - that the declared value exports are exactly the names js/index.js and js/wallet.js export at run time (no glue-only
//     name such as BridgeClientCore, cleanRecord, resumeFrom, withCheckpoint or InitOutput);
//   - that no export is `any`, and that results narrow (verdict stages, track events on `stage`, sendBurn's status,
//     BridgeError codes);
//   - with `// @ts-expect-error`, mistakes the types must reject (a misspelled verdict member, a missing or mistyped burn
//     parameter, a JS number as an amount, a block number as a string, a track stage that does not exist, glue-only names).
// It is type-checked only, never run. Every `@ts-expect-error` must be needed: tsc reports an unused one as an error.

import init, {
  BridgeClient,
  BridgeError,
  Groth16Verifier,
  type BatchResult,
  MAX_ANSWER_BYTES,
  MAX_DEPTH,
  MAX_INPUT_UNITS,
  allowanceCall,
  balanceOfCall,
  blockCommitment,
  blockPublicInput,
  buildBurn,
  checkRecipient,
  checksumAddress,
  counterCalls,
  decodeAllowance,
  decodeBurnReceipt,
  decodePubdata,
  encodeMappingOp,
  errorCodes,
  eventTopics,
  exportEvidence,
  findingCodes,
  formatAmount,
  initSync,
  isBridgeError,
  mappingOpHash,
  nextSyncHash,
  parseAmount,
  snapshot,
  storedBlockHash,
  storedBlockInfoFor,
  verifyBlock,
  verifyBlocks,
  verifyEvidence,
  verifyGroth16,
  verifyGroth16Evm,
} from "zkbridge-light";
import type {
  BlockCheckInput,
  BlockVerdict,
  BridgeClientOptions,
  BurnParams,
  ClientVerdict,
  CommitBlockInfoInput,
  Eip1193Provider,
  ErrorCode,
  EvidenceCheck,
  FindingCode,
  Hex,
  KeyValueStorage,
  MappingOp,
  PlainData,
  ReceiptInput,
  SnarkjsProof,
  StoredBlockInfo,
  TrackEvent,
  TrackResult,
  VerificationKey,
  WasmExports,
} from "zkbridge-light";
import * as pkg from "zkbridge-light";
import {
  UNRECOGNIZED_CHAIN,
  USER_REJECTED,
  WALLET_CODES,
  discoverWallets,
  sendBurn,
  walletStore,
} from "zkbridge-light/wallet";
import type { AddEthereumChainParameter, SendBurnResult, WalletCode, WalletDetail } from "zkbridge-light/wallet";
import * as walletPkg from "zkbridge-light/wallet";
// The Worker entry has no exports; its types must still resolve (never import it on a page: it would run as a Worker).
import type * as workerEntry from "zkbridge-light/worker.js";

// ---------------------------------------------------------------------------------------------------------------------
// Type-level helpers

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type IsAny<T> = 0 extends 1 & T ? true : false;
/** True when no member of T (one level deep, and T itself) is `any`. */
type NoAnyMembers<T> = IsAny<T> extends true ? false : true extends { [K in keyof T]: IsAny<T[K]> }[keyof T] ? false : true;
const assert = <T extends true>(): T => true as T;

// The value exports are exactly the run-time exports of js/index.js and js/wallet.js.
assert<
  Equal<
    keyof typeof pkg,
    | "default"
    | "initSync"
    | "BridgeError"
    | "isBridgeError"
    | "ErrorCode"
    | "FindingCode"
    | "bn254Add"
    | "bn254Mul"
    | "bn254Pairing"
    | "MAX_DEPTH"
    | "MAX_INPUT_UNITS"
    | "MAX_ANSWER_BYTES"
    | "snapshot"
    | "verifyGroth16"
    | "verifyGroth16Evm"
    | "blockCommitment"
    | "blockPublicInput"
    | "storedBlockHash"
    | "nextSyncHash"
    | "decodePubdata"
    | "encodeMappingOp"
    | "storedBlockInfoFor"
    | "verifyBlock"
    | "verifyBlocks"
    | "buildBurn"
    | "allowanceCall"
    | "decodeAllowance"
    | "checksumAddress"
    | "checkRecipient"
    | "parseAmount"
    | "formatAmount"
    | "decodeBurnReceipt"
    | "errorCodes"
    | "findingCodes"
    | "Groth16Verifier"
    | "mappingOpHash"
    | "verifyEvidence"
    | "exportEvidence"
    | "eventTopics"
    | "counterCalls"
    | "balanceOfCall"
    | "BridgeClient"
  >
>();
assert<Equal<keyof typeof walletPkg, "USER_REJECTED" | "UNRECOGNIZED_CHAIN" | "WALLET_CODES" | "walletStore" | "discoverWallets" | "sendBurn">>();
assert<Equal<keyof typeof workerEntry, never>>();
// Nothing exported is `any`, nor any of their direct members.
assert<NoAnyMembers<typeof pkg>>();
assert<NoAnyMembers<typeof walletPkg>>();
assert<NoAnyMembers<BridgeClient>>();
assert<NoAnyMembers<Groth16Verifier>>();
assert<NoAnyMembers<BridgeError>>();
assert<NoAnyMembers<ClientVerdict>>();
assert<NoAnyMembers<ClientVerdict["evidence"]>>();
assert<NoAnyMembers<TrackEvent>>();
assert<NoAnyMembers<TrackResult>>();
assert<NoAnyMembers<EvidenceCheck>>();
assert<NoAnyMembers<SendBurnResult>>();
assert<Equal<ReturnType<typeof errorCodes>, ErrorCode[]>>();
assert<Equal<ReturnType<typeof findingCodes>, FindingCode[]>>();
assert<Equal<TrackEvent["stage"], "burned" | "committed" | "proven" | "synchronized" | "executed" | "minted" | "waiting" | "reorg" | "failed">>();
assert<Equal<WalletCode, (typeof WALLET_CODES)[number]>>();

// ---------------------------------------------------------------------------------------------------------------------
// What the page has (no DOM lib: declared here)

declare function log(...values: unknown[]): void;
declare const wasmBytes: Uint8Array;
declare const injected: Eip1193Provider;
declare const abort: { readonly aborted: boolean; readonly reason?: unknown };
declare const receiptFromWallet: ReceiptInput;
declare const proof: SnarkjsProof;
declare const proofHex: string;
declare const prevBlock: StoredBlockInfo;
declare const block: CommitBlockInfoInput;
declare const txHash: Hex;

// A verifying key and a deployment file as `import … with { type: "json" }` types them (widened, not `as const`).
const vk = {
  protocol: "groth16",
  curve: "bn128",
  nPublic: 1,
  vk_alpha_1: ["1", "2", "1"],
  vk_beta_2: [["1", "0"], ["2", "0"], ["1", "0"]],
  vk_gamma_2: [["1", "0"], ["2", "0"], ["1", "0"]],
  vk_delta_2: [["1", "0"], ["2", "0"], ["1", "0"]],
  vk_alphabeta_12: [[["1", "0"], ["1", "0"], ["1", "0"]]],
  IC: [["1", "2", "1"], ["1", "2", "1"]],
};
const deployment = {
  format: 1,
  chains: [
    { chainId: 1, name: "Chain A", evmChainId: 31001, rpcUrl: "http://127.0.0.1:8545", bridge: "0xe7f1725e7734ce288f8367e1bb143e90bb3f0512", verifier: "0x5fbdb2315678afecb367f032d93f642f64180aa3", deployBlock: 1 },
    { chainId: 2, name: "Chain B", evmChainId: 31002, rpcUrl: "http://127.0.0.1:8546", bridge: "0xe7f1725e7734ce288f8367e1bb143e90bb3f0512", verifier: "0x5fbdb2315678afecb367f032d93f642f64180aa3", deployBlock: 1 },
  ],
  connectedChains: [1, 2],
  tokens: [{ tokenId: 1, symbol: "USDX", decimals: 6, addresses: { "1": "0x9fe46736679d2d9a65f0992f2272de9f3c7fa6e0", "2": "0x9fe46736679d2d9a65f0992f2272de9f3c7fa6e0" } }],
  genesis: {
    blockNumber: 0,
    commitment: "0x0000000000000000000000000000000000000000000000000000000000000000",
    pendingOnchainOperationsHash: "0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470",
    priorityOperations: "0",
    stateHash: "0x2593ee361200f1b7d72b86d55fc176d81e81463ea08ab16fd34620c7bbbd611e",
    syncHash: "0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470",
    timestamp: "0",
  },
  vk,
  vkHash: "0x1234",
  confirmations: 0,
};
const bridge = deployment.chains[0]?.bridge ?? "";
const token = "0x9fe46736679d2d9a65f0992f2272de9f3c7fa6e0";
const me = "0xfb6916095ca1df60bb79ce92ce3ea74c37c5d359";

// ---------------------------------------------------------------------------------------------------------------------
// Loading, Groth16, codes

export async function groth16(): Promise<boolean> {
  const exports: WasmExports = await init();
  await init({ module_or_path: wasmBytes }); // safe to call again
  await init({ module_or_path: Promise.resolve(wasmBytes.buffer) });
  log(exports.memory.buffer.byteLength, initSync({ module: wasmBytes }).memory);

  const publicSignals = ["12258553213256230240172970951821441841664700262003698333998054971655181816396", 5n];
  const ok: boolean = verifyGroth16(vk, proof, publicSignals) && verifyGroth16(JSON.stringify(vk), JSON.stringify(proof), "[\"1\"]");
  const evmOk: boolean = verifyGroth16Evm(vk, proofHex, ["0x01"]) || verifyGroth16Evm(vk, ["1", "2", "3", "4", "5", "6", "7", "8"], [1n]);
  const verifier = new Groth16Verifier(vk);
  try {
    const n: number = verifier.nPublic;
    log(n, verifier.verify(proof, publicSignals), verifier.verifyEvm(proofHex, publicSignals));
    const batch: BatchResult = verifier.verifyBatch([{ proof, publicSignals }]);
    const firstBad: number | undefined = batch.bad[0];
    log(batch.ok, firstBad);
    const kept: Uint8Array = verifier.export();
    const again: Groth16Verifier = Groth16Verifier.fromPrepared(kept, vk);
    log(again.verify(proof, publicSignals));
    again.free();
    // @ts-expect-error: the bytes export() returned, not hex text
    Groth16Verifier.fromPrepared("0x00", vk);
  } finally {
    verifier.free();
  }
  try {
    verifyGroth16(vk, proof, ["-1"]);
  } catch (e) {
    if (isBridgeError(e)) {
      const code: string = e.code;
      const details: Record<string, unknown> = e.details;
      if (e.code === "NOT_IN_FIELD" || e.code === "INVALID_NUMBER") log(code, details, e.message, e.cause);
    }
  }
  const all: ErrorCode[] = errorCodes();
  const findings: FindingCode[] = findingCodes();
  log(all.includes("NOT_INITIALIZED"), findings.includes("REORG"), MAX_DEPTH + 1, MAX_INPUT_UNITS, MAX_ANSWER_BYTES);
  const copy: PlainData = snapshot({ a: [1, 2n, "x", undefined, null] }, "params");
  const err = new BridgeError("INTERNAL", "a bug", { details: { where: "here" }, cause: copy });
  const asError: Error = err;
  log(asError, err instanceof BridgeError, err.name);

  // @ts-expect-error a public signal is a decimal string or a bigint, never a JS number
  verifyGroth16(vk, proof, [1, 2]);
  // @ts-expect-error init takes { module_or_path }, not a number
  await init(42);
  return ok && evmOk;
}

// ---------------------------------------------------------------------------------------------------------------------
// The block model

export function blocks(): BlockVerdict {
  const commitment: Hex = blockCommitment(prevBlock, block);
  const publicInput: string = blockPublicInput(prevBlock, block);
  const hash: Hex = storedBlockHash(deployment.genesis);
  const sync: Hex = nextSyncHash(prevBlock.syncHash, commitment, { "1": hash, "2": hash });
  const stored: StoredBlockInfo = storedBlockInfoFor(prevBlock, block, 2, [1, 2]);
  for (const op of decodePubdata(block.publicData)) {
    switch (op.opType) {
      case "Mapping":
        log(op.l2Amount, encodeMappingOp(op), mappingOpHash(op));
        break;
      case "Deposit":
        log(op.targetTokenId, op.owner);
        break;
      case "Withdraw":
        log(op.withdrawToL1, op.fastWithdrawFeeRate);
        break;
      case "FullExit":
        log(op.srcTokenId);
        break;
    }
  }
  const burn = decodeBurnReceipt(receiptFromWallet, bridge);
  const input: BlockCheckInput = {
    vk,
    proof: { evm: proofHex },
    prevBlock,
    block,
    chains: [1, 2],
    reports: [
      { chainId: 1, storedBlock: stored, storedBlockHash: storedBlockHash(stored), totalBlocksSynchronized: 2 },
      { chainId: 2, storedBlock: stored, storedBlockHash: storedBlockHash(stored), totalBlocksSynchronized: "2" },
    ],
    burn: { fromChainId: 1, toChainId: 2, owner: me, to: me, tokenId: 1, l2Amount: 12_500_000_000_000_000_000n, nonce: 7 },
  };
  const v = verifyBlock(input);
  for (const s of v.stages) if (!s.ok) log(s.stage, s.codes.map((f) => `${f.code} ${f.chainId ?? ""} ${f.detail}`));
  const many = verifyBlocks({ vk, chains: [1, 2], prevBlock, blocks: [{ block, proof, reports: input.reports }], burn });
  log(publicInput, sync, many.approved, many.verdicts.length, v.commitment ?? "no commitment", v.publicInput);

  // @ts-expect-error a misspelled verdict member
  log(v.aproved);
  // @ts-expect-error verifyBlock takes an object (or JSON text of it), not a block number
  verifyBlock(42);
  return v;
}

// ---------------------------------------------------------------------------------------------------------------------
// The burn

export function burnCalldata(): BurnParams {
  const params: BurnParams = {
    chainId: "0x7919",
    fromChainId: 1,
    bridge,
    from: me,
    token,
    decimals: 6,
    amount: "12.5",
    toChainId: 2,
    to: checkRecipient(me, [bridge, token]),
    nonce: 7,
    withdrawFee: 10,
    allowance: decodeAllowance("0x" + "00".repeat(32)),
    notTo: [bridge, token],
  };
  const { approve, burn } = buildBurn(params);
  if (approve) log(approve.to, approve.data, approve.value);
  log(burn.chainId, checksumAddress(me), allowanceCall(token, me, bridge).data, balanceOfCall(token, me).to);
  const raw: string = parseAmount("12.5", 6);
  log(formatAmount(raw, 6), formatAmount(12_500_000n, "6"), eventTopics().MappingMinted, counterCalls().totalBlocksProven);

  // @ts-expect-error a burn without its token
  buildBurn({ chainId: "0x7919", fromChainId: 1, bridge, from: me, decimals: 6, amount: "12.5", toChainId: 2, to: me, nonce: 7, withdrawFee: 10 });
  // @ts-expect-error an amount is a decimal string, never a JS number
  buildBurn({ ...params, amount: 12.5 });
  // @ts-expect-error a raw amount is a decimal string or bigint, never a JS number
  formatAmount(12500000, 6);
  return params;
}

// ---------------------------------------------------------------------------------------------------------------------
// The light client

const memory = new Map<string, string>();
const storage: KeyValueStorage = { getItem: (k) => memory.get(k) ?? null, setItem: (k, v) => void memory.set(k, v) };

export async function lightClient(): Promise<EvidenceCheck> {
  const options: BridgeClientOptions = {
    deployment,
    rpc: { 1: ["http://127.0.0.1:8545", "http://127.0.0.1:9545"], 2: injected },
    timeoutMs: 3000,
    retries: 3,
    maxAnswerBytes: MAX_ANSWER_BYTES,
    worker: false,
    storage,
  };
  const client = await BridgeClient.create(options);
  const sameClient = new BridgeClient({ deployment, storage: null });
  sameClient.close();

  const ready = await client.ready();
  if (ready.status === "resumed") log(ready.blockNumber);
  else if (ready.status === "discarded") log(ready.reason, ready.blockNumber);
  const where: "worker" | "inline" = client.runsIn;
  const { keyHash, anchor, chains } = client.trustRoot;
  log(where, keyHash, anchor, chains.filter((c) => c.single).map((c) => c.endpoints));

  const verdict = await client.verify(1, { destination: 2 });
  const approved: boolean = verdict.approved;
  log(approved, verdict.stages[0]?.stage, verdict.warnings, verdict.reads, verdict.chains, verdict.ops, verdict.readMs, verdict.verifiedIn);
  const last = await client.sync({ onProgress: ({ verified, target }) => log(`${verified}/${target}`), signal: abort });
  if (last !== null) log(last.blockNumber);
  const [from, to] = client.verifiedRange;
  log(from, to, client.stats.requests, client.stats.readMs);

  const text: string = exportEvidence(verdict);
  const offline: EvidenceCheck = verifyEvidence(text);
  const keyed: EvidenceCheck = verifyEvidence(text, { deployment });
  const chained: EvidenceCheck = await verifyEvidence(text, { deployment, client });
  const rechecked = await client.recheck(text);
  log(offline.anchored === "none", keyed.differences, chained.anchored, rechecked.keyHash);

  const found = await client.findBurns({ address: me, pageBlocks: 2000 });
  for (const b of found) if (b.status === "minted" && b.mint) log(b.mint.amount, b.op.l2Amount);
  client.remember({ chainId: 1, txHash });
  for (const b of client.tracked()) if (b.status === "failed") log(b.codes);

  const { burn } = buildBurn({ chainId: 31001, fromChainId: 1, bridge, from: me, token, decimals: 6, amount: "1", toChainId: 2, to: me, nonce: 8, withdrawFee: 0 });
  const simulated: true = await client.simulate(1, burn);
  const sent = await client.checkSent(1, txHash, burn);
  if (sent.status === "mined") log(simulated, sent.evmBlockNumber, sent.op?.l2Amount);
  else if (sent.status === "pending") log(sent.nonce);

  const onStage = (e: TrackEvent): void => {
    switch (e.stage) {
      case "burned":
        log(e.txHash, e.evmBlockNumber, e.op.l2Amount);
        break;
      case "committed":
        log(e.blockNumber, e.verdict?.approved);
        break;
      case "proven":
        log(e.commitment, e.verdict.stages);
        break;
      case "synchronized":
        log(e.chainId, e.stateHash, e.syncHash);
        break;
      case "executed":
        log(e.chainId, e.blockNumber);
        break;
      case "minted":
        log(e.mint.txHash, e.mint.amount, e.mint.l2Amount);
        break;
      case "waiting":
        if (e.for === "proof") log(e.blockNumber);
        else if (e.for === "execute" || e.for === "mint") log(e.verdict.approved);
        break;
      case "reorg":
        log(e.codes.map((f) => f.code));
        break;
      case "failed":
        log(e.codes?.map((f) => f.code), e.verdict);
        break;
      default: {
        const never: never = e;
        log(never);
      }
    }
    // @ts-expect-error only `minted` carries the mint
    log(e.mint);
  };
  const tracked: TrackResult = await client.track({ chainId: 1, txHash }, { onStage, signal: abort, pollMs: 1000 });
  const mintedOp: MappingOp | undefined = tracked.verdict.ops[0];
  log(tracked.mint?.txHash, tracked.mintCheck?.stage.ok, tracked.mintCheck?.stage.stage, mintedOp);
  client.forget(txHash);

  // @ts-expect-error "mined" is no track stage
  const stage: TrackEvent["stage"] = "mined";
  // @ts-expect-error a block number is a number
  await client.verify("1");
  // @ts-expect-error track needs the source chain id
  await client.track({ txHash });
  client.close();
  log(stage);
  return rechecked;
}

// ---------------------------------------------------------------------------------------------------------------------
// The wallet flow

export async function wallet(client: BridgeClient): Promise<void> {
  const store = walletStore();
  const stop = store?.subscribe((wallets) => log(wallets.map((w) => w.info.name)), { emitImmediately: true });
  const wallets: WalletDetail[] = await discoverWallets({ timeoutMs: 500, target: { ethereum: injected } });
  const chosen = wallets[0]?.provider ?? injected;
  const chain: AddEthereumChainParameter = {
    chainId: "0x7919",
    chainName: "Chain A",
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: ["http://127.0.0.1:8545"],
  };
  try {
    const r = await sendBurn(
      chosen,
      { fromChainId: 1, bridge, token, decimals: 6, amount: "12.5", toChainId: 2, to: me, nonce: 7, withdrawFee: 10 },
      {
        chain,
        client,
        onStep: (s) => {
          if (s.step === "burn" || s.step === "approve") log(s.tx.data);
          else if (s.step === "burnReceipt") log(s.hash, s.replaces);
        },
        onTx: (t) => client.remember({ chainId: 1, txHash: t.hash }),
      },
    );
    if (r.status === "sent") {
      log(r.burnTx, r.approveTx, r.replaced, r.op.l2Amount);
      await client.track({ chainId: r.op.fromChainId, txHash: r.burnTx });
    } else {
      log(`cancelled at ${r.step}`, r.approveTx);
    }
  } catch (e) {
    if (isBridgeError(e)) {
      const code: ErrorCode | WalletCode | (string & {}) = e.code;
      if (e.code === "WALLET_ERROR" && e.walletCode === UNRECOGNIZED_CHAIN) log("add the chain by hand");
      if (e.code === "WALLET_CHANGED" || WALLET_CODES.includes(e.code as WalletCode)) log(code, e.step, e.approveTx, e.burnTx);
    }
  }
  log(USER_REJECTED);
  stop?.();

  // @ts-expect-error sendBurn needs the chain to switch the wallet to
  await sendBurn(chosen, { fromChainId: 1, bridge, token, decimals: 6, amount: "1", toChainId: 2, to: me, nonce: 7, withdrawFee: 10 }, {});
}

// ---------------------------------------------------------------------------------------------------------------------
// Names of the wasm glue are not part of the package

// @ts-expect-error judgeEvidence is no export
log(pkg.judgeEvidence);
// @ts-expect-error the glue's BridgeClientCore is not exported
log(pkg.BridgeClientCore);
// @ts-expect-error the glue's cleanRecord is not exported
log(pkg.cleanRecord);
// @ts-expect-error the glue's resumeFrom is not exported
log(pkg.resumeFrom);
// @ts-expect-error the glue's withCheckpoint is not exported
log(pkg.withCheckpoint);
// Keep the JSON-shaped key usable as a VerificationKey.
export const key: VerificationKey = vk;

// The EVM precompiles: hex text or bytes in, hex or a boolean out.
const summed: `0x${string}` = pkg.bn254Add("0x");
const product: `0x${string}` = pkg.bn254Mul(new Uint8Array(96));
const paired: boolean = pkg.bn254Pairing("0x");
// @ts-expect-error a number is not precompile input
pkg.bn254Pairing(192);
void [summed, product, paired];
