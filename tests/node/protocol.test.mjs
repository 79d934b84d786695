// Golden vectors of the block model checked against an independent implementation (ethers v6: AbiCoder, solidityPacked,
// keccak256, sha256), recomputed here in JS from the block data, never from our output.
import { test } from "node:test";
import assert from "node:assert/strict";
import { AbiCoder, Interface, concat, getBytes, hexlify, keccak256, sha256, solidityPacked, zeroPadBytes, getAddress, randomBytes } from "ethers";
import { loadPkg, readJson } from "./load.mjs";

const mod = await loadPkg();
const input = readJson("tests", "fixtures", "blocks", "verify-block.json");
const many = readJson("tests", "fixtures", "blocks", "verify-blocks.json");
const EMPTY = keccak256("0x");
const CHUNK = 23;
const SIZES = { 0: 23, 1: 69, 3: 115, 5: 69, 14: 92 };

// Independent reference implementation of docs/PROTOCOL.md.
function ref(prev, block, chains) {
  const data = getBytes(block.publicData);
  const offsets = new Uint8Array(data.length / CHUNK);
  for (const o of block.onchainOperations) offsets[o.publicDataOffset / CHUNK] = 1;
  const commitment = sha256(solidityPacked(["uint256", "uint256", "bytes32", "bytes32", "uint256", "bytes32", "bytes32"],
    [block.blockNumber, block.feeAccount, prev.stateHash, block.newStateHash, block.timestamp, sha256(data), sha256(offsets)]));
  const ops = [];
  for (let at = 0; at < data.length;) {
    const t = data[at], size = SIZES[t];
    if (t !== 0) ops.push({ t, bytes: data.slice(at, at + size), chain: data[at + 1], to: data[at + 2] });
    at += size;
  }
  const touches = (o, c) => o.chain === c || (o.t === 14 && o.to === c);
  const priority = (o, c) => (o.t === 1 || o.t === 5 || o.t === 14) && o.chain === c;
  const pending = (o, c) => ((o.t === 3 || o.t === 5) && o.chain === c) || (o.t === 14 && (o.chain === c || o.to === c));
  const fold = (pick) => ops.filter(pick).reduce((h, o) => keccak256(concat([h, o.bytes])), EMPTY);
  let sync = keccak256(concat([prev.syncHash, commitment]));
  for (const c of [...chains].sort((a, b) => a - b)) sync = keccak256(concat([sync, fold((o) => touches(o, c))]));
  const mask = (1n << 253n) - 1n;
  return {
    commitment, sync, publicInput: (BigInt(commitment) & mask).toString(),
    forChain: (c) => ({ priorityOperations: String(ops.filter((o) => priority(o, c)).length), pendingOnchainOperationsHash: fold((o) => pending(o, c)) }),
    opHash: (c) => fold((o) => touches(o, c)),
  };
}
const storedHash = (s) => keccak256(AbiCoder.defaultAbiCoder().encode(
  ["tuple(uint32,uint64,bytes32,uint256,bytes32,bytes32,bytes32)"],
  [[s.blockNumber, s.priorityOperations, s.pendingOnchainOperationsHash, s.timestamp, s.stateHash, s.commitment, s.syncHash]]));

test("commitment and public input equal ethers' sha256 over the packed 224 bytes", () => {
  const r = ref(input.prevBlock, input.block, input.chains);
  assert.equal(mod.blockCommitment(input.prevBlock, input.block), r.commitment);
  assert.equal(mod.blockPublicInput(input.prevBlock, input.block), r.publicInput);
  assert.ok(BigInt(r.publicInput) < 1n << 253n);
});

test("storedBlockHash equals keccak256(AbiCoder.encode(tuple)) for every report", () => {
  for (const rep of input.reports) {
    assert.equal(mod.storedBlockHash(rep.storedBlock), storedHash(rep.storedBlock));
    assert.equal(rep.storedBlockHash, storedHash(rep.storedBlock));
  }
  const p = input.prevBlock;
  assert.equal(mod.storedBlockHash(p), storedHash(p));
  const other = { ...p, priorityOperations: "1" };
  assert.notEqual(mod.storedBlockHash(other), storedHash(p));
});

test("storedBlockInfoFor and nextSyncHash equal the reference, per chain", () => {
  const r = ref(input.prevBlock, input.block, input.chains);
  for (const c of input.chains) {
    const s = mod.storedBlockInfoFor(input.prevBlock, input.block, c, input.chains);
    assert.equal(s.commitment, r.commitment);
    assert.equal(s.syncHash, r.sync);
    assert.equal(s.priorityOperations, r.forChain(c).priorityOperations);
    assert.equal(s.pendingOnchainOperationsHash, r.forChain(c).pendingOnchainOperationsHash);
    assert.equal(s.stateHash, input.block.newStateHash);
    assert.equal(s.blockNumber, input.block.blockNumber);
  }
  const byChain = Object.fromEntries(input.chains.map((c) => [String(c), r.opHash(c)]));
  assert.equal(mod.nextSyncHash(input.prevBlock.syncHash, r.commitment, byChain), r.sync);
  // Key order in the object does not matter; chain order (ascending) does.
  const reversed = Object.fromEntries(Object.entries(byChain).reverse());
  assert.equal(mod.nextSyncHash(input.prevBlock.syncHash, r.commitment, reversed), r.sync);
  // Second block of the two-block fixture.
  const b = many.blocks;
  const s2 = mod.storedBlockInfoFor(many.prevBlock, b[0].block, 1, many.chains);
  const r3 = ref(s2, b[1].block, many.chains);
  assert.equal(mod.storedBlockInfoFor(s2, b[1].block, 4, many.chains).syncHash, r3.sync);
});

