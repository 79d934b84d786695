// The package's module Worker entry: runs one light client's core (the wasm, initialized once per worker) off the page's
// main thread. `BridgeClient` starts it with `new Worker(new URL("./worker.js", import.meta.url), { type: "module" })`.
// Every RPC request and back-off wait is forwarded to the page, which owns the endpoints (URLs and EIP-1193 providers alike),
// so the worker needs no network access of its own.
//
// Messages (plain data, structured-cloned):
//   page → worker  { type: "open", id, setup, endpoints: [{ chainId, name }] }      (re)creates the client
//                  { type: "call", id, method, args }                               a BridgeClientCore method
//                  { type: "io", sid, ok, value | error }                            the answer to a forwarded request
//   worker → page  { type: "result", id, ok, value | error: { code, message } }
//                  { type: "io", sid, ep, op: "send" | "sleep", method?, params?, ms? }
import init, { BridgeClientCore } from "./zkbridge_light_core.js";

const ready = init();
const waiting = new Map();
let client;
let seq = 0;

function forward(ep, op, fields) {
  return new Promise((resolve, reject) => {
    const sid = ++seq;
    waiting.set(sid, { resolve, reject });
    self.postMessage({ type: "io", sid, ep, op, ...fields });
  });
}

async function handle(m) {
  await ready;
  switch (m.type) {
    case "open": {
      const endpoints = m.endpoints.map((e, ep) => ({
        chainId: e.chainId,
        name: e.name,
        send: (method, params) => forward(ep, "send", { method, params }),
        sleep: (ms) => forward(ep, "sleep", { ms }),
      }));
      const next = new BridgeClientCore(m.setup, endpoints);
      client?.free();
      client = next;
      return { range: Array.from(client.verifiedRange()) };
    }
    case "call": {
      if (!client) throw Object.assign(new Error("no client"), { code: "FREED" });
      const value = await client[m.method](...m.args);
      if (m.method === "verify" && value && typeof value === "object") value.verifiedIn = "worker";
      if (m.method === "trackStep" && value?.verdict) value.verdict.verifiedIn = "worker";
      return { value, range: Array.from(client.verifiedRange()) };
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
