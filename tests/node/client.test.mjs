// The package's BridgeClient against a running devnet (two anvil chains, contracts, operator), in node and in Chromium: it
// follows a real burn to its mint, approves blocks from the genesis anchor (verify and sync, with progress and a signal), and
// through the fault proxy names a lying endpoint (RPC_DISAGREEMENT), a lying only endpoint (ROOT_MISMATCH, SYNC_HASH_MISMATCH,
// chain 2), a timeout (RPC_TIMEOUT after retries) and an endpoint of another chain (CHAIN_ID_MISMATCH).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import v8 from "node:v8";
import vm from "node:vm";
import { loadPkg, root, wasmExports } from "./load.mjs";
import { startDevnet, devnetBin } from "./devnet.mjs";
import { startFaultProxy } from "../../devnet/fault-proxy/proxy.mjs";
import { buildViteApp, installPackage } from "./installed.mjs";

const PORTS = { a: 28545, b: 28546, control: 28547 };
const depPath = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "zkbl-client-")), "deployment.json");
let devnet, mod, deployment;

before(async () => {
  mod = await loadPkg();
  devnet = await startDevnet({ ports: PORTS, depPath });
  deployment = devnet.deployment;
});
after(() => { devnet?.stop(); });

const burn = (from, to, amount) => {
  const out = execFileSync(devnetBin, ["burn", String(from), String(to), "USDX", amount, "--deployment", depPath], { cwd: root, encoding: "utf8" });
  return out.match(/burn sent: (0x[0-9a-f]{64})/)[1];
};

