// The wallet flow (pkg/wallet.js) in headless Chromium with a scripted EIP-1193 provider: happy path, 4001 on approve and on
// burn (the approval stands and is returned), 4902 → add chain, chain or account changed mid-flow, allowance already
// sufficient, transient receipt errors retried (and past the retries, an error carrying step, approveTx and burnTx), other
// errors keep their code, and EIP-6963 discovery through mipd's store (late wallets too).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { Interface, solidityPacked, getAddress } from "ethers";
import { serve } from "../../scripts/serve.mjs";
import { launch } from "./browser.mjs";

const BRIDGE = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed";
const FROM = "0xfb6916095ca1df60bb79ce92ce3ea74c37c5d359";
const params = { fromChainId: 1, bridge: BRIDGE, token: "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB", decimals: 6, amount: "12.5",
  toChainId: 4, to: "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb", nonce: 7, withdrawFee: 10 };
const chain = { chainId: "0x7a69", chainName: "devnet A", nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 }, rpcUrls: ["http://127.0.0.1:8545"] };
const iface = new Interface(["event NewPriorityRequest(address sender, uint64 serialId, uint8 opType, bytes pubData, uint256 expirationBlock)"]);
const pubData = solidityPacked(["uint8", "uint8", "uint8", "address", "address", "uint16", "uint128", "uint128", "uint32", "uint16"],
  [14, 1, 4, FROM, params.to, 3, 12_500_000_000_000_000_000n, 0, 7, 10]);
const ev = iface.encodeEventLog("NewPriorityRequest", [FROM, 5, 14, pubData, 1000]);
const burnLogs = [{ address: BRIDGE.toLowerCase(), topics: ev.topics, data: ev.data, removed: false }];

let server, browser, page;
before(async () => {
  server = await serve(0);
  const origin = `http://127.0.0.1:${server.address().port}`;
  browser = await launch();
  page = await browser.ctx.newPage();
  await page.goto(`${origin}/www/?deployment=/target/no-deployment.json`);
  await page.evaluate(async () => {
    const m = await import("/pkg/zkbridge_light.js");
    await m.default();
    window.wallet = await import("/pkg/wallet.js");
    window.fake = await import("/tests/node/fake-provider.js");
  });
});
after(async () => { await browser?.close(); server?.close(); });

async function run(script) {
  return page.evaluate(async ({ script, params, chain }) => {
    const provider = window.fake.makeProvider(script);
    const steps = [];
    const txs = [];
    let result, error;
    try {
      result = await window.wallet.sendBurn(provider, params, { chain, onStep: (s) => steps.push(s.step), onTx: (t) => txs.push(t.step), pollMs: 1, retries: 4, readTimeoutMs: 300 });
    } catch (e) {
      error = { code: e.code, walletCode: e.walletCode, message: e.message, step: e.step, approveTx: e.approveTx, burnTx: e.burnTx, returned: e.returned };
    }
    return { result, error, steps, txs, methods: provider.calls.map((c) => c.method), sent: provider.calls.filter((c) => c.method === "eth_sendTransaction").map((c) => c.params[0]) };
  }, { script: { accounts: [FROM], chainId: "0x7a69", knownChains: ["0x1", "0x7a69"], allowance: "0", burnLogs, ...script }, params, chain });
}

test("happy path: approve (exact amount), burn, decoded op", async () => {
  const r = await run({});
  assert.equal(r.error, undefined, JSON.stringify(r.error));
  assert.equal(r.result.status, "sent");
  assert.deepEqual(r.steps, ["connect", "allowance", "approve", "approveReceipt", "burn", "burnReceipt"]);
  assert.equal(r.sent.length, 2);
  assert.match(r.sent[0].data, /^0x095ea7b3/);
  assert.equal(BigInt("0x" + r.sent[0].data.slice(-64)), 12_500_000n);
  assert.match(r.sent[1].data, /^0x9d3c03a5/);
  assert.equal(r.sent[1].from, getAddress(FROM));
  assert.equal(r.sent[1].chainId, "0x7a69");
  assert.equal(r.result.op.l2Amount, "12500000000000000000");
  assert.equal(r.result.op.serialId, "5");
  assert.equal(r.result.burnTx, r.result.op.txHash);
  assert.ok(r.result.approveTx);
});

test("a wallet whose removeListener throws: the sent burn is still returned, with its hashes", async () => {
  const r = await run({ throwingRemove: true });
  assert.equal(r.error, undefined, JSON.stringify(r.error));
  assert.equal(r.result.status, "sent");
  assert.equal(r.result.burnTx, r.result.op.txHash);
});

test("allowance already sufficient: no approve is sent", async () => {
  const r = await run({ allowance: "12500000" });
  assert.equal(r.result.status, "sent");
  assert.equal(r.sent.length, 1);
  assert.match(r.sent[0].data, /^0x9d3c03a5/);
  assert.ok(!r.steps.includes("approve"));
  assert.equal(r.result.approveTx, undefined);
});

