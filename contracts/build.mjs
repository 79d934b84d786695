// Compiles contracts/*.sol with solc-js (the npm version pinned by package-lock.json) into contracts/out/<Name>.json
// ({ abi, bytecode }), which the devnet (Rust) deploys and whose ABIs a test compares with the devnet's `sol!` bindings.
// No key feeds this build: the Groth16 verifier takes its verifying key as constructor arguments.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
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

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const t0 = Date.now();
  const c = compile();
  fs.mkdirSync(path.join(dir, "out"), { recursive: true });
  for (const [name, v] of Object.entries(c)) fs.writeFileSync(path.join(dir, "out", `${name}.json`), JSON.stringify(v) + "\n");
  console.log(`contracts: ${Object.keys(c).length} compiled into contracts/out/ in ${Date.now() - t0} ms (solc ${solc.version()})`);
}
