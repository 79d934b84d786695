// The package's entry for Node (the `node` export condition): the same API, with an `init()` that reads the .wasm from
// disk when it is given nothing (Node's fetch cannot load a file: URL).
import { readFile } from "node:fs/promises";
import browserInit from "./zkbridge_light.js";
import { loadFailed, WIDE_WASM, wideArithmetic } from "./wasm.js";
export * from "./zkbridge_light.js";

/**
 * Loads the wasm module (once). With no argument the `.wasm` next to this file is read from disk: the wide-arithmetic
 * build (`wide/`) where this Node's engine compiles it (not Node 20), else `zkbridge_light_bg.wasm`.
 * @example
 * import init, { verifyGroth16 } from "zkbridge-light";
 * await init();
 */
export default function init(input) {
  if (input !== undefined) return browserInit(input);
  // Read and compiled once: later and concurrent calls share it (as the glue's init shares its load).
  fromDisk ??= compiled()
    .then((module) => browserInit({ module_or_path: module }), (e) => { throw loadFailed(e); })
    .catch((e) => { fromDisk = null; throw e; });
  return fromDisk;
}

let fromDisk = null;

/** The wide build compiled where this engine runs it (only reading and compiling fall back), else the default one. */
async function compiled() {
  if (wideArithmetic()) {
    try {
      return await WebAssembly.compile(await readFile(WIDE_WASM));
    } catch {
      // the default module below
    }
  }
  return WebAssembly.compile(await readFile(new URL("./zkbridge_light_bg.wasm", import.meta.url)));
}
