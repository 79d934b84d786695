// The README's demo command starts the whole bridge and the page, prints what it promises, and Ctrl-C (SIGINT to its process
// group, as a terminal sends it) stops everything it started: no anvil, operator or page server is left.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn, execFileSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { root } from "./load.mjs";

const PORTS = { page: 18080, a: 18545, b: 18546, control: 18547 };
const alive = () => {
  try {
    return execFileSync("pgrep", ["-af", `anvil.*--port (${PORTS.a}|${PORTS.b})|zkbridge-devnet run|serve.mjs ${PORTS.page}`], { encoding: "utf8" }).trim();
  } catch { return ""; } // pgrep exits 1 when nothing matches
};
const rpc = async (port, method) => (await (await fetch(`http://127.0.0.1:${port}`, { method: "POST", headers: { "content-type": "application/json" },
  body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params: [] }) })).json()).result;

test("demo.sh starts chains, operator and page, and SIGINT stops them all", { timeout: 600_000 }, async () => {
  assert.equal(alive(), "", "something from an earlier run is still running");
  // The run writes its deployment where it is told (a temporary folder here): the tree's file is never touched.
  const treeFile = path.join(root, "devnet", "deployment.json");
  const hash = () => (fs.existsSync(treeFile) ? crypto.createHash("sha256").update(fs.readFileSync(treeFile)).digest("hex") : "absent");
  const before = hash();
  const dep = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "zkbl-demo-")), "deployment.json");
  const p = spawn("bash", ["scripts/demo.sh"], { cwd: root, detached: true, stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, PORT: String(PORTS.page), CHAIN_PORTS: `${PORTS.a},${PORTS.b}`, CONTROL_PORT: String(PORTS.control), DEPLOYMENT: dep } });
  let out = "";
  p.stdout.on("data", (d) => { out += d; });
  p.stderr.on("data", (d) => { out += d; });
  const exited = new Promise((resolve) => p.on("exit", resolve));
  try {
    const t0 = Date.now();
    while (!/running; Ctrl-C/.test(out) || !/page: http/.test(out)) {
      assert.ok(Date.now() - t0 < 540_000, `demo did not come up:\n${out}`);
      await new Promise((r) => setTimeout(r, 500));
    }
    // The URL is printed only once this run's deployment exists and the page serves it.
    assert.ok(fs.existsSync(dep), "the URL came before the deployment file");
    assert.doesNotMatch(out.slice(0, out.indexOf("page: http")), /http:\/\/127\.0\.0\.1:18080/);
    // A warm start: the package build and the Solidity compile are skipped (content hashes), and the breakdown is printed.
    assert.match(out, /package: unchanged \(inputs [0-9a-f]{12}\), build skipped/);
    assert.match(out, /contracts: unchanged \(inputs [0-9a-f]{12}\)/);
    const ready = out.match(/ready in (\d+) ms: (setup \d+ ms, package \d+ ms, contracts \d+ ms, devnet build \d+ ms, chains and page \d+ ms)/);
    assert.ok(ready, out);
    console.log(`demo warm start: ${ready[0]}`);
    // What it promises to print.
    assert.match(out, new RegExp(`page: http://127\\.0\\.0\\.1:${PORTS.page}/www/`));
    assert.match(out, new RegExp(`chain 1 \\(Chain A\\): http://127\\.0\\.0\\.1:${PORTS.a}`));
    assert.match(out, new RegExp(`chain 2 \\(Chain B\\): http://127\\.0\\.0\\.1:${PORTS.b}`));
    assert.match(out, /deployment: .*deployment\.json/);
    assert.match(out, /user 1 \(devnet only\) 0x70997970C51812dc3A010C7d01b50e0d17dc79C8 .*1000 USDX on 1/);
    assert.match(out, new RegExp(`operator: control on http://127\\.0\\.0\\.1:${PORTS.control}`));
    // And it serves them.
    assert.equal((await fetch(`http://127.0.0.1:${PORTS.page}/www/`)).status, 200);
    assert.deepEqual(await (await fetch(`http://127.0.0.1:${PORTS.page}/devnet/deployment.json`)).json(), JSON.parse(fs.readFileSync(dep, "utf8")));
    assert.equal(await rpc(PORTS.a, "eth_chainId"), "0x7919");
    assert.equal(await rpc(PORTS.b, "eth_chainId"), "0x791a");
    assert.deepEqual(await (await fetch(`http://127.0.0.1:${PORTS.control}/status`)).json(), { paused: false, held: false, lastBlock: 0 });
  } finally {
    process.kill(-p.pid, "SIGINT");
    await exited;
  }
  for (let i = 0; i < 20 && alive() !== ""; i++) await new Promise((r) => setTimeout(r, 250));
  assert.equal(alive(), "", `left running after SIGINT:\n${alive()}`);
  assert.equal(hash(), before, "devnet/deployment.json in the tree was changed");
});
