// Compiles contracts/*.sol with solc-js (the npm version pinned by package-lock.json) into contracts/out/<Name>.json
// ({ abi, bytecode }), which the devnet (Rust) deploys and whose ABIs a test compares with the devnet's `sol!` bindings.
// No key feeds this build: the Groth16 verifier takes its verifying key as constructor arguments.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import crypto from "node:crypto";
import solc from "solc";

const dir = path.dirname(fileURLToPath(import.meta.url));
export function compile() {
  const sources = Object.fromEntries(fs.readdirSync(dir).filter((f) => f.endsWith(".sol"))
    .map((f) => [f, { content: fs.readFileSync(path.join(dir, f), "utf8") }]));
  const out = JSON.parse(solc.compile(JSON.stringify({ language: "Solidity", sources,
    settings: { optimizer: { enabled: true, runs: 200 }, viaIR: true, outputSelection: { "*": { "*": ["abi", "evm.bytecode.object"] } } } }),
    { import: (p) => ({ contents: fs.readFileSync(path.join(dir, p), "utf8") }) }));
  const errors = (out.errors || []).filter((e) => e.severity === "error");
  if (errors.length) throw new Error(errors.map((e) => e.formattedMessage).join("\n"));
  const c = {};
  for (const file of Object.values(out.contracts)) for (const [name, v] of Object.entries(file)) c[name] = { abi: v.abi, bytecode: "0x" + v.evm.bytecode.object };
  return c;
}

/** The hash of everything the output depends on: each source's name and text, this script, and the compiler's version. */
function inputsHash() {
  const h = crypto.createHash("sha256").update(solc.version()).update(fs.readFileSync(fileURLToPath(import.meta.url)));
  for (const f of fs.readdirSync(dir).filter((f) => f.endsWith(".sol")).sort()) h.update(f).update("\0").update(fs.readFileSync(path.join(dir, f)));
  return h.digest("hex");
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const t0 = Date.now();
  const stamp = path.join(dir, "out", ".inputs-sha256");
  const hash = inputsHash();
  // Skipped when nothing it reads changed since the last compile (the stamp is written last, after every output).
  if (fs.existsSync(stamp) && fs.readFileSync(stamp, "utf8").trim() === hash && !process.argv.includes("--force")) {
    console.log(`contracts: unchanged (inputs ${hash.slice(0, 12)}), compile skipped in ${Date.now() - t0} ms`);
  } else {
    const c = compile();
    fs.mkdirSync(path.join(dir, "out"), { recursive: true });
    fs.rmSync(stamp, { force: true });
    for (const [name, v] of Object.entries(c)) fs.writeFileSync(path.join(dir, "out", `${name}.json`), JSON.stringify(v) + "\n");
    fs.writeFileSync(stamp, hash + "\n");
    console.log(`contracts: ${Object.keys(c).length} compiled into contracts/out/ in ${Date.now() - t0} ms (solc ${solc.version()})`);
  }
}
