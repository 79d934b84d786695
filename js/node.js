// The package's entry for Node (the `node` export condition): the same API, with an `init()` that reads the .wasm from
// disk when it is given nothing (Node's fetch cannot load a file: URL).
import { readFile } from "node:fs/promises";
import browserInit from "./zkbridge_light.js";
import { loadFailed, wideArithmetic } from "./wasm.js";
export * from "./zkbridge_light.js";

/**
 * Loads the wasm module (once). With no argument the `.wasm` next to this file is read from disk: the wide-arithmetic
 * build (`wide/`) where this Node's engine runs it (not Node 20), else `zkbridge_light_bg.wasm`.
 * @example
 * import init, { verifyGroth16 } from "zkbridge-light";
 * await init();
 */
export default async function init(input) {
  if (input !== undefined) return browserInit(input);
  if (wideArithmetic()) {
    try {
      const wide = await readFile(new URL("./wide/zkbridge_light_wide.wasm", import.meta.url));
      if (WebAssembly.validate(wide)) return browserInit({ module_or_path: wide });
    } catch {
      // the default module below
    }
  }
  let bytes;
  try {
    bytes = await readFile(new URL("./zkbridge_light_bg.wasm", import.meta.url));
  } catch (e) {
    throw loadFailed(e);
  }
  return browserInit({ module_or_path: bytes });
}
