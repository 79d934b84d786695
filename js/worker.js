// The package's module Worker entry: runs one light client's core (the wasm, initialized once per worker) off the page's
// main thread. `BridgeClient` starts it with `new Worker(new URL("./worker.js", import.meta.url), { type: "module" })`.
// URL endpoints are fetched by the core, here, so their requests never travel worker → page → network → page → worker;
// an EIP-1193 provider lives on the page, so its requests are forwarded there.
//
// Messages (plain data, structured-cloned):
//   page → worker  { type: "open", id, setup, endpoints: [{ chainId, name, url, timeoutMs, maxBytes } | { chainId, name,
//                    provider: true }] }                                           (re)creates the client
//                  { type: "call", id, method, args }                               a BridgeClientCore method
//                  { type: "io", sid, ok, value | error }                            the answer to a forwarded request
//   worker → page  { type: "result", id, ok, value | error: { code, message } }   (each with `range` and `io`)
//                  { type: "io", sid, ep, method, params }                          a provider request
import init, { BridgeClientCore } from "./zkbridge_light_core.js";
import { loadBest } from "./wasm.js";

// The wide-arithmetic build where this engine runs it, as the page's init() chooses.
const ready = loadBest(init);
const waiting = new Map();
let client;
let seq = 0;
// `[requests, ms]` of the clients this worker has replaced, so the page's counters only grow.
let base = [0, 0];
const io = () => {
  const [r, ms] = client.io();
  return [base[0] + r, base[1] + ms];
};

function forward(ep, method, params) {
  return new Promise((resolve, reject) => {
    const sid = ++seq;
    waiting.set(sid, { resolve, reject });
    self.postMessage({ type: "io", sid, ep, method, params });
  });
}

async function handle(m) {
  await ready;
  switch (m.type) {
    case "open": {
      const endpoints = m.endpoints.map((e, ep) =>
        e.provider ? { chainId: e.chainId, name: e.name, send: (method, params) => forward(ep, method, params) } : e);
      const next = new BridgeClientCore(m.setup, endpoints);
      if (client) base = io();
      client?.free();
      client = next;
      return { range: Array.from(client.verifiedRange()), io: io() };
    }
    case "call": {
      if (!client) throw Object.assign(new Error("no client"), { code: "FREED" });
      const value = await client[m.method](...m.args);
      if (m.method === "verify" && value && typeof value === "object") value.verifiedIn = "worker";
      if (m.method === "trackStep" && value?.verdict) value.verdict.verifiedIn = "worker";
      return { value, range: Array.from(client.verifiedRange()), io: io() };
    }
    default:
      throw Object.assign(new Error(`unknown message ${m.type}`), { code: "INVALID_INPUT" });
  }
}

self.onmessage = ({ data: m }) => {
  if (m.type === "io") {
    const w = waiting.get(m.sid);
    waiting.delete(m.sid);
    if (m.ok) w?.resolve(m.value);
    else w?.reject(m.error);
    return;
  }
  handle(m).then(
    (value) => self.postMessage({ type: "result", id: m.id, ok: true, value }),
    (e) => self.postMessage({ type: "result", id: m.id, ok: false, error: { code: e?.code, message: String(e?.message ?? e) } }),
  );
};
