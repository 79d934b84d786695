// More than two chains: `zkbridge-devnet run --chains 3` deploys three connected chains; a burn from the first to the
// third is followed by the package's BridgeClient to its mint on the third, and the block is synchronized on all three.
// Twins: `--chains 7` and a port list of the wrong length are refused.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Interface, JsonRpcProvider } from "ethers";
import { loadPkg, root } from "./load.mjs";
import { startDevnet, devnetBin } from "./devnet.mjs";

const depPath = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "zkbl-chains3-")), "deployment.json");
let devnet, mod, deployment;

before(async () => {
  mod = await loadPkg();
  devnet = await startDevnet({ ports: { chains: [0, 0, 0], control: 0 }, depPath, intervalMs: 300 });
  deployment = devnet.deployment;
});
after(() => { devnet?.stop(); });

test("three chains: a burn from chain A to chain C is minted on C, the block synchronized on all three", { timeout: 180_000 }, async () => {
  assert.deepEqual(deployment.chains.map((c) => [c.chainId, c.name]), [[1, "Chain A"], [2, "Chain B"], [3, "Chain C"]]);
  assert.deepEqual(deployment.connectedChains, [1, 2, 3]);
  const user = deployment.accounts[1].address;
  const usdx = deployment.tokens.find((t) => t.symbol === "USDX");
  // The recipient's balance on chain C, read with ethers (not through the package).
  const erc20 = new Interface(["function balanceOf(address) view returns (uint256)"]);
  const balance = async () => {
    const p = new JsonRpcProvider(deployment.chains[2].rpcUrl, undefined, { staticNetwork: true });
    const r = await p.call({ to: usdx.addresses["3"], data: erc20.encodeFunctionData("balanceOf", [user]) });
    p.destroy();
    return erc20.decodeFunctionResult("balanceOf", r)[0];
  };
  const before = await balance();
  const out = execFileSync(devnetBin, ["burn", "1", "3", "USDX", "2.5", "--deployment", depPath], { cwd: root, encoding: "utf8" });
  const txHash = out.match(/burn sent: (0x[0-9a-f]{64})/)[1];
  const client = new mod.BridgeClient({ deployment, storage: null });
  const events = [];
  const { verdict, mint } = await client.track({ chainId: 1, txHash }, { onStage: (s) => events.push(s), pollMs: 300 });
  client.close();
  assert.equal(verdict.approved, true, JSON.stringify(verdict.stages));
  assert.equal(mint.amount, "2500000");
  assert.equal((await balance()) - before, 2_500_000n);
  // Synchronized on all three: one event per chain (each chain's stored root and sync hash agree), and each bridge's own
  // `totalBlocksSynchronized()`, read with ethers, reaches the block (the operator syncs the chains one after another, so
  // the counters are polled rather than taken from the verdict's reads, which may predate the last one).
  assert.deepEqual(events.filter((e) => e.stage === "synchronized").map((e) => e.chainId), [1, 2, 3]);
  assert.equal(verdict.chains.length, 3);
  assert.deepEqual(new Set(verdict.chains.map((c) => c.stateHash)).size, 1);
  const bridge = new Interface(["function totalBlocksSynchronized() view returns (uint32)"]);
  for (const c of deployment.chains) {
    const p = new JsonRpcProvider(c.rpcUrl, undefined, { staticNetwork: true });
    let synced = 0n;
    for (let i = 0; i < 120 && synced < BigInt(verdict.blockNumber); i++) {
      if (i > 0) await new Promise((r) => setTimeout(r, 250));
      const r = await p.call({ to: c.bridge, data: bridge.encodeFunctionData("totalBlocksSynchronized", []) });
      synced = bridge.decodeFunctionResult("totalBlocksSynchronized", r)[0];
    }
    p.destroy();
    assert.ok(synced >= BigInt(verdict.blockNumber), `${c.name} synchronized ${synced} < ${verdict.blockNumber}`);
  }
});

test("the chain count is 2 to 6, with one port each", () => {
  const run = (...a) => spawnSync(devnetBin, a, { cwd: root, encoding: "utf8" });
  const seven = run("up", "--chains", "7", "--deployment", depPath + ".7");
  assert.notEqual(seven.status, 0);
  assert.match(seven.stderr + seven.stdout, /--chains 7: between 2 and 6/);
  const short = run("up", "--chains", "3", "--ports", "0,0", "--deployment", depPath + ".short");
  assert.notEqual(short.status, 0);
  assert.match(short.stderr + short.stdout, /--ports has 2 entries for 3 chains/);
});