test("track follows a real burn to its mint, every stage in order", { timeout: 180_000 }, async () => {
  const txHash = burn(1, 2, "12.5");
  const client = new mod.BridgeClient({ deployment, rpc: { 1: [deployment.chains[0].rpcUrl, deployment.chains[0].rpcUrl] }, timeoutMs: 5000 });
  const stages = [];
  const { verdict, mint } = await client.track({ chainId: 1, txHash }, { onStage: (s) => stages.push(s), pollMs: 300 });
  assert.deepEqual(stages.map((s) => s.stage).filter((s) => s !== "waiting"), ["burned", "committed", "proven", "synchronized", "synchronized", "executed", "minted"]);
  assert.ok(stages.every((s) => s.ok !== false), JSON.stringify(stages));
  assert.equal(stages[0].op.l2Amount, "12500000000000000000");
  assert.equal(verdict.approved, true, JSON.stringify(verdict, null, 1));
  assert.deepEqual(verdict.stages.map((s) => s.stage), ["reads", "commit", "zkVerify", "consensus", "execute", "mint"]);
  assert.equal(verdict.mint.txHash, mint.txHash);
  assert.equal(mint.amount, "12500000");
  assert.equal(mint.to, mod.checksumAddress(deployment.accounts[1].address));
  assert.equal(verdict.chains.length, 2);
  assert.equal(verdict.chains[0].stateHash, verdict.chains[1].stateHash);
  assert.deepEqual(verdict.warnings.map((w) => [w.code, w.chainId]), [["SINGLE_ENDPOINT", 2]]);
  // The evidence bundle round-trips offline; an edited field makes it disagree.
  const text = mod.exportEvidence(verdict);
  const ok = mod.verifyEvidence(text);
  assert.equal(ok.agrees, true, JSON.stringify(ok.differences));
  const edited = JSON.parse(text);
  edited.answers[0].storedBlock.syncHash = "0x" + "42".repeat(32);
  const bad = mod.verifyEvidence(edited);
  assert.equal(bad.agrees, false);
  assert.equal(bad.verdict.approved, false);
  // The mint's reads are in the bundle and judged: a log that pays one unit more is MINT_MISMATCH, not approved.
  const paid = JSON.parse(text);
  const log = paid.mint.logs[0][0];
  log.data = log.data.slice(0, -1) + ((parseInt(log.data.at(-1), 16) + 1) % 16).toString(16);
  const overpaid = mod.verifyEvidence(paid);
  assert.equal(overpaid.agrees, false);
  assert.ok(overpaid.verdict.stages.some((s) => s.stage === "mint" && s.codes.some((c) => c.code === "MINT_MISMATCH")));
  // Anchored: offline to the deployment's key only; asked again, every chain stores the blocks as recorded.
  assert.equal(ok.anchored, "none");
  const keyed = mod.verifyEvidence(text, { deployment });
  assert.equal(keyed.anchored, "key");
  assert.match(keyed.keyHash, /^0x[0-9a-f]{64}$/);
  const online = await mod.verifyEvidence(text, { deployment, client });
  assert.equal(online.anchored, "chains", JSON.stringify(online.differences));
  const moved = JSON.parse(text);
  moved.answers[0].storedBlock.stateHash = moved.answers[1].storedBlock.stateHash = "0x" + "42".repeat(32);
  const again = await client.recheck(moved);
  assert.notEqual(again.anchored, "chains");
  assert.equal(again.agrees, false);
  const foreign = JSON.parse(text);
  [foreign.vk.vk_gamma_2, foreign.vk.vk_delta_2] = [foreign.vk.vk_delta_2, foreign.vk.vk_gamma_2];
  assert.throws(() => mod.verifyEvidence(foreign, { deployment }), (e) => e.code === "FOREIGN_KEY");
  // With a client and the deployment, the deployment is checked too (not ignored): a foreign bundle rejects.
  await assert.rejects(mod.verifyEvidence(foreign, { deployment, client }), (e) => mod.isBridgeError(e) && e.code === "FOREIGN_KEY");
  assert.equal(mod.verifyEvidence(foreign).anchored, "none");
  // A client that already verified the burn's block (or a reload in between) still finds it and reaches the mint: the
  // block is found from the chain's BlockCommitted logs, not searched after the last verified one.
  const ahead = new mod.BridgeClient({ deployment, storage: null });
  await ahead.sync();
  assert.ok(ahead.verifiedRange[1] >= verdict.blockNumber);
  const retracked = await ahead.track({ chainId: 1, txHash }, { pollMs: 300 });
  assert.equal(retracked.mint.txHash, mint.txHash);
  assert.equal(retracked.verdict.blockNumber, verdict.blockNumber);
  assert.equal(retracked.mintCheck.stage.ok, true);
  // A stored record keeps the burn with its status until it is forgotten.
  const stored = new Map();
  const keeper = new mod.BridgeClient({ deployment, storage: { getItem: (k) => stored.get(k) ?? null, setItem: (k, v) => stored.set(k, v) } });
  await keeper.track({ chainId: 1, txHash }, { pollMs: 300 });
  assert.equal(keeper.tracked().find((b) => b.txHash === txHash)?.status, "minted");
  keeper.forget(txHash);
  assert.equal(keeper.tracked().length, 0);
  keeper.close();
  // Beside the record, the key's preparation: the next client uses it (rewrites nothing) and verifies as any other; one
  // that is not this library version's for this key is ignored, the key prepared afresh and the stored one replaced.
  const pkName = [...stored.keys()].find((k) => k.endsWith(":preparedKey"));
  const kept = stored.get(pkName);
  assert.ok(kept.startsWith("0x" + Buffer.from("zkbridge-light ").toString("hex")), kept.slice(0, 40));
  const writes = [];
  const watching = { getItem: (k) => stored.get(k) ?? null, setItem: (k, v) => { writes.push(k); stored.set(k, v); } };
  const reuser = new mod.BridgeClient({ deployment, storage: watching });
  assert.ok(!writes.includes(pkName), "a kept preparation is not written again");
  assert.equal((await reuser.verify(verdict.blockNumber)).approved, true);
  reuser.close();
  stored.set(pkName, "0x79" + kept.slice(4)); // "yzbridge-light …": another library's
  const refresher = new mod.BridgeClient({ deployment, storage: watching });
  assert.ok(writes.includes(pkName));
  assert.equal(stored.get(pkName), kept);
  assert.equal((await refresher.verify(verdict.blockNumber)).approved, true);
  refresher.close();
  // A fresh browser with no storage finds the burn from the chains alone: dev user 1 sent it to itself, and it is minted
  // (the same mint transaction track saw). Another address has no such burn; a malformed address is refused.
  const finder = new mod.BridgeClient({ deployment, storage: null });
  const mine = await finder.findBurns({ address: deployment.accounts[1].address, pageBlocks: 7 });
  const found = mine.find((b) => b.txHash === txHash);
  assert.ok(found, JSON.stringify(mine));
  assert.deepEqual([found.chainId, found.sent, found.received, found.status], [1, true, true, "minted"]);
  assert.equal(found.mint.txHash, mint.txHash);
  assert.equal(found.op.l2Amount, "12500000000000000000");
  const theirs = await finder.findBurns({ address: deployment.accounts[2].address });
  assert.ok(!theirs.some((b) => b.txHash === txHash));
  await assert.rejects(finder.findBurns({ address: "0x1234" }), (e) => e.code === "INVALID_ADDRESS");
  finder.close();
  ahead.close();
  // A fresh client verifies the same block from genesis; sync() then has nothing newer than the latest proven block.
  const fresh = new mod.BridgeClient({ deployment });
  const v = await fresh.verify(verdict.blockNumber);
  assert.equal(v.approved, true);
  assert.deepEqual(fresh.verifiedRange, [0, verdict.blockNumber]);
  fresh.close();
  assert.throws(() => fresh.verifiedRange, (e) => e.code === "FREED");
  client.close();
});

