// A JSON-RPC fault proxy in front of one chain, for tests of the light client: it forwards requests to `target` and applies
// the rules a test sets over its control API. Every response (proxied and control) answers CORS preflights, so Chromium tests
// can use it. Only 127.0.0.1 is ever contacted.
//
//   const p = await startFaultProxy({ target: "http://127.0.0.1:8546" });   // p.url, p.controlUrl, p.close()
//   POST {controlUrl}/rules  [{ method, match?, action, ... }]   replaces the rules; GET /rules; POST /reset; GET /log
//
// A rule applies to requests whose JSON-RPC `method` equals `method` (or "*") and, with `match`, whose JSON text contains
// `match` (e.g. a selector or a topic); each request of a JSON-RPC batch on its own. Actions:
//   { action: "rewrite", find, replace }   replace every occurrence of the string `find` in the result's JSON text
//   { action: "word", index, value }       set the 32-byte word `index` of a hex result (an eth_call answer) to `value`:
//                                          e.g. word 4 of storedBlockInfo(n) is its stored root, word 6 its sync hash
//   { action: "delay", ms }                answer after `ms`
//   { action: "drop" }                     close the connection without an answer
//   { action: "error", code, message }     answer a JSON-RPC error
//   { action: "timeout" }                  never answer (until the proxy closes)
//   { action: "oversize", bytes, chunked? } answer a well-formed result of `bytes` hex digits (streamed in 1 MiB chunks,
//                                          without a content-length when `chunked`)
// `times: n` limits a rule to its first n matches.
import http from "node:http";

const CORS = { "access-control-allow-origin": "*", "access-control-allow-methods": "GET, POST, OPTIONS",
  "access-control-allow-headers": "content-type", "access-control-max-age": "600" };

function body(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function listen(server) {
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(`http://127.0.0.1:${server.address().port}`)));
}

/** The JSON-RPC answer `text` with 32-byte word `index` of its hex `result` set to `value` (0x + 64 hex digits). */
export function rewriteWord(text, index, value) {
  const j = JSON.parse(text);
  const word = String(value).replace(/^0x/, "").padStart(64, "0");
  if (typeof j.result !== "string" || !/^[0-9a-f]{64}$/i.test(word)) return text;
  const at = 2 + 64 * index;
  if (j.result.length < at + 64) return text;
  j.result = j.result.slice(0, at) + word + j.result.slice(at + 64);
  return JSON.stringify(j);
}

export async function startFaultProxy({ target }) {
  if (!/^http:\/\/127\.0\.0\.1:\d+\/?$/.test(target)) throw new Error(`target must be http://127.0.0.1:<port>, got ${target}`);
  let rules = [];
  const log = [];
  const hanging = new Set();
  const pick = (method, text) => {
    for (const r of rules) {
      if ((r.method === "*" || r.method === method) && (!r.match || text.includes(r.match)) && (r.times === undefined || r.times > 0)) {
        if (r.times !== undefined) r.times--;
        return r;
      }
    }
    return null;
  };
  /**
   * One JSON-RPC request through the rules: `{ drop }`, `{ hang }`, `{ oversize: rule, id }` (the whole response is then
   * that), or `{ text }`, its answer.
   */
  const one = async (call, text) => {
    const rule = pick(call?.method, text);
    log.push({ method: call?.method, action: rule?.action ?? "forward" });
    if (rule?.action === "drop") return { drop: true };
    if (rule?.action === "timeout") return { hang: true };
    if (rule?.action === "error") {
      return { text: JSON.stringify({ jsonrpc: "2.0", id: call.id, error: { code: rule.code ?? -32000, message: rule.message ?? "injected error" } }) };
    }
    if (rule?.action === "oversize") return { oversize: rule, id: call.id };
    if (rule?.action === "delay") await new Promise((r) => setTimeout(r, rule.ms));
    let answer;
    try {
      const r = await fetch(target, { method: "POST", headers: { "content-type": "application/json" }, body: text });
      answer = await r.text();
    } catch (e) {
      return { drop: true };
    }
    if (rule?.action === "rewrite") answer = answer.split(rule.find).join(rule.replace);
    if (rule?.action === "word") answer = rewriteWord(answer, rule.index, rule.value);
    return { text: answer };
  };
  const proxy = http.createServer(async (req, res) => {
    if (req.method === "OPTIONS") { res.writeHead(204, CORS); return res.end(); }
    const text = await body(req);
    let call;
    try { call = JSON.parse(text); } catch { res.writeHead(400, CORS); return res.end("not JSON"); }
    // A JSON-RPC batch: each request through the rules on its own (forwarded alone); one dropped, hanging or oversized
    // request makes the whole response so.
    const outs = Array.isArray(call) ? await Promise.all(call.map((c) => one(c, JSON.stringify(c)))) : [await one(call, text)];
    if (outs.some((o) => o.drop)) return req.socket.destroy();
    if (outs.some((o) => o.hang)) { hanging.add(res); return; }
    const big = outs.find((o) => o.oversize);
    if (big) {
      const rule = big.oversize;
      const head = `{"jsonrpc":"2.0","id":${JSON.stringify(big.id)},"result":"0x`;
      const total = head.length + rule.bytes + 2;
      res.writeHead(200, { ...CORS, "content-type": "application/json", ...(rule.chunked ? {} : { "content-length": total }) });
      res.write(head);
      const chunk = "0".repeat(1 << 20);
      for (let left = rule.bytes; left > 0; left -= chunk.length) {
        if (!res.write(left >= chunk.length ? chunk : chunk.slice(0, left))) await new Promise((r) => res.once("drain", r));
        if (res.destroyed) return;
      }
      return res.end('"}');
    }
    res.writeHead(200, { ...CORS, "content-type": "application/json" });
    res.end(Array.isArray(call) ? `[${outs.map((o) => o.text).join(",")}]` : outs[0].text);
  });
  const control = http.createServer(async (req, res) => {
    const send = (code, v) => { res.writeHead(code, { ...CORS, "content-type": "application/json" }); res.end(JSON.stringify(v)); };
    if (req.method === "OPTIONS") { res.writeHead(204, CORS); return res.end(); }
    const path = new URL(req.url, "http://x").pathname;
    if (req.method === "POST" && path === "/rules") {
      try { rules = JSON.parse(await body(req)); } catch { return send(400, { error: "rules must be a JSON array" }); }
      if (!Array.isArray(rules)) { rules = []; return send(400, { error: "rules must be a JSON array" }); }
      return send(200, rules);
    }
    if (req.method === "GET" && path === "/rules") return send(200, rules);
    if (req.method === "POST" && path === "/reset") { rules = []; log.length = 0; return send(200, {}); }
    if (req.method === "GET" && path === "/log") return send(200, log);
    return send(404, { error: "POST /rules, GET /rules, POST /reset, GET /log" });
  });
  const url = await listen(proxy);
  const controlUrl = await listen(control);
  const setRules = async (r) => (await fetch(`${controlUrl}/rules`, { method: "POST", body: JSON.stringify(r) })).json();
  const close = async () => {
    for (const res of hanging) res.socket?.destroy();
    proxy.closeAllConnections?.();
    control.closeAllConnections?.();
    await Promise.all([new Promise((r) => proxy.close(r)), new Promise((r) => control.close(r))]);
  };
  return { url, controlUrl, setRules, log: () => log, close };
}