test("4001 on approve: cancelled, nothing further sent", async () => {
  const r = await run({ rejectAt: "approve" });
  assert.deepEqual(r.result, { status: "cancelled", step: "approve" });
  assert.equal(r.sent.length, 1);
  assert.ok(!r.methods.includes("eth_getTransactionReceipt"));
});

test("4001 on burn: cancelled after the approve was mined, which is returned (the allowance stands)", async () => {
  const r = await run({ rejectAt: "burn" });
  assert.deepEqual(r.result, { status: "cancelled", step: "burn", approveTx: "0x" + "1".padStart(64, "0") });
  assert.equal(r.sent.length, 2);
});

test("transient receipt errors are retried; past the retries the error carries step, approveTx and burnTx", async () => {
  const r = await run({ receiptErrors: 3 });
  assert.equal(r.error, undefined, JSON.stringify(r.error));
  assert.equal(r.result.status, "sent");
  assert.equal(r.methods.filter((m) => m === "eth_getTransactionReceipt").length, 3 + 2);
  const bad = await run({ receiptErrors: 100 });
  assert.deepEqual([bad.error.code, bad.error.walletCode], ["WALLET_ERROR", -32603]);
  assert.equal(bad.error.step, "approveReceipt");
  assert.equal(bad.error.approveTx, "0x" + "1".padStart(64, "0"));
  assert.equal(bad.error.burnTx, undefined);
  const late = await run({ receiptErrorsAt: "burn" });
  assert.equal(late.error.step, "burnReceipt");
  assert.equal(late.error.approveTx, "0x" + "1".padStart(64, "0"));
  assert.equal(late.error.burnTx, "0x" + "2".padStart(64, "0"));
  assert.deepEqual(late.txs, ["approve", "burn"]);
});

test("a sped-up burn is followed by its nonce; a cancelled one (same nonce, another call) throws TX_REPLACED with the hashes", async () => {
  const r = await run({ replaceBurn: "speedup" });
  assert.equal(r.error, undefined, JSON.stringify(r.error));
  assert.equal(r.result.burnTx, "0x" + "e".repeat(64));
  assert.deepEqual(r.result.replaced, [{ step: "burnReceipt", hash: "0x" + "2".padStart(64, "0"), by: "0x" + "e".repeat(64) }]);
  assert.deepEqual(r.txs, ["approve", "burn", "burnReceipt"]);
  const c = await run({ replaceBurn: "cancel" });
  assert.equal(c.error.code, "TX_REPLACED");
  assert.equal(c.error.step, "burnReceipt");
  assert.equal(c.error.burnTx, "0x" + "2".padStart(64, "0"));
  assert.equal(c.error.approveTx, "0x" + "1".padStart(64, "0"));
});

test("4001 on connect and on switch: cancelled at that step", async () => {
  assert.deepEqual((await run({ rejectAt: "connect" })).result, { status: "cancelled", step: "connect" });
  const r = await run({ rejectAt: "switchChain", chainId: "0x1" });
  assert.deepEqual(r.result, { status: "cancelled", step: "switchChain" });
  assert.equal(r.sent.length, 0);
});

test("4902 (nested in data.originalError) → wallet_addEthereumChain → on the right chain", async () => {
  const r = await run({ chainId: "0x1", knownChains: ["0x1"], nested4902: true });
  assert.equal(r.error, undefined, JSON.stringify(r.error));
  assert.equal(r.result.status, "sent");
  assert.deepEqual(r.steps.slice(0, 3), ["connect", "switchChain", "addChain"]);
  const add = r.methods.indexOf("wallet_addEthereumChain");
  assert.ok(add > 0 && r.methods[add + 1] === "eth_chainId", "eth_chainId is read again after adding");
  assert.ok(r.sent.every((t) => t.chainId === "0x7a69"));
});

test("4902 at top level, plain switch, then success", async () => {
  const r1 = await run({ chainId: "0x1", knownChains: ["0x1"] });
  assert.equal(r1.result.status, "sent");
  const r2 = await run({ chainId: "0x1" });
  assert.deepEqual(r2.steps.slice(0, 3), ["connect", "switchChain", "allowance"]);
});

test("chain changed mid-flow: WALLET_CHANGED before the burn is sent", async () => {
  const r = await run({ chainChangeAfter: "approve" });
  assert.equal(r.error.code, "WALLET_CHANGED");
  assert.equal(r.sent.length, 1);
});

test("account changed mid-flow: WALLET_CHANGED before the burn is sent", async () => {
  const r = await run({ accountsChangeAfter: "approve" });
  assert.equal(r.error.code, "WALLET_CHANGED");
  assert.equal(r.sent.length, 1);
});

test("other errors reject as WALLET_ERROR with the wallet's code as walletCode; reverted transactions with TX_REVERTED", async () => {
  const e = (await run({ errorAt: "burn" })).error;
  assert.deepEqual([e.code, e.walletCode, e.step, e.approveTx], ["WALLET_ERROR", -32000, "burn", "0x" + "1".padStart(64, "0")]);
  // A frozen wallet error is copied, never mutated: the step and the approval sent so far are still on the error.
  const f = (await run({ errorAt: "burn", frozenErrors: true })).error;
  assert.deepEqual([f.code, f.walletCode, f.step, f.approveTx], ["WALLET_ERROR", -32000, "burn", "0x" + "1".padStart(64, "0")]);
  assert.equal((await run({ revertAt: "approve" })).error.code, "TX_REVERTED");
  const r = await run({ burnLogs: [] });
  assert.equal(r.error.code, "NO_BURN_IN_RECEIPT");
});