test("lies, timeouts and wrong chains through the fault proxy", { timeout: 120_000 }, async () => {
  const b = deployment.chains[1].rpcUrl;
  const proxy = await startFaultProxy({ target: b });
  try {
    // The storedBlockInfo selector (0x…) of chain 2's answers: rewrite its root in one endpoint of two.
    const honest = new mod.BridgeClient({ deployment });
    const v0 = await honest.verify(1);
    const root = v0.chains[1].stateHash.slice(2);
    await proxy.setRules([{ method: "eth_call", action: "rewrite", find: root, replace: "ab".repeat(32) }]);
    const split = new mod.BridgeClient({ deployment, rpc: { 2: [b, proxy.url] } });
    const v1 = await split.verify(1);
    assert.equal(v1.approved, false);
    assert.ok(v1.stages[0].codes.some((f) => f.code === "RPC_DISAGREEMENT" && f.chainId === 2), JSON.stringify(v1.stages[0]));
    // The only endpoint of chain 2 lies: ROOT_MISMATCH (and STORED_HASH_MISMATCH, the hash was not rewritten) naming chain 2.
    const only = new mod.BridgeClient({ deployment, rpc: { 2: proxy.url } });
    const v2 = await only.verify(1);
    const codes = v2.stages.flatMap((s) => s.codes.map((f) => `${f.code}:${f.chainId}`));
    assert.ok(codes.includes("ROOT_MISMATCH:2"), codes.join());
    assert.equal(v2.approved, false);
    // … and about its sync hash: SYNC_HASH_MISMATCH naming chain 2, not approved.
    await proxy.setRules([{ method: "eth_call", action: "rewrite", find: v0.chains[1].syncHash.slice(2), replace: "cd".repeat(32) }]);
    const v3 = await new mod.BridgeClient({ deployment, rpc: { 2: proxy.url } }).verify(1);
    const codes3 = v3.stages.flatMap((s) => s.codes.map((f) => `${f.code}:${f.chainId}`));
    assert.ok(codes3.includes("SYNC_HASH_MISMATCH:2"), codes3.join());
    assert.equal(v3.approved, false);
    // Timeouts: retried, then RPC_TIMEOUT.
    await proxy.setRules([{ method: "eth_chainId", action: "timeout" }]);
    const slow = new mod.BridgeClient({ deployment, rpc: { 2: proxy.url }, timeoutMs: 300, retries: 1 });
    await assert.rejects(slow.verify(1), (e) => e.code === "RPC_TIMEOUT");
    // Chain B's endpoint given for chain A.
    await proxy.setRules([]);
    const wrong = new mod.BridgeClient({ deployment, rpc: { 1: b } });
    await assert.rejects(wrong.verify(1), (e) => e.code === "CHAIN_ID_MISMATCH");
    // A 50 MB answer (declared, or streamed without a length) is abandoned at the 8 MiB bound, before anything enters wasm:
    // RPC_ERROR naming chain 2 and the method; under the bound it is read.
    // The wasm memory stays within a bound (it would grow by 50 MB if an answer entered it) and the JS heap returns
    // after a collection.
    v8.setFlagsFromString("--expose-gc");
    const gc = vm.runInNewContext("gc");
    gc();
    const [wasm0, heap0] = [wasmExports.memory.buffer.byteLength, process.memoryUsage().heapUsed];
    for (const chunked of [false, true, false, true]) {
      await proxy.setRules([{ method: "eth_getBlockByNumber", action: "oversize", bytes: 50 << 20, chunked }]);
      const big = new mod.BridgeClient({ deployment, rpc: { 2: proxy.url } });
      await assert.rejects(big.verify(1), (e) => e.code === "RPC_ERROR" && /answer too large/.test(e.message)
        && /chain 2/.test(e.message) && /eth_getBlockByNumber/.test(e.message));
      big.close();
    }
    gc();
    const wasmGrowth = wasmExports.memory.buffer.byteLength - wasm0;
    const heapGrowth = process.memoryUsage().heapUsed - heap0;
    assert.ok(wasmGrowth <= 16 << 20, `wasm memory grew by ${wasmGrowth} bytes after four 50 MB answers`);
    assert.ok(heapGrowth <= 32 << 20, `the JS heap kept ${heapGrowth} bytes after four 50 MB answers and a collection`);
    await proxy.setRules([{ method: "eth_getBlockByNumber", action: "oversize", bytes: 1 << 20 }]);
    const small = new mod.BridgeClient({ deployment, rpc: { 2: proxy.url } });
    await assert.rejects(small.verify(1), (e) => e.code === "RPC_ERROR" && /malformed answer/.test(e.message));
  } finally {
    await proxy.close();
  }
});

