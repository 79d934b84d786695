// Burn calldata against independent implementations: ethers' Interface.encodeFunctionData (mappingToken, approve,
// allowance), encodeEventLog (NewPriorityRequest), getAddress (EIP-55, with the ERC-55 test vectors), parseUnits/formatUnits.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Interface, getAddress, hexlify, randomBytes, parseUnits, formatUnits, solidityPacked, zeroPadBytes, AbiCoder } from "ethers";
import { loadPkg } from "./load.mjs";

const mod = await loadPkg();
const bridgeAbi = new Interface([
  "function mappingToken(address _zkLinkAddress, address _to, uint104 _amount, address _token, uint8 _toChainId, uint32 _nonce, uint16 _withdrawFee)",
  "event NewPriorityRequest(address sender, uint64 serialId, uint8 opType, bytes pubData, uint256 expirationBlock)",
]);
const erc20 = new Interface(["function approve(address spender, uint256 amount) returns (bool)", "function allowance(address owner, address spender) view returns (uint256)"]);
const rand = (n) => BigInt(hexlify(randomBytes(n)));
const addr = () => hexlify(randomBytes(20));
const MAX = (1n << 104n) - 1n;

function randomParams() {
  const decimals = Number(rand(1) % 19n);
  const scale = 10n ** BigInt(18 - decimals);
  const raw = 1n + (rand(16) % (MAX / scale));
  const fromChainId = 1 + Number(rand(1) % 31n);
  let toChainId = 1 + Number(rand(1) % 31n);
  if (toChainId === fromChainId) toChainId = (fromChainId % 31) + 1;
  const p = { chainId: "0x" + (1n + rand(4)).toString(16), fromChainId, bridge: addr(), from: getAddress(addr()), token: addr(), decimals,
    amount: formatUnits(raw, decimals).replace(/\.0$/, ""), toChainId, to: addr(), nonce: Number(rand(4)), withdrawFee: Number(rand(2) % 10000n),
    allowance: (rand(1) % 2n ? raw - 1n : raw).toString() };
  if (rand(1) % 2n) p.zkLinkAddress = addr();
  return { p, raw };
}

test("buildBurn's data equals ethers' encodeFunctionData for 300 random parameter sets", () => {
  for (let i = 0; i < 300; i++) {
    const { p, raw } = randomParams();
    const r = mod.buildBurn(p);
    const want = bridgeAbi.encodeFunctionData("mappingToken", [p.zkLinkAddress ?? p.from, p.to, raw, p.token, p.toChainId, p.nonce, p.withdrawFee]);
    assert.equal(r.burn.data, want, JSON.stringify(p));
    assert.equal(r.burn.to, getAddress(p.bridge));
    assert.equal(r.burn.from, getAddress(p.from));
    assert.equal(r.burn.value, "0x0");
    assert.equal(r.burn.chainId, "0x" + BigInt(p.chainId).toString(16));
    if (BigInt(p.allowance) < raw) {
      assert.equal(r.approve.data, erc20.encodeFunctionData("approve", [p.bridge, raw]));
      assert.equal(r.approve.to, getAddress(p.token));
    } else {
      assert.equal(r.approve, undefined);
    }
    assert.equal(mod.parseAmount(p.amount, p.decimals), raw.toString());
    assert.equal(parseUnits(p.amount, p.decimals), raw);
  }
});

test("allowanceCall and decodeAllowance equal ethers' encoding", () => {
  for (let i = 0; i < 50; i++) {
    const [t, o, s] = [addr(), addr(), addr()];
    const c = mod.allowanceCall(t, o, s);
    assert.equal(c.data, erc20.encodeFunctionData("allowance", [o, s]));
    assert.equal(c.to, getAddress(t));
    const v = rand(32);
    assert.equal(mod.decodeAllowance(AbiCoder.defaultAbiCoder().encode(["uint256"], [v])), v.toString());
  }
  // Well-formed hex of the wrong length: INVALID_LENGTH; malformed hex (a second 0x, an odd digit count): INVALID_HEX.
  assert.throws(() => mod.decodeAllowance("0x1234"), (e) => e.code === "INVALID_LENGTH");
  assert.throws(() => mod.decodeAllowance("0x0x" + "00".repeat(31)), (e) => e.code === "INVALID_HEX");
  assert.throws(() => mod.decodeAllowance("0x" + "0".repeat(63)), (e) => e.code === "INVALID_HEX");
});

test("checksumAddress equals ethers' getAddress, with the ERC-55 test vectors", () => {
  const vectors = ["0x52908400098527886E0F7030069857D2E4169EE7", "0x8617E340B3D01FA5F11F306F4090FD50E238070D",
    "0xde709f2102306220921060314715629080e2fb77", "0x27b1fdb04752bbc536007a920d24acb045561c26",
    "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
    "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB", "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb"];
  for (const v of vectors) assert.equal(mod.checksumAddress(v.toLowerCase()), getAddress(v.toLowerCase()));
  for (let i = 0; i < 200; i++) { const a = addr(); assert.equal(mod.checksumAddress(a), getAddress(a)); assert.equal(mod.checksumAddress(getAddress(a)), getAddress(a)); }
  const bad = "0x5AAeb6053F3E94C9b9A09f33669435E7Ef1BeAed";
  assert.throws(() => getAddress(bad));
  assert.throws(() => mod.checksumAddress(bad), (e) => e.code === "BAD_CHECKSUM");
});