test("a receipt status is a quantity: 1 (a number) is success, 0 reverted", async () => {
  const r = await run({ numericStatus: true });
  assert.equal(r.error, undefined, JSON.stringify(r.error));
  assert.equal(r.result.status, "sent");
  assert.equal((await run({ numericStatus: true, revertAt: "burn" })).error.code, "TX_REVERTED");
});

test("a wallet that returns { hash } instead of the hash: INVALID_HASH, with what it returned and the approval kept", async () => {
  const r = await run({ hashAsObject: "burn" });
  assert.equal(r.error.code, "INVALID_HASH");
  assert.equal(r.error.step, "burn");
  assert.equal(r.error.approveTx, "0x" + "1".padStart(64, "0"));
  assert.match(r.error.returned, /"hash":"0x0+2"/);
  // Negative twin: the same wallet returning the hash itself sends and mines the burn.
  assert.equal((await run({})).result.status, "sent");
});

test("a wallet that never answers eth_chainId: WALLET_TIMEOUT within readTimeoutMs, nothing sent", async () => {
  const r = await run({ silentChainId: true });
  assert.equal(r.error.code, "WALLET_TIMEOUT");
  assert.equal(r.sent.length, 0);
});

test("one flow per wallet: a second sendBurn while one runs throws BUSY; exactly one approval and one burn are sent", async () => {
  const r = await page.evaluate(async ({ params, chain, FROM, burnLogs }) => {
    const p = window.fake.makeProvider({ accounts: [FROM], chainId: "0x7a69", knownChains: ["0x7a69"], allowance: "0", burnLogs, sendDelayMs: 50 });
    const opts = { chain, pollMs: 1 };
    const first = window.wallet.sendBurn(p, params, opts);
    const second = await window.wallet.sendBurn(p, params, opts).then(() => "sent", (e) => e.code);
    const done = await first;
    // After the first ends, the wallet is free again.
    const third = await window.wallet.sendBurn(p, params, opts).then((x) => x.status, (e) => e.code);
    return { second, first: done.status, third, sent: p.calls.filter((c) => c.method === "eth_sendTransaction").length };
  }, { params, chain, FROM, burnLogs });
  assert.deepEqual(r, { second: "BUSY", first: "sent", third: "sent", sent: 4 });
});

test("invalid parameters throw the core's code before anything is sent", async () => {
  const r = await page.evaluate(async ({ params, chain, FROM }) => {
    const p = window.fake.makeProvider({ accounts: [FROM], chainId: "0x7a69", knownChains: ["0x7a69"], allowance: "0", burnLogs: [] });
    try { await window.wallet.sendBurn(p, { ...params, amount: "12.5000001" }, { chain }); } catch (e) {
      return { code: e.code, sent: p.calls.filter((c) => c.method === "eth_sendTransaction").length };
    }
  }, { params, chain, FROM });
  assert.deepEqual(r, { code: "TOO_MANY_DECIMALS", sent: 0 });
});

test("EIP-6963 discovery: listener before request, dedupe by uuid, window.ethereum fallback", async () => {
  const r = await page.evaluate(async () => {
    const announce = (uuid, name) => window.addEventListener("eip6963:requestProvider", () =>
      window.dispatchEvent(new CustomEvent("eip6963:announceProvider", { detail: Object.freeze({ info: { uuid, name, icon: "data:image/svg+xml,<svg/>", rdns: "x" }, provider: { request() {} } }) })));
    window.wallet.walletStore(); // the store exists before these wallets listen: discovery must ask again
    const t = new EventTarget();
    const none = await window.wallet.discoverWallets({ target: Object.assign(t, { ethereum: { request() {} } }), timeoutMs: 10 });
    announce("a", "A"); announce("a", "A again"); announce("b", "B");
    const found = await window.wallet.discoverWallets({ timeoutMs: 20 });
    // A wallet announcing late (unasked, after discovery ended) reaches the store's subscribers and the next discovery.
    const seen = [];
    const stop = window.wallet.walletStore().subscribe((all) => seen.push(all.map((d) => d.info.name).join()));
    window.dispatchEvent(new CustomEvent("eip6963:announceProvider", { detail: Object.freeze({ info: { uuid: "c", name: "Late", icon: "", rdns: "late" }, provider: { request() {} } }) }));
    stop();
    const later = await window.wallet.discoverWallets({ timeoutMs: 0 });
    return { fallback: none.map((w) => w.info.uuid), found: found.map((w) => w.info.name), seen, later: later.map((w) => w.info.name) };
  });
  assert.deepEqual(r.fallback, ["window.ethereum"]);
  assert.deepEqual(r.found, ["A", "B"]);
  assert.deepEqual(r.seen, ["A,B,Late"]);
  assert.deepEqual(r.later, ["A", "B", "Late"]);
});