test("sync verifies every block from the genesis anchor, one progress report per 16 blocks; a signal stops it", { timeout: 180_000 }, async () => {
  // Two more burns in two blocks (the operator seals a block per burn it sees).
  const client = new mod.BridgeClient({ deployment, timeoutMs: 5000 });
  for (const amount of ["1", "2"]) {
    const txHash = burn(1, 2, amount);
    await client.track({ chainId: 1, txHash }, { pollMs: 300 });
  }
  const target = client.verifiedRange[1];
  assert.ok(target >= 2, `only ${target} blocks`);
  client.close();
  const fresh = new mod.BridgeClient({ deployment });
  const progress = [];
  const last = await fresh.sync({ onProgress: (p) => progress.push(p) });
  assert.ok(last.approved && last.blockNumber >= target, JSON.stringify(last.stages));
  // Progress after each 16 blocks (the core walks them side by side, their proofs in one batch).
  assert.deepEqual(progress.map((p) => p.verified), Array.from({ length: Math.ceil(last.blockNumber / 16) }, (_, i) => Math.min(16 * (i + 1), last.blockNumber)));
  assert.ok(progress.every((p) => p.approved && p.anchor === 0 && p.target === last.blockNumber));
  assert.ok(fresh.stats.requests > 0 && last.requests > 0 && last.verifyMs > 0, JSON.stringify(fresh.stats));
  // Nothing new: null. Its twin: an aborted signal stops before any read.
  assert.equal(await fresh.sync(), null);
  // A signal aborted once the sync has started stops it before the next 16 blocks are read (here: the first).
  const other = new mod.BridgeClient({ deployment });
  const ctrl = new AbortController();
  const seen = [];
  const stopped = other.sync({ signal: ctrl.signal, onProgress: (p) => seen.push(p.verified) });
  ctrl.abort();
  await assert.rejects(stopped, (e) => e.code === "ABORTED");
  assert.deepEqual(seen, []);
  assert.deepEqual(other.verifiedRange, [0, 0]);
  fresh.close();
  other.close();
});

