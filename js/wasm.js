// The wasm module's one host: loads it once (`init`, `initSync`), and is the only way into the wasm-bindgen glue
// (zkbridge_light_core.js): `guarded(f)` refuses before init (NOT_INITIALIZED) and turns whatever the glue throws into a
// BridgeError.
import * as core from "./zkbridge_light_core.js";
import { coded, toBridgeError } from "./errors.js";

export { core };

let initialized = false;
let loading = null;
/** The wasm instance's exports (its `memory`), once loaded. */
let instance;

/**
 * A 34-byte module whose one function is `i64.mul_wide_u` (wasm's wide arithmetic): `WebAssembly.validate` accepts it
 * exactly where the engine runs that instruction (Firefox ≥ 155; Chromium with `--js-flags=--wasm-wide-arithmetic`; not
 * Node 20).
 */
const WIDE_PROBE = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 8, 1, 96, 2, 126, 126, 2, 126, 126, 3, 2, 1, 0, 10, 10, 1,
  8, 0, 32, 0, 32, 1, 252, 22, 11]);

/** Whether this engine runs wasm's wide arithmetic, so the package's second build (`wide/`) can be loaded. */
export function wideArithmetic() {
  try {
    return typeof WebAssembly === "object" && WebAssembly.validate(WIDE_PROBE);
  } catch {
    return false;
  }
}

/** The second build, the same code compiled with wide arithmetic (identical exports, imports and verdicts). */
export const WIDE_WASM = new URL("./wide/zkbridge_light_wide.wasm", import.meta.url);

/** The wide build compiled; `null` where the engine lacks wide arithmetic or it cannot be fetched or compiled. */
async function compiledWide(url) {
  if (!wideArithmetic()) return null;
  try {
    const response = await fetch(url);
    if (!response.ok) return null;
    return response.headers.get("Content-Type") === "application/wasm"
      ? await WebAssembly.compileStreaming(response)
      : await WebAssembly.compile(await response.arrayBuffer());
  } catch {
    return null;
  }
}

/**
 * Loads the glue's module with `load` (wasm-bindgen's init): the wide build where the engine runs it, else (or if it
 * cannot be fetched or compiled, e.g. a bundler that did not copy `wide/`) the default `.wasm`, fetched only then. Only
 * fetching and compiling fall back: a failed instantiation rejects (the glue may be half set up by then).
 */
export async function loadBest(load) {
  const module = await compiledWide(WIDE_WASM);
  return load(module === null ? undefined : { module_or_path: module });
}

/**
 * Loads the wasm module (once: later and concurrent calls share the first load). In browsers and Workers with no
 * argument it is fetched next to this file: `wide/zkbridge_light_wide.wasm` where the engine runs wasm's wide arithmetic
 * (the same code, faster), else `zkbridge_light_bg.wasm`; in Node (the package's `node` entry) it is read from disk.
 * `input` may be anything wasm-bindgen's init takes (`{ module_or_path }`: a URL, a Response, bytes or a
 * `WebAssembly.Module`). Resolves to the instance's exports (its `memory`) once ready; rejects with INIT_FAILED.
 * @example
 * import init, { verifyGroth16 } from "zkbridge-light";
 * await init();
 * verifyGroth16(vk, proof, publicSignals); // true or false
 */
export default function init(input) {
  if (initialized) return loading ?? (loading = Promise.resolve(instance));
  loading ??= (input === undefined ? loadBest(core.default) : core.default(input)).then(
    (exports) => { initialized = true; instance = exports; return exports; },
    (e) => { loading = null; throw loadFailed(e); },
  );
  return loading;
}

/** Loads the wasm module synchronously from `{ module }` (bytes or a `WebAssembly.Module`); once. */
export function initSync(input) {
  if (initialized) return instance;
  // A load in flight would replace the instance made here when it finishes (objects made meanwhile would break).
  if (loading) throw coded("INIT_FAILED", "init() is loading the module already: await it instead of calling initSync");
  try {
    instance = core.initSync(input);
    initialized = true;
    return instance;
  } catch (e) {
    throw loadFailed(e);
  }
}

/** INIT_FAILED, whatever the load threw (kept as `cause`). */
export function loadFailed(e) {
  let text;
  try { text = String(e?.message ?? e); } catch { text = "an unreadable error"; }
  return coded("INIT_FAILED", `the .wasm could not be loaded: ${text}`, { cause: e });
}

/** Throws NOT_INITIALIZED until `init()` (or `initSync`) finished. */
export function live() {
  if (!initialized) throw coded("NOT_INITIALIZED", "call (and await) the package's init() first");
}

/** Calls into the wasm glue: not before init, and every error it throws a BridgeError. */
export function guarded(f) {
  live();
  try {
    return f();
  } catch (e) {
    throw toBridgeError(e);
  }
}
