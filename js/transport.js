// The endpoints a BridgeClient reads: a URL is fetched by the core itself (in Rust, in the Worker when the core runs
// there); an EIP-1193 provider lives on the page, so its answers are bounded and timed here.
import { coded } from "./errors.js";

/** The default bound of one JSON-RPC answer: 8 MiB. */
export const MAX_ANSWER_BYTES = 8 << 20;
/** An error text from an endpoint, cut to 300 characters. */
const cut = (m) => (m.length > 300 ? `${m.slice(0, 300)}…` : m);

/**
 * One endpoint as the core takes it. A URL is fetched by the core itself (in the Worker when it runs there), its answer
 * read as a stream and abandoned past `maxBytes`; an EIP-1193 provider lives on this page, so its answers are bounded and
 * timed here: `send(method, paramsJson) → Promise<resultJson>`.
 */
export function endpoint(chainId, target, timeoutMs, maxBytes = MAX_ANSWER_BYTES) {
  if (typeof target === "string") return { chainId, name: target, url: target, timeoutMs, maxBytes };
  if (target && typeof target.request === "function") {
    const send = async (method, params) => {
      let timer;
      const timeout = new Promise((_, reject) => { timer = setTimeout(() => reject({ kind: "timeout", message: `no answer in ${timeoutMs} ms` }), timeoutMs); });
      try {
        const result = await Promise.race([target.request({ method, params: JSON.parse(params) }), timeout]);
        const text = JSON.stringify(result ?? null);
        if (text.length > maxBytes) throw { kind: "too-large", message: `answer too large (${text.length} bytes, more than ${maxBytes})` };
        return text;
      } catch (e) {
        if (e && e.kind) throw e;
        throw typeof e?.code === "number" ? { kind: "rpc", code: e.code, message: cut(String(e.message)) } : { kind: "network", message: cut(String(e?.message ?? e)) };
      } finally {
        clearTimeout(timer);
      }
    };
    return { chainId, name: "provider", send };
  }
  throw coded("INVALID_INPUT", `rpc[${chainId}]: a URL string or an EIP-1193 provider is required`);
}
