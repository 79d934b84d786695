// The light client as JS sees it: BridgeClient holds the core's host, the endpoints and the stored record; every rule
// (what is judged, what is kept of a record, what a tracked burn's status is) is the core's.
import { coded } from "./errors.js";
import init, { core, guarded } from "./wasm.js";
import { snapshot } from "./snapshot.js";
import { endpoint, MAX_ANSWER_BYTES } from "./transport.js";
import { InlineCore, WorkerCore } from "./core-host.js";

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** ABORTED, with the signal's reason as `cause`. */
function abortError(signal) {
  return coded("ABORTED", "aborted", { cause: signal?.reason });
}

/** `globalThis.localStorage` when it can be used, else `null`. */
function defaultStorage() {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

/**
 * The light client: reads both chains itself, trusting no server, and judges blocks from a trust anchor.
 *
 * `new BridgeClient({ deployment, rpc?, checkpoint?, timeoutMs?, retries?, worker?, storage? })`:
 * - `deployment`: the devnet's deployment file (chains, bridges, genesis, vk);
 * - `rpc`: a zkLink chain id → a URL, an EIP-1193 provider, or a list of them (default: each chain's `rpcUrl`);
 * - `checkpoint`: a full StoredBlockInfo to start from (default: the genesis block);
 * - `worker`: verify in the package's module Worker (default: where `Worker` exists, i.e. in browsers), else in this thread;
 * - `storage`: where the last verified block and the tracked burns are kept per deployment (default `localStorage` where
 *   usable; `null`: nothing kept). A stored checkpoint is used only if it parses, was verified from this client's anchor and
 *   every chain stores that block as it says (`ready()` tells what happened); otherwise it is discarded. Beside it, the
 *   key's preparation (`Groth16Verifier.export`), trusted as the checkpoint is.
 *
 * The constructor needs the wasm loaded (`init()` first; NOT_INITIALIZED otherwise) and checks the setup at once (a
 * malformed deployment, key or anchor throws from it); `BridgeClient.create(options)` does both.
 */
export class BridgeClient {
  #core; #deployment; #endpoints; #closed = false;
  #setup; #storage; #key; #started; #restored = { status: "none" }; #keyHash;
  /**
   * Loads the wasm (`init()`, once) and makes a client: the way to make one without calling `init()` first. Throws
   * what the constructor throws (a malformed deployment, key or anchor), as a rejection.
   * @example
   * const client = await BridgeClient.create({ deployment });
   * const verdict = await client.verify(1);
   */
  static async create(options) {
    await init();
    return new BridgeClient(options);
  }
  constructor({ deployment, rpc, checkpoint, timeoutMs = 3_000, retries = 3, maxAnswerBytes = MAX_ANSWER_BYTES, worker = typeof Worker === "function", storage = defaultStorage() } = {}) {
    const d = snapshot(deployment, "deployment");
    if (!d || !Array.isArray(d.chains)) throw coded("MISSING_FIELD", "deployment.chains");
    this.#deployment = d;
    this.#endpoints = [];
    for (const c of d.chains) {
      const given = rpc?.[c.chainId] ?? c.rpcUrl;
      for (const t of Array.isArray(given) ? given : [given]) this.#endpoints.push(endpoint(c.chainId, t, timeoutMs, maxAnswerBytes));
    }
    const anchor = snapshot(checkpoint ?? d.genesis, "checkpoint");
    this.#setup = { vk: d.vk, anchor, retries, backoffMs: 200,
      chains: d.chains.map((c) => ({ chainId: c.chainId, evmChainId: c.evmChainId, bridge: c.bridge, deployBlock: c.deployBlock })),
      tokens: (Array.isArray(d.tokens) ? d.tokens : []).map((t) => ({ tokenId: t.tokenId, decimals: t.decimals })),
      ...(d.confirmations === undefined ? {} : { confirmations: d.confirmations }) };
    this.#storage = storage;
    this.#key = "zkbridge-light:v1:" + d.chains.map((c) => `${c.chainId}:${String(c.bridge).toLowerCase()}`).sort().join(",");
    // The key's preparation, kept beside the record: the core uses it only if it is this library version's for this key.
    const pk = this.#key + ":preparedKey";
    try {
      this.#setup.preparedKey = storage?.getItem(pk) ?? undefined;
    } catch {}
    // The setup is checked here, in this thread, whatever runs the core (so bad input throws from the constructor).
    const check = guarded(() => new core.BridgeClientCore(this.#setup, this.#endpoints));
    this.#keyHash = check.keyHash();
    const fresh = check.preparedKeyToKeep();
    check.free();
    if (fresh) {
      // For the next page, and the core that runs (so it does not prepare again); storage refused: only that is lost.
      this.#setup.preparedKey = fresh;
      try {
        storage?.setItem(pk, fresh);
      } catch {}
    }
    this.#core = worker ? new WorkerCore(this.#setup, this.#endpoints) : new InlineCore(this.#setup, this.#endpoints);
  }
  #live() {
    if (this.#closed) throw coded("FREED", "this BridgeClient was closed");
    return this.#core;
  }
  /**
   * What this client's verdicts rest on, for a page to show beside them: `{ keyHash }` (the verifying key's hash, computed
   * by the core from the key, never read from a file), `anchor` (the configured anchor's block number), and per chain its
   * endpoints (`single: true` when there is only one: that endpoint is trusted not to withhold or lie about what its chain
   * stores).
   */
  get trustRoot() {
    return {
      keyHash: this.#keyHash,
      anchor: Number(this.#setup.anchor.blockNumber),
      chains: this.#deployment.chains.map((c) => {
        const endpoints = this.#endpoints.filter((e) => e.chainId === c.chainId).map((e) => e.name);
        return { chainId: c.chainId, endpoints, single: endpoints.length === 1 };
      }),
    };
  }
  /** `"worker"` or `"inline"`: where this client's core runs. */
  get runsIn() {
    return this.#core.where;
  }
  /** The stored record, cleaned by the core's rules (`cleanRecord`): what does not hold is dropped, never believed. */
  #load() {
    let text = null;
    try {
      text = this.#storage?.getItem(this.#key) ?? null;
    } catch {
      // Storage refused: nothing stored.
    }
    return guarded(() => core.cleanRecord(typeof text === "string" ? text : null, Uint8Array.from(this.#deployment.chains.map((c) => c.chainId))));
  }
  #save(edit) {
    if (!this.#storage) return;
    try {
      const rec = this.#load();
      delete rec.discarded;
      edit(rec);
      this.#storage.setItem(this.#key, JSON.stringify(rec));
    } catch {
      // Storage full or refused: verification goes on, only the resume is lost.
    }
  }
  /**
   * Resumes from the stored checkpoint when it holds (once; every other method waits for it). → `{ status: "none" }`,
   * `{ status: "resumed", blockNumber }` or `{ status: "discarded", blockNumber?, reason }`.
   * @throws RPC_TIMEOUT, RPC_ERROR, CHAIN_ID_MISMATCH when the chains cannot be read to check it (nothing is discarded then).
   */
  ready() {
    this.#started ??= this.#resume().catch((e) => { this.#started = undefined; throw e; });
    return this.#started;
  }
  async #resume() {
    const c = this.#live();
    const stored = this.#load();
    const cp = stored.checkpoint;
    const drop = (reason) => {
      this.#save((r) => { delete r.checkpoint; delete r.anchorHash; });
      this.#restored = { status: "discarded", blockNumber: Number(cp?.blockNumber) || undefined, reason };
      return this.#restored;
    };
    // The core decides whether the stored checkpoint may be tried (resumeFrom: verified from this anchor, after it, and
    // parsing); a discarded one's reason is reported and the record rewritten. Then every chain must store it.
    const r = guarded(() => core.resumeFrom(stored, this.#setup.anchor));
    if (r.discard !== undefined) return drop(r.discard);
    if (r.checkpoint === undefined) return this.#restored;
    const matches = await c.call("checkpointMatches", r.checkpoint);
    if (!matches) return drop("a chain stores that block differently");
    await c.open({ ...this.#setup, anchor: r.checkpoint }, this.#endpoints);
    this.#restored = { status: "resumed", blockNumber: Number(cp.blockNumber) };
    return this.#restored;
  }
  async #checkpoint() {
    const cp = await this.#core.call("checkpoint");
    // The core says what the record keeps (a later checkpoint of the same anchor is never replaced by an earlier one).
    this.#save((r) => Object.assign(r, guarded(() => core.withCheckpoint(r, this.#setup.anchor, cp))));
  }
  /**
   * Verdict on block n (`verifyBlock`'s, with a `reads` stage first), `reads`, `warnings`, `chains`, `ops`; measured:
   * `requests`, `readMs` (waiting for RPC), `verifyMs` (everything else: decoding, recomputing, the Groth16 check),
   * `verifiedIn` ("worker" or "inline").
   */
  async verify(n, { destination, burn } = {}) {
    const c = this.#live();
    await this.ready();
    const t0 = performance.now();
    const [r0, io0] = c.io;
    if (this.#restored.status === "resumed" && n <= c.range[0] && n > Number(this.#setup.anchor.blockNumber)) {
      // Before the resumed checkpoint: a shortcut, never a limit. Back to the configured anchor.
      await c.open(this.#setup, this.#endpoints);
      this.#restored = { status: "none" };
    }
    const before = c.range[1];
    const v = await c.call("verify", n, destination ?? undefined, burn === undefined ? undefined : snapshot(burn, "burn"));
    const [r1, io1] = c.io;
    v.readMs = io1 - io0;
    v.verifyMs = performance.now() - t0 - v.readMs;
    v.requests = r1 - r0;
    if (c.range[1] > before) await this.#checkpoint();
    return v;
  }
  /**
   * Re-checks an evidence bundle against this client's deployment and its chains (see `verifyEvidence`): `anchored:
   * "chains"` when its key and anchor are the deployment's, it agrees offline, and every endpoint of every chain stores
   * blocks n − 1 and n as recorded; otherwise `differences` says what does not hold.
   * @throws FOREIGN_KEY, FOREIGN_ANCHOR, a bundle's parse codes; RPC_TIMEOUT, RPC_ERROR, CHAIN_ID_MISMATCH.
   */
  async recheck(bundle) {
    const c = this.#live();
    await this.ready();
    return c.call("recheck", snapshot(bundle, "bundle"), this.#deployment);
  }
  /**
   * The burns `address` sent (it called `mappingToken`) or received (it is the op's recipient), from every chain's
   * `NewPriorityRequest` logs read in pages of `pageBlocks` EVM blocks (default 2,000) from `fromBlock` (default: the
   * bridge's deployment block), the same on every endpoint; each with its status from its mint, read and judged on the
   * destination from every endpoint: `[{ chainId, txHash, evmBlockNumber, sent, received, op, status: "pending" |
   * "minted" | "failed", mint, findings }]`. What a fresh browser, with no storage, uses to find a burn to `track`.
   * @throws INVALID_ADDRESS, BAD_CHECKSUM, INVALID_NUMBER; RPC_TIMEOUT, RPC_ERROR (endpoints that differ or answer malformed).
   */
  async findBurns({ address, fromBlock, pageBlocks } = {}) {
    const c = this.#live();
    await this.ready();
    if (typeof address !== "string") throw coded("MISSING_FIELD", "address");
    return c.call("findBurns", address, fromBlock ?? undefined, pageBlocks ?? undefined);
  }
  /**
   * Reads transaction `hash` back from every endpoint of chain `chainId` (never from a wallet) and compares it with `tx` as
   * built (`buildBurn`'s `approve` or `burn`): `{ status: "pending" | "mined" | "reverted", evmBlockNumber?, op?, nonce? }`,
   * `op` for a mined burn (from the receipt every endpoint gives), `nonce` once an endpoint shows the transaction.
   * With `replaces` (the wallet says `hash` sped up that transaction), `hash` must carry the nonce this client saw
   * `replaces` with in an earlier `checkSent`: until then it stays `pending`, whatever the wallet says.
   * @throws TX_MISMATCH (the chain holds another transaction under that hash: `from`, `to`, `input`, `value` or `chainId`
   *   differ, a burn of another owner, or another `nonce` than the replaced one's), INVALID_CHAIN_ID, INVALID_HEX;
   *   RPC_TIMEOUT, RPC_ERROR.
   */
  async checkSent(chainId, hash, tx, replaces) {
    const c = this.#live();
    await this.ready();
    return c.call("checkSent", chainId, hash, snapshot(tx, "tx"), replaces ?? undefined);
  }
  /**
   * Simulates `tx` as built (`buildBurn`'s `approve` or `burn`) with `eth_call` from its sender on every endpoint of chain
   * `chainId`, before a wallet is asked to sign it. Resolves `true`.
   * @throws WOULD_REVERT (with the node's reason: no allowance, too small a balance …), INVALID_CHAIN_ID; RPC_TIMEOUT, RPC_ERROR.
   */
  async simulate(chainId, tx) {
    const c = this.#live();
    await this.ready();
    return c.call("simulate", chainId, snapshot(tx, "tx"));
  }
  /** RPC requests sent so far (retries included) and the time spent waiting for them. */
  get stats() {
    const [requests, readMs] = this.#core.io;
    return { requests, readMs };
  }
  /**
   * Verifies every block after the last verified one up to the latest proven on all chains, 16 at a time (the core reads
   * them side by side and checks their proofs in one batch): `onProgress({ anchor, verified, target, blockNumber,
   * approved })` after each 16; `signal` stops between them (ABORTED, the signal's reason as `cause`). Resolves to the last
   * verdict (`null` when nothing was new); a block that does not link (a failed reads, commit, zkVerify or consensus
   * stage) stops the sync and is the verdict returned.
   */
  async sync({ onProgress, signal } = {}) {
    if (signal?.aborted) throw abortError(signal);
    await this.ready();
    const target = await this.#live().call("syncTarget");
    let verdict = null;
    for (let [anchor, last] = this.verifiedRange; last < target; [anchor, last] = this.verifiedRange) {
      if (signal?.aborted) throw abortError(signal);
      verdict = await this.verify(Math.min(target, last + 16)); // the core's WALK_WINDOW
      const [, now] = this.verifiedRange;
      onProgress?.({ anchor, verified: now, target, blockNumber: verdict.blockNumber, approved: verdict.approved });
      if (now === last) break;
    }
    return verdict;
  }
  /** `[anchor, last verified block]`. */
  get verifiedRange() {
    return [...this.#live().range];
  }
  /**
   * The burns this client (or an earlier one on this deployment, in this storage) is tracking, as the core's record rules
   * keep them: `[{ chainId, txHash, status: "pending" | "failed" | "minted", codes?, blockNumber?, mintTx?, sentAt? }]`
   * (`sentAt`: when it was first stored, ms since the Unix epoch).
   */
  tracked() {
    return this.#load().burns ?? [];
  }
  /**
   * Stores a burn to track (call it the moment the wallet returns the hash); `track` stores it too and keeps it, with its
   * status, until `forget`. Only `{ chainId, txHash }` is kept (and the status `track` adds): what is shown of a burn comes
   * from its op, read back from the chain, and the deployment, never from storage.
   */
  remember(burn) {
    const b = snapshot(burn, "burn");
    if (!b || typeof b.txHash !== "string" || typeof b.chainId !== "number") throw coded("MISSING_FIELD", "burn.chainId, burn.txHash");
    this.#save((r) => {
      const burns = (r.burns ?? []).filter((x) => x.txHash !== b.txHash);
      // When it was first stored (the core fails a transaction no endpoint knows 30 minutes after it).
      const kept = (r.burns ?? []).find((x) => x.txHash === b.txHash);
      r.burns = [...burns, { sentAt: Date.now(), ...kept, ...b }];
    });
  }
  /** Stops keeping a tracked burn. */
  forget(txHash) {
    this.#save((r) => { r.burns = (r.burns ?? []).filter((x) => x.txHash !== txHash); });
  }
  /**
   * Follows one burn to its mint. The core reads everything from every endpoint: the burn from its receipt, the block that
   * carries it (from the source chain's `BlockCommitted` logs onward from the burn's EVM block, so a block this client
   * verified before, or a reload in between, is found), the block's verdict (with the burn required in it:
   * `BURN_NOT_IN_BLOCK`), and the mint on the destination, judged (`MINT_MISMATCH`: the log must be the destination
   * bridge's, carry the op's hash, not be removed, and pay the op's recipient the op's amount).
   * Every rule is the core's (`trackStep`, one poll; this method only loops, sleeps and stores what the core says).
   * `onStage({ stage, … })`, once per stage, in the core's one vocabulary: `burned` (`txHash`, `evmBlockNumber`, `op`),
   * `committed` (`blockNumber`, from the chain's `BlockCommitted` log, before any proof), `proven` (the block's reads,
   * commit and Groth16 proof hold; `commitment`), `synchronized` (one per chain: `chainId`, `stateHash`, `syncHash`),
   * `executed` (the destination may execute the block), `minted` (`mint`); and the events `waiting` (`for`: receipt,
   * commit, proof, execute, mint), `reorg` and `failed` (`codes`). Events after `burned` carry the block's `verdict`. Resolves to
   * `{ verdict, mint, mintCheck }` (`mintCheck`: the core's `{ stage: { stage: "mint", ok, codes }, mint }`;
   * `mint: { txHash, to, amount (token units), l2Amount }`, or `null` when a stage failed: the verdict or `mintCheck` says
   * which). The burn stays stored (`tracked()`) with its status: `pending`
   * while followed or interrupted, `failed` (with the codes) or `minted`; only `forget(txHash)` removes it. A transaction
   * that reverted (`TX_REVERTED`), is no burn (`NO_BURN_IN_RECEIPT`) or that no endpoint knows 30 minutes after it was
   * stored (`TX_NOT_FOUND`) is stored `failed` and rejects with that code.
   */
  async track({ chainId, txHash }, { onStage = () => {}, signal, pollMs = 1000 } = {}) {
    const c = this.#live();
    this.remember({ chainId, txHash });
    await this.ready();
    const wait = async () => { if (signal?.aborted) throw abortError(signal); await sleep(pollMs); if (signal?.aborted) throw abortError(signal); };
    let reached = [];
    for (;;) {
      if (signal?.aborted) throw abortError(signal);
      const t0 = performance.now();
      const [r0, io0] = c.io;
      const before = c.range[1];
      const sentAt = this.tracked().find((x) => x.txHash === txHash)?.sentAt;
      const step = await c.call("trackStep", chainId, txHash, reached, sentAt, Date.now());
      if (step.beforeAnchor !== undefined && step.beforeAnchor !== null) {
        // The block is at or before this client's anchor: verify() goes back to the configured anchor when the anchor was
        // a resumed checkpoint (a shortcut, never a limit); otherwise the core refuses it (BLOCK_NOT_FOUND).
        await this.verify(step.beforeAnchor);
        continue;
      }
      if (c.range[1] > before) await this.#checkpoint();
      // The core says what to keep of the burn; this side only writes it.
      this.#save((r) => { r.burns = (r.burns ?? []).map((x) => (x.txHash === txHash ? { chainId: x.chainId, txHash, ...step.record } : x)); });
      const v = step.verdict;
      if (v) {
        const [r1, io1] = c.io;
        v.readMs = io1 - io0;
        v.verifyMs = performance.now() - t0 - v.readMs;
        v.requests = r1 - r0;
      }
      for (const e of step.events) onStage(v && e.stage !== "burned" ? { ...e, verdict: v } : e);
      reached = step.reached;
      if (step.error) throw coded(step.error.code, step.error.message);
      if (step.done) return { verdict: v, mint: step.mintCheck?.mint ?? null, mintCheck: step.mintCheck ?? null };
      await wait();
    }
  }
  /** Ends the client (its wasm state is freed, its Worker terminated); later calls throw FREED. */
  close() {
    if (this.#closed) return;
    this.#closed = true;
    this.#core.free();
  }
}
