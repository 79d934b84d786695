// The package's one error class. Every error this package throws or rejects with is a BridgeError with a stable string
// `code` (errorCodes(), findingCodes() and WALLET_CODES list them): errors made in JS, errors from the wasm core (converted
// where the glue is called) and errors from the Worker (converted on the page's side: classes do not survive postMessage).

/**
 * An error of this package: `code` is stable (see the README's "Codes"), `message` is for people, `details` holds what
 * the error is about (e.g. `step`, `approveTx`, `burnTx` of a wallet flow), `cause` the error it came from, if any.
 * @example
 * try { verifyGroth16(vk, proof, publicSignals); } catch (e) { if (isBridgeError(e) && e.code === "NOT_IN_FIELD") … }
 */
export class BridgeError extends Error {
  /**
   * @param {string} code a stable code
   * @param {string} message for people
   * @param {{ details?: Record<string, unknown>, cause?: unknown }} [options]
   */
  constructor(code, message, options = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "BridgeError";
    /** @type {string} */
    this.code = code;
    // A copy (a caller's object is never kept). The details are also readable as members (`e.step`, `e.burnTx`), as
    // they were before this class existed, except the reserved names (`code`, `details`, `message`, `name`, `stack`,
    // `cause` and anything an Error already has).
    const { cause: _c, ...copy } = options.details ?? {};
    /** @type {Record<string, unknown>} */
    this.details = copy;
    for (const [k, v] of Object.entries(copy)) {
      if (!(k in this)) Object.defineProperty(this, k, { value: v, enumerable: true, writable: true, configurable: true });
    }
  }
}

/**
 * Whether `e` is an error of this package (a {@link BridgeError}).
 * @param {unknown} e
 * @returns {e is BridgeError}
 * @example
 * isBridgeError(new Error("x")); // false
 */
export function isBridgeError(e) {
  return e instanceof BridgeError;
}

/** A new BridgeError (`details` copied; a `cause` among them becomes the error's cause). */
export function coded(code, message, details = {}) {
  const { cause, ...rest } = details ?? {};
  return new BridgeError(code, message, { details: rest, cause });
}

/**
 * Any thrown value as a BridgeError: itself when it is one; an error with a string `code` (from the wasm core, or a
 * Worker's `{ code, message }`) keeps its code and message; anything else is `fallback` with it as `cause`.
 */
export function toBridgeError(e, fallback = "INTERNAL") {
  if (e instanceof BridgeError) return e;
  // Every read of `e` may throw (getters, Proxy traps): any failure makes it `fallback`, with `e` as the cause.
  try {
    if (e && typeof e === "object" && typeof e.code === "string") {
      const { code, message, name: _n, stack: _s, cause, ...rest } = e;
      return new BridgeError(code, String(message ?? code), { details: rest, cause: cause ?? (e instanceof Error ? e : undefined) });
    }
  } catch {
    // read below as anything else
  }
  let text;
  try { text = String(e?.message ?? e); } catch { text = "an unreadable error"; }
  return new BridgeError(fallback, text, { cause: e });
}
