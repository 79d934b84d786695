// The fuzz targets' inputs (fuzz/targets.rs: seeds, committed findings and seeded mutations, written by `cargo test --test
// fuzz -- --ignored write_seeds`) through the package's JS API, served to a Chromium page as a module. Each input goes to
// the public call that reads the same bytes; every call either returns or throws a coded BridgeError, and after every
// thrown error a good proof must still verify (a wasm panic would poison the module and fail that check).

const hex = (b) => "0x" + Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
const text = (b) => new TextDecoder().decode(b);
const json = (b) => {
  try {
    return JSON.parse(text(b));
  } catch {
    return text(b);
  }
};
const words = (b) => {
  const out = [];
  for (let i = 0; i < b.length; i += 32) out.push(hex(b.subarray(i, i + 32)));
  return out;
};

/** The JS call for each target that the package exposes; each takes the input's bytes. */
export function calls(mod, blockVk) {
  const obj = (v) => (v && typeof v === "object" ? v : {});
  return {
    snarkjs_json: [(b) => { const v = obj(json(b)); return mod.verifyGroth16(v.vk, v.proof, v.public); }],
    evm_proof: [(b) => mod.verifyGroth16Evm(blockVk, hex(b.subarray(0, 256)), words(b.subarray(256)))],
    evm_words: [(b) => { const w = text(b).split(/[\s,]+/).filter(Boolean); return mod.verifyGroth16Evm(blockVk, w.slice(0, 8), w.slice(8)); }],
    precompile: [(b) => [mod.bn254Add, mod.bn254Mul, mod.bn254Pairing][(b[0] ?? 0) % 3](b.subarray(1))],
    pubdata: [(b) => mod.decodePubdata(hex(b))],
    block_check: [(b) => mod.verifyBlock(text(b))],
    blocks_check: [(b) => mod.verifyBlocks(text(b))],
    chain_report: [(b) => mod.storedBlockHash(obj(json(b)).storedBlock ?? text(b)), (b) => mod.encodeMappingOp(text(b))],
    evidence: [(b) => mod.verifyEvidence(text(b))],
    burn_params: [(b) => mod.buildBurn(text(b))],
    receipt: [(b) => mod.decodeBurnReceipt(text(b), "0xb1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1")],
  };
}

/**
 * Runs `corpus` ({ target: [base64 input] }) through `calls`; `good()` must verify after every thrown error.
 * Returns per target { inputs, returned, threw, codes } and the calls that went wrong.
 */
export function feed(mod, corpus, blockVk, good) {
  const report = { targets: {}, wrong: [], verifiesAfterEveryError: true, checks: 0 };
  const table = calls(mod, blockVk);
  for (const [target, inputs] of Object.entries(corpus)) {
    const fns = table[target];
    if (!fns) continue;
    const r = (report.targets[target] = { inputs: inputs.length, returned: 0, threw: 0, codes: {} });
    for (const [i, b64] of inputs.entries()) {
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      for (const f of fns) {
        try {
          f(bytes);
          r.returned++;
        } catch (e) {
          r.threw++;
          const code = e instanceof mod.BridgeError && typeof e.code === "string" ? e.code : null;
          if (code === null || code === "INTERNAL") report.wrong.push(`${target}[${i}]: ${e?.constructor?.name} ${e?.code} ${e?.message}`);
          r.codes[code] = (r.codes[code] ?? 0) + 1;
          report.checks++;
          let ok = false;
          try {
            ok = good() === true;
          } catch {}
          if (!ok) {
            report.verifiesAfterEveryError = false;
            report.wrong.push(`${target}[${i}]: a good proof no longer verifies after ${code}`);
            return report;
          }
        }
      }
    }
  }
  return report;
}