test("persistence: the last verified block is the next checkpoint when every chain agrees; otherwise it is discarded", { timeout: 120_000 }, async () => {
  const mem = new Map();
  const storage = { getItem: (k) => mem.get(k) ?? null, setItem: (k, v) => mem.set(k, v) };
  const first = new mod.BridgeClient({ deployment, storage });
  assert.deepEqual(await first.ready(), { status: "none" });
  const v = await first.verify(2);
  assert.equal(v.approved, true);
  first.remember({ chainId: 1, txHash: "0x" + "ab".repeat(32), amount: "1" });
  first.close();
  // The record, and beside it the key's preparation.
  const key = [...mem.keys()].find((k) => !k.endsWith(":preparedKey"));
  assert.match(key, /^zkbridge-light:v1:1:0x[0-9a-f]{40},2:0x[0-9a-f]{40}$/);
  assert.deepEqual([...mem.keys()].sort(), [key, `${key}:preparedKey`]);
  // A new client resumes at block 2 and goes on from there; the remembered burn is still listed.
  const second = new mod.BridgeClient({ deployment, storage });
  assert.deepEqual(await second.ready(), { status: "resumed", blockNumber: 2 });
  assert.deepEqual(second.verifiedRange, [2, 2]);
  // Only what the core's record rules keep: no extra fields, a status, and when it was first stored.
  const [kept] = second.tracked();
  assert.ok(Number.isSafeInteger(kept.sentAt) && Math.abs(kept.sentAt - Date.now()) < 600_000, JSON.stringify(kept));
  assert.deepEqual(second.tracked(), [{ chainId: 1, txHash: "0x" + "ab".repeat(32), status: "pending", sentAt: kept.sentAt }]);
  second.forget("0x" + "ab".repeat(32));
  assert.deepEqual(second.tracked(), []);
  // A record whose burns are not a list, or hold entries that do not parse: what parses is kept, the rest is dropped.
  const rec = JSON.parse(mem.get(key));
  mem.set(key, JSON.stringify({ ...rec, burns: { nope: 1 } }));
  assert.deepEqual(second.tracked(), []);
  mem.set(key, JSON.stringify({ ...rec, burns: [{ chainId: 1, txHash: "0x12" }, { chainId: 7, txHash: "0x" + "cd".repeat(32) },
    { chainId: 2, txHash: "0x" + "ef".repeat(32), status: "bogus" }, { chainId: 2, txHash: "0x" + "ef".repeat(32), status: "failed", codes: ["ROOT_MISMATCH"] }] }));
  assert.deepEqual(second.tracked(), [{ chainId: 2, txHash: "0x" + "ef".repeat(32), status: "failed", codes: ["ROOT_MISMATCH"] }]);
  mem.set(key, JSON.stringify(rec));
  assert.equal((await second.verify(3)).approved, true);
  assert.deepEqual(second.verifiedRange, [2, 3]);
  // Before the checkpoint: back to the configured anchor (a shortcut, never a limit).
  assert.equal((await second.verify(1)).approved, true);
  assert.deepEqual(second.verifiedRange, [0, 1]);
  second.close();
  // The stored block edited (any field): a chain stores it differently → discarded, back to genesis.
  const good = mem.get(key);
  const edit = (f) => { const r = JSON.parse(good); f(r); mem.set(key, JSON.stringify(r)); };
  const tries = [
    [(r) => { r.checkpoint.stateHash = "0x" + "11".repeat(32); }, "a chain stores that block differently"],
    [(r) => { r.checkpoint.timestamp = "1"; }, "a chain stores that block differently"],
    [(r) => { r.checkpoint.syncHash = "0x12"; }, "it does not parse (INVALID_LENGTH)"],
    [(r) => { r.checkpoint = { blockNumber: 3 }; }, "it does not parse (MISSING_FIELD)"],
    [(r) => { r.anchorHash = "0x" + "00".repeat(32); }, "it was not verified from this client's anchor"],
  ];
  for (const [f, reason] of tries) {
    edit(f);
    const c = new mod.BridgeClient({ deployment, storage });
    const got = await c.ready();
    assert.equal(got.status, "discarded", JSON.stringify(got));
    assert.equal(got.reason, reason);
    assert.deepEqual(c.verifiedRange, [0, 0]);
    assert.equal(JSON.parse(mem.get(key)).checkpoint, undefined);
    c.close();
  }
  // Unparseable storage is ignored; a client anchored elsewhere (a checkpoint of its own) does not use genesis' record.
  mem.set(key, "{not json");
  const c = new mod.BridgeClient({ deployment, storage });
  assert.deepEqual(await c.ready(), { status: "none" });
  c.close();
});

