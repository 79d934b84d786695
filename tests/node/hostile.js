// Hostile and careless callers, shared by the node test and the Chromium test (served to the page as a module): each kind
// of call is made `n` times; afterwards a good proof must still verify and the wasm memory and tables must not have grown.
// Limits mirror src/json.rs: MAX_DEPTH 32, MAX_INPUT_UNITS 8 MiB, NODE_COST 16.
export const MAX_DEPTH = 32, MAX_UNITS = 8 << 20, NODE_COST = 16;

const nest = (n, leaf = 0) => { let x = leaf; for (let i = 0; i < n; i++) x = [x]; return x; };

export function kinds(mod, { vk, proof, pub }) {
  const overflow = () => { const f = (k) => f(k + 1) + 1; return f(0); };
  const big = "x".repeat(10 << 20);
  let shared = [1, 1];
  for (let i = 0; i < 26; i++) shared = [shared, shared];
  const throwingIter = [...pub]; throwingIter[Symbol.iterator] = () => { throw new Error("iterator"); };
  const endlessIter = [...pub]; endlessIter[Symbol.iterator] = function* () { for (;;) yield "1"; };
  const freed = new mod.Groth16Verifier(vk); freed.free();
  const deep = nest(100000);
  const cycle = { vk: {} }; cycle.vk.self = cycle;
  return {
    "throwing getter": [() => mod.verifyBlock({ get vk() { throw new Error("getter"); } }), "INVALID_INPUT"],
    "throwing Proxy get trap": [() => mod.verifyBlock(new Proxy({ vk: 1 }, { get() { throw new Error("trap"); } })), "INVALID_INPUT"],
    "throwing Proxy ownKeys trap": [() => mod.buildBurn(new Proxy({}, { ownKeys() { throw new Error("trap"); } })), "INVALID_INPUT"],
    "revoked Proxy": [() => { const p = Proxy.revocable({}, {}); p.revoke(); return mod.verifyGroth16(p.proxy, proof, pub); }, "INVALID_INPUT"],
    // Arrays are read by index: their iterators are never called (the missing vk is what the call reports).
    "throwing Symbol.iterator (not called)": [() => mod.verifyBlock({ reports: throwingIter }), "MISSING_FIELD"],
    "endless Symbol.iterator (not called)": [() => mod.verifyBlock({ reports: endlessIter }), "MISSING_FIELD"],
    "stack overflow in a getter": [() => mod.storedBlockHash({ get blockNumber() { return overflow(); } }), "INVALID_INPUT"],
    "freed Groth16Verifier": [() => freed.verify(proof, pub), "FREED"],
    "shared children, 2^26 nodes": [() => mod.verifyBlock({ vk: shared }), "TOO_LARGE"],
    "10 MB string referenced 450 times": [() => mod.verifyBlock({ vk: new Array(450).fill(big) }), "TOO_LARGE"],
    "nested 100000 deep": [() => mod.verifyBlocks({ vk: deep }), "TOO_DEEP"],
    "a cycle": [() => mod.verifyBlock(cycle), "TOO_DEEP"],
  };
}

/** Just inside and just outside each bound: [name, call, expected code or "not <code>"]. */
export function bounds(mod) {
  const hex = (n) => "0x" + "0".repeat(n);
  return [
    ["depth: MAX_DEPTH levels", () => mod.verifyBlock({ vk: nest(MAX_DEPTH - 1) }), "not TOO_DEEP"],
    ["depth: one more", () => mod.verifyBlock({ vk: nest(MAX_DEPTH) }), "TOO_DEEP"],
    ["size: a string of the bound", () => mod.decodePubdata(hex(MAX_UNITS - NODE_COST - 2)), "not TOO_LARGE"],
    ["size: one unit more", () => mod.decodePubdata(hex(MAX_UNITS - NODE_COST - 1)), "TOO_LARGE"],
    ["JSON text: nested to the bound", () => mod.verifyBlock(JSON.stringify({ vk: nest(MAX_DEPTH - 1) })), "not TOO_DEEP"],
    ["JSON text: one more", () => mod.verifyBlock(JSON.stringify({ vk: nest(MAX_DEPTH) })), "TOO_DEEP"],
    ["duplicate chain keys", () => mod.nextSyncHash(hex(64), hex(64), { 1: hex(64), "01": hex(64) }), "DUPLICATE_KEY"],
    ["distinct chain keys", () => mod.nextSyncHash(hex(64), hex(64), { 1: hex(64), 4: hex(64) }), "not DUPLICATE_KEY"],
    ["0x0x bytes", () => mod.decodePubdata("0x0x" + "00".repeat(23)), "INVALID_HEX"],
  ];
}

/** What one call gave: true/false, or the thrown Error's code. */
export function outcome(f) {
  try {
    const r = f();
    return typeof r === "boolean" ? r : "returned";
  } catch (e) {
    if (!(e instanceof Error)) return `threw a non-Error ${String(e)}`;
    return e.code ?? `uncoded ${e.constructor.name}: ${e.message}`;
  }
}

function sizes(exports) {
  const tables = Object.values(exports).filter((x) => x instanceof WebAssembly.Table).map((t) => t.length);
  return { memory: exports.memory.buffer.byteLength, tables };
}

/** Runs every kind `n` times after a warm-up; returns a report the tests assert on. */
export function run(mod, exports, fixture, n) {
  const report = { wrong: [], bounds: [], timesMs: {} };
  const all = kinds(mod, fixture);
  for (const [name, [f, want]] of Object.entries(all)) {
    for (let i = 0; i < 20; i++) outcome(f); // warm-up: first allocations may grow memory once
  }
  const before = sizes(exports);
  for (const [name, [f, want]] of Object.entries(all)) {
    const t = performance.now();
    for (let i = 0; i < n; i++) {
      const got = outcome(f);
      if (got !== want) { report.wrong.push(`${name}: call ${i} gave ${got}, wanted ${want}`); break; }
    }
    report.timesMs[name] = Math.round(performance.now() - t);
  }
  report.before = before;
  report.after = sizes(exports);
  for (const [name, f, want] of bounds(mod)) {
    const got = outcome(f);
    const ok = want.startsWith("not ") ? got !== want.slice(4) : got === want;
    report.bounds.push([name, got, ok]);
  }
  const v = new mod.Groth16Verifier(fixture.vk);
  report.stillVerifies = mod.verifyGroth16(fixture.vk, fixture.proof, fixture.pub) === true && v.verify(fixture.proof, fixture.pub) === true;
  // A verifier that threw can be freed, twice, and then throws FREED.
  report.threwThenFreed = outcome(() => v.verify("{", fixture.pub)) === "INVALID_JSON" && (v.free(), v.free(), outcome(() => v.verify(fixture.proof, fixture.pub)) === "FREED");
  return report;
}
