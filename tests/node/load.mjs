// Loads the built package (pkg/, target web) in node, synchronously.
import fs from "node:fs";
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