test("parseAmount / formatAmount agree with ethers and never round", () => {
  assert.equal(mod.parseAmount("12.5", 6), "12500000");
  assert.equal(mod.formatAmount("12500000", 6), "12.5");
  assert.equal(mod.formatAmount(12500000n, 6), "12.5");
  assert.equal(mod.formatAmount("1", 18), "0.000000000000000001");
  for (let i = 0; i < 100; i++) {
    const d = Number(rand(1) % 19n), raw = rand(12);
    const f = mod.formatAmount(raw.toString(), d);
    assert.equal(f, formatUnits(raw, d).replace(/\.0$/, ""));
    assert.equal(mod.parseAmount(f, d), raw.toString());
  }
  for (const [a, code] of [["1.0000001", "TOO_MANY_DECIMALS"], ["-1", "INVALID_AMOUNT"], ["1e3", "INVALID_AMOUNT"], [" 1", "INVALID_AMOUNT"]]) {
    assert.throws(() => mod.parseAmount(a, 6), (e) => e.code === code, a);
  }
});

test("decodeBurnReceipt reads a NewPriorityRequest log built with ethers' encodeEventLog (83- and 92-byte pubData)", () => {
  const bridge = getAddress(addr());
  const op = { fromChainId: 1, toChainId: 4, owner: getAddress(addr()), to: getAddress(addr()), tokenId: 3, l2Amount: "12500000000000000000", fee: "0", nonce: 7, withdrawFee: 10 };
  const packed = solidityPacked(["uint8", "uint8", "uint8", "address", "address", "uint16", "uint128", "uint128", "uint32", "uint16"],
    [14, op.fromChainId, op.toChainId, op.owner, op.to, op.tokenId, op.l2Amount, op.fee, op.nonce, op.withdrawFee]);
  const txHash = hexlify(randomBytes(32));
  for (const pubData of [packed, hexlify(zeroPadBytes(packed, 92))]) {
    const ev = bridgeAbi.encodeEventLog("NewPriorityRequest", [op.owner, 42, 14, pubData, 99]);
    const other = bridgeAbi.encodeEventLog("NewPriorityRequest", [op.owner, 41, 1, "0x01", 99]); // a Deposit first
    const receipt = { status: "0x1", transactionHash: txHash, logs: [
      { address: getAddress(addr()), topics: ev.topics, data: ev.data }, // same event from another contract
      { address: bridge.toLowerCase(), topics: other.topics, data: other.data },
      { address: bridge.toLowerCase(), topics: ev.topics, data: ev.data },
    ] };
    const r = mod.decodeBurnReceipt(receipt, bridge);
    assert.deepEqual({ ...r }, { opType: "Mapping", ...op, serialId: "42", txHash });
    // It can be handed to verifyBlock as the burn (checked in protocol tests); negative twins:
    assert.throws(() => mod.decodeBurnReceipt({ ...receipt, status: "0x0" }, bridge), (e) => e.code === "NO_BURN_IN_RECEIPT");
    assert.throws(() => mod.decodeBurnReceipt({ ...receipt, logs: receipt.logs.slice(0, 2) }, bridge), (e) => e.code === "NO_BURN_IN_RECEIPT");
    assert.throws(() => mod.decodeBurnReceipt(receipt, getAddress(addr())), (e) => e.code === "NO_BURN_IN_RECEIPT");
  }
});

test("every buildBurn error code", () => {
  const base = { chainId: "0x1", fromChainId: 1, bridge: addr(), from: addr(), token: addr(), decimals: 6, amount: "12.5", toChainId: 2, to: addr(), nonce: 7, withdrawFee: 10 };
  const cases = [
    [{ to: "0x1234" }, "INVALID_ADDRESS"], [{ to: "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDB" }, "BAD_CHECKSUM"],
    [{ amount: "1.2.3" }, "INVALID_AMOUNT"], [{ amount: "0" }, "INVALID_AMOUNT"], [{ amount: 12.5 }, "INVALID_AMOUNT"],
    [{ amount: "20282409603651.670424", decimals: 6 }, "AMOUNT_TOO_LARGE"], [{ amount: "1.1234567" }, "TOO_MANY_DECIMALS"],
    [{ toChainId: 1 }, "SAME_CHAIN"], [{ withdrawFee: 10000 }, "INVALID_FEE"], [{ decimals: 19 }, "UNSUPPORTED_DECIMALS"],
    [{ allowance: 5 }, "INVALID_NUMBER"],
  ];
  for (const [patch, code] of cases) {
    assert.throws(() => mod.buildBurn({ ...base, ...patch }), (e) => e.code === code, JSON.stringify(patch));
  }
  assert.ok(mod.buildBurn({ ...base, allowance: 12500000n }));
  assert.equal(mod.buildBurn({ ...base, allowance: 12499999n }).approve.to, getAddress(base.token));
});
