// Test helpers for the EVM: compile contracts/ with solc-js (standard JSON), run a local anvil on 127.0.0.1, and a minimal
// EIP-1193 provider over its JSON-RPC (anvil's accounts are unlocked, so eth_sendTransaction works as with a wallet).
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import net from "node:net";
import { root } from "./load.mjs";

export { compile } from "../../contracts/build.mjs";

async function freePort() {
  return new Promise((resolve) => { const s = net.createServer(); s.listen(0, "127.0.0.1", () => { const p = s.address().port; s.close(() => resolve(p)); }); });
}

export async function startAnvil({ chainId = 31337 } = {}) {
  const port = await freePort();
  const bin = path.join(root, "node_modules", ".bin", "anvil");
  const proc = spawn(bin, ["--host", "127.0.0.1", "--port", String(port), "--chain-id", String(chainId), "--silent"], { stdio: "ignore" });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    try {
      const r = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] }) });
      if (r.ok) break;
    } catch { /* not up yet */ }
    await new Promise((res) => setTimeout(res, 100));
  }
  return { url, stop: () => proc.kill("SIGTERM") };
}

/** A minimal EIP-1193 provider over anvil's JSON-RPC. */
export function rpcProvider(url) {
  let id = 0;
  return {
    async request({ method, params = [] }) {
      const r = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ jsonrpc: "2.0", id: ++id, method, params }) });
      const j = await r.json();
      if (j.error) throw Object.assign(new Error(j.error.message), { code: j.error.code, data: j.error.data });
      return j.result;
    },
    on() { return this; },
    removeListener() { return this; },
  };
}
