// Loads the built package (pkg/, target web) in node, synchronously.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
/** The wasm instance's exports once `loadPkg` ran (its `memory` for tests that bound it). */
export let wasmExports = null;
export async function loadPkg() {
  const mod = await import(pathToFileURL(path.join(root, "pkg", "zkbridge_light.js")).href);
  wasmExports = mod.initSync({ module: fs.readFileSync(path.join(root, "pkg", "zkbridge_light_bg.wasm")) });
  return mod;
}
export const readJson = (...p) => JSON.parse(fs.readFileSync(path.join(root, ...p), "utf8"));

/**
 * The fuzz targets' inputs as base64 by target: seeds, committed findings and the first `mutations` seeded mutations of
 * each (written by `cargo test --test fuzz -- --ignored write_seeds`, fuzz/targets.rs).
 */
export function fuzzCorpus(mutations) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "zkbl-corpus-"));
  const r = spawnSync("cargo", ["test", "-q", "--workspace", "--locked", "--test", "fuzz", "--", "--ignored", "--exact", "write_seeds"], {
    cwd: root,
    env: { ...process.env, FUZZ_SEED_DIR: dir, FUZZ_MUTATIONS: String(mutations) },
    encoding: "utf8",
  });
  if (r.status !== 0) throw new Error(`write_seeds failed:\n${r.stderr}`);
  const out = {};
  for (const target of fs.readdirSync(dir).sort()) {
    out[target] = fs.readdirSync(path.join(dir, target)).sort().map((f) => fs.readFileSync(path.join(dir, target, f)).toString("base64"));
  }
  fs.rmSync(dir, { recursive: true, force: true });
  return out;
}