test("in Chromium: the same BridgeClient verifies the block and tracks a burn (CORS on every endpoint)", { timeout: 180_000 }, async () => {
  const { serve } = await import("../../scripts/serve.mjs");
  const { launch } = await import("./browser.mjs");
  const server = await serve(0);
  const origin = `http://127.0.0.1:${server.address().port}`;
  const browser = await launch();
  try {
    const page = await browser.ctx.newPage();
    const errors = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    await page.goto(`${origin}/bench/bench.html?impl=none`);
    const txHash = burn(2, 1, "7");
    const r = await page.evaluate(async ({ deployment, txHash }) => {
      const m = await import("/pkg/zkbridge_light.js");
      await m.default();
      localStorage.clear();
      // The page's own fetch, counted: in the Worker, the core fetches the URL endpoints itself.
      let pageFetches = 0;
      const realFetch = window.fetch;
      window.fetch = (...a) => { pageFetches++; return realFetch(...a); };
      const client = new m.BridgeClient({ deployment });
      const stages = [];
      const { verdict, mint } = await client.track({ chainId: 2, txHash }, { onStage: (s) => stages.push(s.stage), pollMs: 300 });
      const again = await client.verify(verdict.blockNumber, { destination: 1 });
      const stats = client.stats;
      client.close();
      window.fetch = realFetch;
      return { stages: stages.filter((s) => s !== "waiting"), approved: verdict.approved, again: again.approved, mint, reads: again.reads.length,
        runsIn: client.runsIn, verifiedIn: again.verifiedIn, pageFetches, requests: stats.requests, againRequests: again.requests };
    }, { deployment, txHash });
    assert.deepEqual(r.stages, ["burned", "committed", "proven", "synchronized", "synchronized", "executed", "minted"]);
    assert.equal(r.approved, true);
    assert.equal(r.again, true);
    assert.equal(r.mint.amount, "7000000");
    assert.equal(r.reads, 2);
    assert.equal(r.runsIn, "worker");
    assert.equal(r.verifiedIn, "worker");
    assert.equal(r.pageFetches, 0, "URL endpoints are fetched in the Worker, not through the page");
    assert.ok(r.requests > 10 && r.againRequests > 0, `the worker's requests are counted: ${r.requests}, ${r.againRequests}`);
    // A Worker that cannot start: WORKER_FAILED, not a hang; `worker: false` verifies in the page instead.
    const w = await page.evaluate(async ({ deployment }) => {
      const m = await import("/pkg/zkbridge_light.js");
      const Real = window.Worker;
      window.Worker = class { constructor() { setTimeout(() => this.onerror?.({ message: "blocked by policy" }), 0); } postMessage() {} terminate() {} };
      let code;
      try {
        await new m.BridgeClient({ deployment, storage: null }).verify(1);
      } catch (e) {
        code = e.code;
      } finally {
        window.Worker = Real;
      }
      let pageFetches = 0;
      const realFetch = window.fetch;
      window.fetch = (...a) => { pageFetches++; return realFetch(...a); };
      const inline = new m.BridgeClient({ deployment, storage: null, worker: false });
      const v = await inline.verify(1);
      inline.close();
      window.fetch = realFetch;
      return { code, runsIn: inline.runsIn, approved: v.approved, verifiedIn: v.verifiedIn, fetched: pageFetches > 0 && pageFetches < v.requests };
    }, { deployment });
    // The negative twin of the Worker's count: in the page, every request goes through the page's fetch, gathered into
    // JSON-RPC batches (fewer posts than requests).
    assert.deepEqual(w, { code: "WORKER_FAILED", runsIn: "inline", approved: true, verifiedIn: "inline", fetched: true });
    // Through the fault proxy, in the page: one lying endpoint of two, a lying only endpoint, timeouts.
    const proxy = await startFaultProxy({ target: deployment.chains[1].rpcUrl });
    try {
      const lie = (rules) => page.evaluate(async ({ deployment, rpc, timeoutMs }) => {
        const m = await import("/pkg/zkbridge_light.js");
        const client = new m.BridgeClient({ deployment, rpc, timeoutMs, retries: 1, storage: null });
        try {
          const v = await client.verify(1);
          return { approved: v.approved, codes: v.stages.flatMap((s) => s.codes.map((f) => `${f.code}:${f.chainId}`)) };
        } catch (e) {
          return { error: e.code };
        } finally {
          client.close();
        }
      }, rules);
      const honest = await lie({ deployment, rpc: { 2: proxy.url }, timeoutMs: 5000 });
      assert.deepEqual(honest, { approved: true, codes: [] });
      const { chains } = await new mod.BridgeClient({ deployment }).verify(1);
      await proxy.setRules([{ method: "eth_call", action: "rewrite", find: chains[1].stateHash.slice(2), replace: "ab".repeat(32) }]);
      const split = await lie({ deployment, rpc: { 2: [deployment.chains[1].rpcUrl, proxy.url] }, timeoutMs: 5000 });
      assert.equal(split.approved, false);
      assert.ok(split.codes.includes("RPC_DISAGREEMENT:2"), split.codes.join());
      await proxy.setRules([{ method: "eth_call", action: "rewrite", find: chains[1].syncHash.slice(2), replace: "cd".repeat(32) }]);
      const sync = await lie({ deployment, rpc: { 2: proxy.url }, timeoutMs: 5000 });
      assert.equal(sync.approved, false);
      assert.ok(sync.codes.includes("SYNC_HASH_MISMATCH:2"), sync.codes.join());
      await proxy.setRules([{ method: "eth_blockNumber", action: "timeout" }]);
      assert.deepEqual(await lie({ deployment, rpc: { 2: proxy.url }, timeoutMs: 300 }), { error: "RPC_TIMEOUT" });
    } finally {
      await proxy.close();
    }
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    server.close();
  }
});

