// Against the EVM itself: Solidity written from docs/PROTOCOL.md (contracts/BlockLib.sol) must compute the same commitment,
// public input, stored-block hash, per-chain values and sync hash as the Rust core (eth_call on a local anvil); and a burn
// built by our calldata and driven by the wallet flow is executed for real by contracts/TokenBridge.sol.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { ContractFactory, Contract, JsonRpcProvider, getAddress, Interface } from "ethers";
import { loadPkg, readJson, root } from "./load.mjs";
import { compile, startAnvil, rpcProvider } from "./evm.mjs";

const mod = await loadPkg();
const { sendBurn } = await import(new URL("../../pkg/wallet.js", import.meta.url).href);
let anvil, provider, signer, C, lib, token, bridge;

before(async () => {
  C = compile();
  anvil = await startAnvil();
  provider = new JsonRpcProvider(anvil.url, undefined, { staticNetwork: true, polling: true, pollingInterval: 50 });
  signer = await provider.getSigner(0);
  const deploy = async (name, ...args) => {
    const c = await new ContractFactory(C[name].abi, C[name].bytecode, signer).deploy(...args);
    await c.waitForDeployment();
    return c;
  };
  lib = await deploy("BlockLib");
  token = await deploy("TestToken", "Test USD", "TUSD", 6);
  bridge = await deploy("TokenBridge", 1);
  await (await bridge.addToken(3, await token.getAddress(), 6)).wait();
  await (await token.mint(await signer.getAddress(), 10n ** 30n)).wait();
});
after(() => { provider?.destroy(); anvil?.stop(); });

const sol = (b) => ({ ...b, onchainOperations: b.onchainOperations.map((o) => ({ ethWitness: o.ethWitness, publicDataOffset: o.publicDataOffset })) });
const plain = (s) => ({ blockNumber: Number(s.blockNumber), priorityOperations: s.priorityOperations.toString(), pendingOnchainOperationsHash: s.pendingOnchainOperationsHash,
  timestamp: s.timestamp.toString(), stateHash: s.stateHash, commitment: s.commitment, syncHash: s.syncHash });

test("Solidity from the spec computes the same block values as the Rust core", async () => {
  const one = readJson("tests", "fixtures", "blocks", "verify-block.json");
  const many = readJson("tests", "fixtures", "blocks", "verify-blocks.json");
  const cases = [[one.prevBlock, one.block, one.chains]];
  const s2 = mod.storedBlockInfoFor(many.prevBlock, many.blocks[0].block, 1, many.chains);
  cases.push([s2, many.blocks[1].block, many.chains]);
  for (const [prev, block, chains] of cases) {
    assert.equal(await lib.commitment(prev, sol(block)), mod.blockCommitment(prev, block));
    assert.equal((await lib.publicInput(prev, sol(block))).toString(), mod.blockPublicInput(prev, block));
    assert.equal(await lib.storedBlockHash(prev), mod.storedBlockHash(prev));
    for (const c of chains) {
      const ours = mod.storedBlockInfoFor(prev, block, c, chains);
      const theirs = plain(await lib.storedBlockInfoFor(prev, sol(block), c, chains));
      assert.deepEqual(theirs, ours, `chain ${c}`);
      assert.equal(await lib.storedBlockHash(theirs), mod.storedBlockHash(ours));
    }
  }
  for (const r of one.reports) assert.equal(await lib.storedBlockHash(r.storedBlock), r.storedBlockHash);
  const hashes = one.chains.map((c, i) => "0x" + String(i + 1).repeat(64));
  const byChain = Object.fromEntries(one.chains.map((c, i) => [String(c), hashes[i]]));
  assert.equal(await lib.nextSyncHash(one.prevBlock.syncHash, one.reports[0].storedBlock.commitment, hashes),
    mod.nextSyncHash(one.prevBlock.syncHash, one.reports[0].storedBlock.commitment, byChain));
});

test("a burn sent for real through the wallet flow, read back from its receipt", async () => {
  const from = await signer.getAddress();
  const to = getAddress("0xd1220a0cf47c7b9be7a2e6ba89f429762e7b9adb");
  const params = { fromChainId: 1, bridge: await bridge.getAddress(), token: await token.getAddress(), decimals: 6, amount: "12.5",
    toChainId: 4, to, nonce: 7, withdrawFee: 10 };
  const chain = { chainId: "0x7a69", chainName: "anvil", nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 }, rpcUrls: [anvil.url] };
  const steps = [];
  const r = await sendBurn(rpcProvider(anvil.url), params, { chain, onStep: (s) => steps.push(s.step), pollMs: 50 });
  assert.equal(r.status, "sent");
  assert.deepEqual(steps, ["connect", "allowance", "approve", "approveReceipt", "burn", "burnReceipt"]);
  assert.equal(r.op.l2Amount, "12500000000000000000");
  assert.equal(r.op.owner, from);
  assert.equal(r.op.to, to);
  assert.equal(r.op.tokenId, 3);
  assert.equal(r.op.fromChainId, 1);
  assert.equal(r.op.serialId, "0");
  assert.equal(await token.balanceOf(params.bridge), 12_500_000n);
  assert.equal(await token.allowance(from, params.bridge), 0n, "the approval was exact");
  // Again: the allowance is now 0, so the flow approves again; set a large one first and it does not.
  await (await token.approve(params.bridge, 10n ** 20n)).wait();
  const steps2 = [];
  const r2 = await sendBurn(rpcProvider(anvil.url), { ...params, nonce: 8 }, { chain, onStep: (s) => steps2.push(s.step), pollMs: 50 });
  assert.equal(r2.approveTx, undefined);
  assert.ok(!steps2.includes("approve"));
  assert.equal(r2.op.serialId, "1");
});

test("the 2^104 − 1 cap: what we build at the cap executes, one unit more is refused by both", async () => {
  const iface = new Interface(C.TokenBridge.abi);
  const from = await signer.getAddress();
  const b = await bridge.getAddress(), t = await token.getAddress();
  await (await token.approve(b, 10n ** 30n)).wait();
  const max = ((1n << 104n) - 1n) / 10n ** 12n; // raw 6-decimal units whose 18-decimal value fits
  const amount = mod.formatAmount(max.toString(), 6);
  const tx = mod.buildBurn({ chainId: "0x7a69", fromChainId: 1, bridge: b, from, token: t, decimals: 6, amount, toChainId: 4, to: from, nonce: 1, withdrawFee: 0 });
  await provider.call({ from, to: tx.burn.to, data: tx.burn.data }); // does not revert
  const over = mod.formatAmount((max + 1n).toString(), 6);
  assert.throws(() => mod.buildBurn({ chainId: "0x7a69", fromChainId: 1, bridge: b, from, token: t, decimals: 6, amount: over, toChainId: 4, to: from, nonce: 1, withdrawFee: 0 }),
    (e) => e.code === "AMOUNT_TOO_LARGE");
  const data = iface.encodeFunctionData("mappingToken", [from, from, max + 1n, t, 4, 1, 0]);
  await assert.rejects(provider.call({ from, to: b, data }));
  // Same chain and fee rules agree too.
  const same = iface.encodeFunctionData("mappingToken", [from, from, 1, t, 1, 1, 0]);
  await assert.rejects(provider.call({ from, to: b, data: same }));
});
