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
  await fetch(`${proxy.controlUrl}/reset`, { method: "POST" });
  assert.equal((await rpc(proxy.url, "eth_chainId")).result, "0x791a");
  assert.ok(proxy.log().length >= 1);
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