test("checkSent and simulate read the chain, not a wallet: a burn without allowance would revert; a sent burn is read back and compared", { timeout: 120_000 }, async () => {
  const client = new mod.BridgeClient({ deployment, storage: null });
  const a = deployment.chains[0];
  const usdx = deployment.tokens.find((t) => t.symbol === "USDX");
  const me = deployment.accounts[2].address;
  const txs = mod.buildBurn({ fromChainId: 1, toChainId: 2, bridge: a.bridge, token: usdx.addresses[1], decimals: usdx.decimals,
    amount: "1", to: me, from: me, chainId: "0x" + a.evmChainId.toString(16), allowance: "0", nonce: 77, withdrawFee: 0 });
  // Before signing: the approval would pass; the burn, with no allowance yet, would revert (WOULD_REVERT, before any prompt).
  assert.equal(await client.simulate(1, txs.approve), true);
  await assert.rejects(client.simulate(1, txs.burn), (e) => e.code === "WOULD_REVERT" && /revert/i.test(e.message));
  // A burn the devnet sends, read back: mined, with its op; compared with a transaction built otherwise: TX_MISMATCH.
  const hash = burn(1, 2, "2");
  let r;
  for (let i = 0; i < 50 && r?.status !== "mined"; i++) {
    const sent = await (await fetch(a.rpcUrl, { method: "POST", headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_getTransactionByHash", params: [hash] }) })).json();
    const tx = { from: sent.result.from, to: sent.result.to, data: sent.result.input };
    r = await client.checkSent(1, hash, tx);
    if (r.status === "mined") {
      assert.equal(r.op.l2Amount, "2000000000000000000");
      await assert.rejects(client.checkSent(1, hash, { ...tx, from: me }), (e) => e.code === "TX_MISMATCH" && /from is/.test(e.message));
      await assert.rejects(client.checkSent(1, hash, txs.burn), (e) => e.code === "TX_MISMATCH");
    } else await new Promise((res) => setTimeout(res, 200));
  }
  assert.equal(r.status, "mined");
  // A hash no endpoint knows: pending (never "mined" on a wallet's word).
  assert.equal((await client.checkSent(1, "0x" + "ab".repeat(32), txs.burn)).status, "pending");
  client.close();
});

test("examples/vite-app, built by Vite from the packed package, follows a devnet burn to its mint in its Worker", { timeout: 240_000 }, async () => {
  const { serve } = await import("../../scripts/serve.mjs");
  const { launch } = await import("./browser.mjs");
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "zkbl-vite-"));
  const { consumer } = installPackage(tmp);
  const { distUrl, remove } = buildViteApp(consumer, "client");
  const txHash = burn(1, 2, "1.75");
  // The deployment file at /devnet/deployment.json; the app and the chains (anvil answers CORS) from this origin's page.
  const server = await serve({ port: 0, roots: [distUrl.slice(1)], deployment: depPath });
  const browser = await launch();
  try {
    const page = await browser.ctx.newPage();
    const errors = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    const origin = `http://127.0.0.1:${server.address().port}`;
    await page.goto(`${origin}${distUrl}/index.html?deployment=/devnet/deployment.json&chainId=1&tx=${txHash}`);
    await page.waitForFunction(() => window.__tracked, null, { timeout: 200_000 });
    const t = await page.evaluate(() => window.__tracked);
    assert.deepEqual(t.stages.filter((s) => !["waiting", "reorg"].includes(s)),
      ["burned", "committed", "proven", "synchronized", "synchronized", "executed", "minted"]);
    assert.equal(t.approved, true);
    assert.deepEqual([t.runsIn, t.verifiedIn], ["worker", "worker"]);
    assert.equal(t.mint.amount, "1750000");
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    server.close();
    remove();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});
