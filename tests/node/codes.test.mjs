// Every code the README documents is one the package really has: errorCodes() and findingCodes() come from the Rust enums,
// WALLET_CODES from the wallet module; and every code those lists hold is documented.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { loadPkg, root } from "./load.mjs";

test("the README's codes are the package's codes", async () => {
  const mod = await loadPkg();
  const { WALLET_CODES } = await import(path.join(root, "pkg", "wallet.js"));
  const readme = fs.readFileSync(path.join(root, "README.md"), "utf8");
  const section = readme.slice(readme.indexOf("### Codes"), readme.indexOf("### Rust"));
  const documented = new Set([...section.matchAll(/`([A-Z][A-Z0-9_]{3,})`/g)].map((m) => m[1]).filter((c) => c !== "WALLET_CODES"));
  const errors = mod.errorCodes(), findings = mod.findingCodes();
  const known = new Set([...errors, ...findings, ...WALLET_CODES]);
  assert.ok(documented.size > 40, `only ${documented.size} codes found in the README`);
  for (const c of documented) assert.ok(known.has(c), `README documents ${c}, which no list has`);
  for (const c of known) assert.ok(documented.has(c), `${c} is not documented in the README`);
  // The two lists are distinct except BAD_PUBDATA, which is both a thrown code (decodePubdata) and a finding.
  assert.deepEqual(errors.filter((c) => findings.includes(c)), ["BAD_PUBDATA"]);
});
