// The fault proxy in front of a real anvil: it forwards untouched by default, and rewrites, delays, drops, errors and times
// out exactly the requests its rules name; its control API and its JSON-RPC side answer CORS preflights.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startAnvil } from "./evm.mjs";
import { startFaultProxy } from "../../devnet/fault-proxy/proxy.mjs";

let anvil, proxy;
before(async () => {
  anvil = await startAnvil({ chainId: 31002 });
  proxy = await startFaultProxy({ target: anvil.url });
});
after(async () => { await proxy?.close(); anvil?.stop(); });

const rpc = async (url, method, params = [], signal) => {
  const r = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, signal,
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }) });
  return r.json();
};

test("rewriteWord sets one 32-byte word of a hex result and leaves anything else alone", async () => {
  const { rewriteWord } = await import("../../devnet/fault-proxy/proxy.mjs");
  const two = JSON.stringify({ jsonrpc: "2.0", id: 1, result: "0x" + "00".repeat(32) + "11".repeat(32) });
  assert.equal(JSON.parse(rewriteWord(two, 1, "0x" + "ff".repeat(32))).result, "0x" + "00".repeat(32) + "ff".repeat(32));
  assert.equal(rewriteWord(two, 2, "0x" + "ff".repeat(32)), two); // past the end
  assert.equal(rewriteWord(two, 0, "0xzz"), two); // not a word
  const err = JSON.stringify({ jsonrpc: "2.0", id: 1, error: { code: 3 } });
  assert.equal(rewriteWord(err, 0, "0x01"), err);
});

test("forwards untouched, then applies each action to the requests it names", async () => {
  assert.equal((await rpc(proxy.url, "eth_chainId")).result, "0x791a");
  // rewrite one method's result; others untouched
  await proxy.setRules([{ method: "eth_chainId", action: "rewrite", find: "0x791a", replace: "0x1" }]);
  assert.equal((await rpc(proxy.url, "eth_chainId")).result, "0x1");
  assert.match((await rpc(proxy.url, "eth_blockNumber")).result, /^0x/);
  // a JSON-RPC error, limited to its first match
  await proxy.setRules([{ method: "eth_blockNumber", action: "error", code: -32005, message: "limit", times: 1 }]);
  assert.deepEqual((await rpc(proxy.url, "eth_blockNumber")).error, { code: -32005, message: "limit" });
  assert.match((await rpc(proxy.url, "eth_blockNumber")).result, /^0x/);
  // delay
  await proxy.setRules([{ method: "*", action: "delay", ms: 300 }]);
  const t = Date.now();
  await rpc(proxy.url, "eth_chainId");
  assert.ok(Date.now() - t >= 290);
  // drop: the connection closes without an answer
  await proxy.setRules([{ method: "eth_chainId", action: "drop" }]);
  await assert.rejects(rpc(proxy.url, "eth_chainId"));
  // timeout: no answer until the caller gives up
  await proxy.setRules([{ method: "eth_chainId", action: "timeout" }]);
  await assert.rejects(rpc(proxy.url, "eth_chainId", [], AbortSignal.timeout(300)), /abort|timeout/i);
  // word: one 32-byte word of a hex result, only for the request `match` names (eth_getStorageAt stands in for an eth_call)
  const acct = "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266";
  await proxy.setRules([{ method: "eth_getStorageAt", match: acct.slice(2, 10), action: "word", index: 0, value: "0x" + "ab".repeat(32) }]);
  assert.equal((await rpc(proxy.url, "eth_getStorageAt", [acct, "0x0", "latest"])).result, "0x" + "ab".repeat(32));
  assert.equal((await rpc(proxy.url, "eth_getStorageAt", ["0x" + "11".repeat(20), "0x0", "latest"])).result, "0x" + "00".repeat(32));
  await fetch(`${proxy.controlUrl}/reset`, { method: "POST" });
  assert.equal((await rpc(proxy.url, "eth_chainId")).result, "0x791a");
  assert.ok(proxy.log().length >= 1);
});

test("a JSON-RPC batch: each request through the rules on its own; anvil answers the rest; a dropped one drops the batch", async () => {
  const batch = async (calls) => {
    const r = await fetch(proxy.url, { method: "POST", headers: { "content-type": "application/json" },
      body: JSON.stringify(calls.map(([method, params], i) => ({ jsonrpc: "2.0", id: i + 1, method, params }))) });
    return r.json();
  };
  await proxy.setRules([{ method: "eth_chainId", action: "rewrite", find: "0x791a", replace: "0x1" },
    { method: "eth_gasPrice", action: "error", code: -32005, message: "limit" }]);
  const got = await batch([["eth_chainId", []], ["eth_blockNumber", []], ["eth_gasPrice", []]]);
  assert.deepEqual(got.map((a) => a.id), [1, 2, 3]);
  assert.equal(got[0].result, "0x1");
  assert.match(got[1].result, /^0x/);
  assert.deepEqual(got[2].error, { code: -32005, message: "limit" });
  // Negative twin: without rules the same batch is anvil's own answer; a dropped request drops the whole batch.
  await fetch(`${proxy.controlUrl}/reset`, { method: "POST" });
  assert.equal((await batch([["eth_chainId", []], ["eth_blockNumber", []]]))[0].result, "0x791a");
  await proxy.setRules([{ method: "eth_blockNumber", action: "drop" }]);
  await assert.rejects(batch([["eth_chainId", []], ["eth_blockNumber", []]]));
  await fetch(`${proxy.controlUrl}/reset`, { method: "POST" });
});

test("answers CORS preflights on both ports and refuses a non-local target", async () => {
  for (const url of [proxy.url, `${proxy.controlUrl}/rules`]) {
    const r = await fetch(url, { method: "OPTIONS", headers: { origin: "http://127.0.0.1:1", "access-control-request-method": "POST" } });
    assert.equal(r.status, 204);
    assert.equal(r.headers.get("access-control-allow-origin"), "*");
  }
  await assert.rejects(startFaultProxy({ target: "http://example.com" }), /127\.0\.0\.1/);
  const bad = await fetch(`${proxy.controlUrl}/rules`, { method: "POST", body: "{" });
  assert.equal(bad.status, 400);
});