test("encodeMappingOp equals ethers' solidityPacked, zero-padded to 92 bytes, for random ops", () => {
  for (let i = 0; i < 200; i++) {
    const rnd = (bytes) => BigInt(hexlify(randomBytes(bytes)));
    const op = { fromChainId: Number(rnd(1)), toChainId: Number(rnd(1)), owner: getAddress(hexlify(randomBytes(20))),
      to: hexlify(randomBytes(20)), tokenId: Number(rnd(2)), l2Amount: rnd(16).toString(), fee: rnd(16).toString(),
      nonce: Number(rnd(4)), withdrawFee: Number(rnd(2)) };
    const packed = solidityPacked(["uint8", "uint8", "uint8", "address", "address", "uint16", "uint128", "uint128", "uint32", "uint16"],
      [14, op.fromChainId, op.toChainId, op.owner, op.to, op.tokenId, op.l2Amount, op.fee, op.nonce, op.withdrawFee]);
    const want = hexlify(zeroPadBytes(packed, 92));
    assert.equal(mod.encodeMappingOp(op), want);
    const [d] = mod.decodePubdata(want);
    assert.deepEqual({ ...d }, { opType: "Mapping", offset: 0, ...op, to: getAddress(op.to) });
  }
});

test("verifyBlock approves the fixture and refuses a changed pubdata byte", () => {
  assert.equal(mod.verifyBlock(input).approved, true);
  const bad = structuredClone(input);
  const b = getBytes(bad.block.publicData); b[50] ^= 1; bad.block.publicData = hexlify(b);
  const v = mod.verifyBlock(bad);
  assert.equal(v.approved, false);
  const codes = v.stages.flatMap((s) => s.codes.map((c) => c.code));
  assert.ok(codes.includes("COMMITMENT_MISMATCH") && codes.includes("PROOF_INVALID"), codes.join());
  assert.deepEqual(v.stages.map((s) => s.stage), ["commit", "zkVerify", "consensus", "execute"]);
  assert.equal(mod.verifyBlocks(many).approved, true);
});

test("malformed input throws with a code", () => {
  assert.throws(() => mod.blockCommitment(input.prevBlock, { ...input.block, publicData: "0x123" }), (e) => e.code === "INVALID_HEX");
  assert.throws(() => mod.storedBlockHash({ ...input.prevBlock, timestamp: 5 }), (e) => e.code === "INVALID_NUMBER");
  assert.throws(() => mod.decodePubdata("0x" + "09" + "00".repeat(22)), (e) => e.code === "UNKNOWN_OP");
});

test("every object argument is accepted as JSON text too, with the same answer", () => {
  const t = JSON.stringify;
  assert.equal(mod.verifyBlock(t(input)).approved, true);
  assert.equal(mod.verifyBlocks(t(many)).approved, true);
  assert.equal(mod.storedBlockHash(t(input.prevBlock)), mod.storedBlockHash(input.prevBlock));
  assert.equal(mod.blockCommitment(t(input.prevBlock), t(input.block)), mod.blockCommitment(input.prevBlock, input.block));
  assert.deepEqual(mod.storedBlockInfoFor(t(input.prevBlock), t(input.block), 1, t(input.chains)),
    mod.storedBlockInfoFor(input.prevBlock, input.block, 1, input.chains));
  assert.equal(mod.encodeMappingOp(t(input.burn)), mod.encodeMappingOp(input.burn));
  // Negative twins: text that is not JSON, and JSON of another shape.
  assert.throws(() => mod.verifyBlock("{"), (e) => e.code === "INVALID_JSON");
  assert.throws(() => mod.storedBlockHash("[]"), (e) => e.code === "MISSING_FIELD");
});

test("eventTopics equal ethers' topic hashes from solc's ABI of IZkBridge", () => {
  const abi = readJson("contracts", "out", "IZkBridge.json").abi;
  const iface = new Interface(abi);
  const topics = mod.eventTopics();
  const names = ["MappingMinted", "MappingBurned", "NewPriorityRequest", "BlockCommitted", "BlockProven", "BlockSynchronized", "BlockExecuted"];
  assert.deepEqual(Object.keys(topics).sort(), [...names].sort());
  for (const n of names) assert.equal(topics[n], iface.getEvent(n).topicHash, n);
  // Twin: another signature is another topic.
  assert.notEqual(topics.BlockProven, iface.getEvent("BlockExecuted").topicHash);
});
