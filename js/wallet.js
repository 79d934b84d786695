// The injected-wallet flow of the zkbridge-light package: EIP-6963 wallet discovery (mipd's store, with a window.ethereum
// fallback) and `sendBurn`, which drives an EIP-1193 provider through connect → chain switch/add → allowance → approve → burn
// and returns the decoded burn. All calldata comes from the wasm core (buildBurn, allowanceCall, decodeAllowance, decodeBurnReceipt).
// `sendBurn` loads the wasm itself (the package's `init()`, once); in Node, call the main entry's `init()` first.
import { createStore } from "mipd";
import init, { allowanceCall, buildBurn, decodeAllowance, decodeBurnReceipt } from "./zkbridge_light.js";
import { BridgeError, coded, isBridgeError, toBridgeError } from "./errors.js";

/** EIP-1193 user rejection. */
export const USER_REJECTED = 4001;
/** EIP-3326: the wallet does not know the chain. */
export const UNRECOGNIZED_CHAIN = 4902;
/** The codes this module's own errors carry (EIP-1193 wallet errors keep their numeric codes). */
export const WALLET_CODES = ["NO_PROVIDER", "MISSING_FIELD", "WALLET_CHANGED", "TX_REVERTED", "RECEIPT_TIMEOUT", "NO_ACCOUNT",
  "WRONG_ACCOUNT", "WRONG_CHAIN", "TX_REPLACED", "BUSY", "INVALID_HASH", "WALLET_TIMEOUT", "WALLET_ERROR"];

let store;

/**
 * The page's one EIP-6963 store (mipd's `createStore`, made on first use): every wallet that announced itself, in order,
 * de-duplicated by `info.uuid`, including wallets that announce late. `store.subscribe(listener, { emitImmediately })` follows
 * changes. `undefined` outside a browser window.
 * @returns {import("mipd").Store | undefined}
 */
export function walletStore() {
  if (typeof window === "undefined") return undefined;
  store ??= createStore();
  return store;
}

/**
 * Discovers injected wallets with EIP-6963 through {@link walletStore} (so a wallet announcing after this call still reaches
 * the store, and the next call). Falls back to `window.ethereum` when nothing announced itself within `timeoutMs`. Render
 * `info.icon` only through an `<img src>` (it is a data URI supplied by the wallet). `target` stands for the window (its
 * `ethereum` is the fallback); EIP-6963 is only listened for on the real window.
 * @param {{ timeoutMs?: number, target?: object }} [options]
 * @returns {Promise<Array<{ info: { uuid: string, name: string, icon: string, rdns: string }, provider: object }>>}
 */
export function discoverWallets({ timeoutMs = 300, target = globalThis.window } = {}) {
  return new Promise((resolve) => {
    if (!target) return resolve([]);
    const s = typeof window !== "undefined" && target === window ? walletStore() : undefined;
    // The store asked once when it was made; ask again, so wallets that listen only now answer (the store de-duplicates).
    if (s) window.dispatchEvent(new Event("eip6963:requestProvider"));
    setTimeout(() => {
      const list = (s?.getProviders() ?? []).map((d) => Object.freeze({ info: d.info, provider: d.provider }));
      if (list.length === 0 && target.ethereum) {
        list.push({ info: { uuid: "window.ethereum", name: "Injected wallet", icon: "", rdns: "" }, provider: target.ethereum });
      }
      resolve(list);
    }, timeoutMs);
  });
}

function errorCode(e) {
  if (!e || typeof e !== "object") return undefined;
  return e.code ?? e.data?.originalError?.code ?? e.data?.code;
}

// Every code an error carries, top-level and nested (some wallets wrap 4001/4902 as data.originalError.code).
function codesOf(e) {
  const out = [];
  for (let x = e, depth = 0; x && typeof x === "object" && depth < 4; x = x.cause, depth++) {
    out.push(x.code, x.data?.originalError?.code, x.data?.code);
  }
  return out.filter((c) => c !== undefined);
}

function isRejection(e) {
  return codesOf(e).includes(USER_REJECTED);
}

/** The text of whatever a wallet threw, cut to 300 characters, never throwing itself. */
function messageOf(e) {
  let m;
  try { m = String((e && e.message) || e); } catch { m = "an unreadable error"; }
  return m.length > 300 ? `${m.slice(0, 300)}…` : m;
}

/**
 * A wallet's error copied into this module's: `code` "WALLET_ERROR", the wallet's own code (EIP-1193: a number) as
 * `walletCode`, the original as `cause`.
 */
function wrap(e, step) {
  let walletCode;
  try { walletCode = errorCode(e); } catch { walletCode = undefined; }
  return coded("WALLET_ERROR", `${step}: ${messageOf(e)}`, { step, walletCode, cause: e });
}

/** A transaction hash as a wallet must return it: 0x and 32 bytes of hex. */
const isHash = (h) => typeof h === "string" && /^0x[0-9a-fA-F]{64}$/.test(h);

/** A receipt's `status` read as a quantity: `"0x1"` or `1` is success. */
function succeeded(status) {
  try { return BigInt(status) === 1n; } catch { return false; }
}

/** The providers with a `sendBurn` flow running: one at a time each. */
const running = new WeakSet();

class Cancelled {
  constructor(step) { this.step = step; }
}

const normChain = (id) => (typeof id === "number" ? "0x" + id.toString(16) : String(id).toLowerCase());

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Sends a burn through an injected wallet. With `options.client` (a `BridgeClient` of the deployment), each transaction is
 * first simulated through the client's endpoints (`simulate`: WOULD_REVERT before any prompt), and every transaction is
 * followed on them, not through the wallet: read back and compared with what was built (`checkSent`), so the returned op
 * comes from the chain and a wallet that sent something else throws TX_MISMATCH. A replacement (a speed-up) the wallet
 * points at is followed only once those endpoints show it mined as the same call with the nonce they saw the original
 * with. Without a client, the wallet's receipts and replacements are believed.
 *
 * Nothing is lost: `onTx({ step, hash })` is called the moment the wallet returns a transaction hash (store it then), and
 * every error thrown after a broadcast carries `step`, `approveTx` and `burnTx`. Waiting for a receipt retries transient
 * errors with backoff (`retries` in a row) and follows a replaced (sped-up) transaction by its nonce (`onTx({ step, hash,
 * replaces })` once it is mined); a replacement that is not the same call (a cancellation) throws TX_REPLACED.
 * @param {object} provider an EIP-1193 provider
 * @param {object} params the `buildBurn` parameters without `chainId` and `allowance` (taken from `chain` and the chain);
 *   `from` is optional: the first connected account is used, and a different one is refused
 * @param {{ chain: { chainId: string, chainName: string, nativeCurrency: object, rpcUrls: string[], blockExplorerUrls?: string[] },
 *   onStep?: (s: { step: string }) => void, onTx?: (t: { step: string, hash: string }) => void, pollMs?: number,
 *   receiptTimeoutMs?: number, retries?: number }} options
 * @returns {Promise<{ status: "sent", approveTx?: string, burnTx: string, op: object, replaced?: Array<{ step: string, hash: string, by: string }> }
 *   | { status: "cancelled", step: string, approveTx?: string }>} `cancelled` after an approval was mined: the allowance stands
 */
export async function sendBurn(provider, params, options = {}) {
  let usable;
  try { usable = !!provider && typeof provider.request === "function"; } catch { usable = false; }
  if (!usable) throw coded("NO_PROVIDER", "not an EIP-1193 provider");
  // One flow per wallet at a time: a second call while one runs (a double click) sends nothing.
  if (running.has(provider)) throw coded("BUSY", "a burn is already being sent through this wallet; wait for it to end");
  running.add(provider);
  try {
    await init();
    return await flow(provider, params, options ?? {});
  } catch (e) {
    // What `flow` did not make coded (options it could not read, before anything was sent) is INVALID_INPUT.
    throw isBridgeError(e) ? e : toBridgeError(e, "INVALID_INPUT");
  } finally {
    running.delete(provider);
  }
}

async function flow(provider, params, { chain, client, onStep = () => {}, onTx = () => {}, pollMs = 500, receiptTimeoutMs = 120000, retries = 5, readTimeoutMs = 10000 } = {}) {
  if (!chain || !chain.chainId) throw coded("MISSING_FIELD", "options.chain (EIP-3085 AddEthereumChainParameter) is required");
  const target = normChain(chain.chainId);
  let changed = null;
  let switched = false;
  const onAccounts = () => { changed = "accountsChanged"; };
  const onChain = (id) => { if (!(switched && normChain(id) === target)) changed = `chainChanged to ${id}`; };
  let step = "connect";
  let approveTx;
  let burnTx;
  const replaced = [];
  // A replacement followed from now on: the hash every later error and the result carry.
  const adopt = (name, hash) => { if (name === "burnReceipt") burnTx = hash; else approveTx = hash; };
  const call = async (name, method, params_) => {
    step = name;
    try {
      return await provider.request({ method, params: params_ });
    } catch (e) {
      if (isRejection(e)) throw new Cancelled(name);
      throw wrap(e, name);
    }
  };
  // A read that asks the person nothing (eth_chainId, eth_call): it must answer within readTimeoutMs.
  const read = async (name, method, params_) => {
    let timer;
    const late = new Promise((_, reject) => {
      timer = setTimeout(() => reject(coded("WALLET_TIMEOUT", `${name}: the wallet did not answer ${method} in ${readTimeoutMs} ms`, { step: name })), readTimeoutMs);
    });
    try {
      return await Promise.race([call(name, method, params_), late]);
    } finally {
      clearTimeout(timer);
    }
  };
  // The hash a wallet returns for a transaction: refused unless it is one (the error keeps what it returned).
  const sent = (name, h) => {
    if (isHash(h)) return h;
    let what;
    try { what = JSON.stringify(h)?.slice(0, 200); } catch { what = typeof h; }
    throw coded("INVALID_HASH", `${name}: the wallet returned ${what} instead of a transaction hash`, { step: name, returned: what });
  };
  // A read that may fail transiently: `undefined` instead of an error.
  const tryRead = (method, params_) => Promise.resolve().then(() => provider.request({ method, params: params_ })).catch(() => undefined);
  const guard = () => {
    if (changed) throw coded("WALLET_CHANGED", `the wallet changed (${changed}) before step ${step}; nothing more was sent`, { step });
  };
  // The mined transaction of `from` with `nonce` in blocks [since, latest] (at most 256 blocks back).
  const minedWithNonce = async (from, nonce, since) => {
    const latest = Number(await tryRead("eth_blockNumber", []));
    if (!Number.isFinite(latest)) return undefined;
    for (let b = latest; b >= Math.max(since, latest - 255); b--) {
      const block = await tryRead("eth_getBlockByNumber", ["0x" + b.toString(16), true]);
      const tx = block?.transactions?.find((t) => typeof t === "object" && String(t.from).toLowerCase() === from && Number(t.nonce) === nonce);
      if (tx) return tx;
    }
    return undefined;
  };
  // The nonce a wallet's own reads give `hash` (a hint: the client confirms it from the chain).
  const nonceOf = async (hash) => {
    const known = await tryRead("eth_getTransactionByHash", [hash]);
    return known && known.nonce !== undefined ? Number(known.nonce) : undefined;
  };
  // What the wallet says replaced `hash` (a speed-up or a cancellation): another mined transaction with its nonce.
  const replacementOf = async (hash, tx, nonce, since) => {
    if (nonce === undefined || !(Number(await tryRead("eth_getTransactionCount", [String(tx.from).toLowerCase(), "latest"])) > nonce)) return undefined;
    const other = await minedWithNonce(String(tx.from).toLowerCase(), nonce, since);
    return other && other.hash !== hash && isHash(other.hash) ? other : undefined;
  };
  // Without a client: the wallet's receipts are believed (the op is decoded from them).
  const waitWallet = async (name, sent, tx, since) => {
    step = name;
    onStep({ step: name, hash: sent });
    const t0 = Date.now();
    const nonce = await nonceOf(sent);
    let hash = sent;
    let failures = 0;
    for (;;) {
      let r;
      try {
        r = await provider.request({ method: "eth_getTransactionReceipt", params: [hash] });
        failures = 0;
      } catch (e) {
        if (++failures > retries) throw wrap(e, name);
        await sleep(Math.min(pollMs * 2 ** failures, 5000));
        continue;
      }
      if (r) {
        if (!succeeded(r.status)) throw coded("TX_REVERTED", `${name}: transaction ${hash} reverted`, { step: name, receipt: r });
        return { hash, receipt: r };
      }
      const other = await replacementOf(hash, tx, nonce, since);
      if (other) {
        const same = String(other.to).toLowerCase() === String(tx.to).toLowerCase() && other.input === tx.data &&
          BigInt(other.value ?? 0) === BigInt(tx.value ?? 0);
        if (!same) {
          throw coded("TX_REPLACED", `${name}: transaction ${hash} was replaced by ${other.hash}, which is not the same call`,
            { step: name, replacedBy: other.hash });
        }
        replaced.push({ step: name, hash, by: other.hash });
        adopt(name, other.hash);
        onTx({ step: name, hash: other.hash, replaces: hash });
        onStep({ step: name, hash: other.hash, replaces: hash });
        hash = other.hash;
        continue;
      }
      if (Date.now() - t0 > receiptTimeoutMs) throw coded("RECEIPT_TIMEOUT", `${name}: no receipt for ${hash}`, { step: name });
      await sleep(pollMs);
    }
  };
  // With a client: the chain decides. The hash is read back from the client's endpoints of the source chain and compared
  // with what was built (the core's checkSent: TX_MISMATCH when the chain holds another transaction); a wallet's receipt
  // is never read. A replacement the wallet points at is followed only once the endpoints show it mined as the same call
  // with the nonce they saw the original with; until then the original is followed, and nothing is forgotten.
  const waitChain = async (name, sent, tx, since) => {
    step = name;
    onStep({ step: name, hash: sent });
    const t0 = Date.now();
    let nonce;
    let candidate;
    let failures = 0;
    for (;;) {
      try {
        const r = await client.checkSent(params.fromChainId, sent, tx);
        failures = 0;
        if (r.status === "reverted") throw coded("TX_REVERTED", `${name}: transaction ${sent} reverted (read from the chain)`, { step: name });
        if (r.status === "mined") return { hash: sent, op: r.op };
        nonce ??= r.nonce ?? await nonceOf(sent);
        candidate = (await replacementOf(sent, tx, nonce, since)) ?? candidate;
        if (candidate) {
          let c;
          try {
            c = await client.checkSent(params.fromChainId, candidate.hash, tx, sent);
          } catch (e) {
            if (e.code !== "TX_MISMATCH") throw e;
            // The nonce was taken by another call (a cancellation) or the wallet points at a transaction of its own.
            throw coded("TX_REPLACED", `${name}: transaction ${sent} was not mined; ${candidate.hash} took its place, and it is not the same call (${e.message})`,
              { step: name, replacedBy: candidate.hash, cause: e });
          }
          if (c.status === "reverted") throw coded("TX_REVERTED", `${name}: transaction ${candidate.hash}, which replaced ${sent}, reverted`, { step: name });
          if (c.status === "mined") {
            replaced.push({ step: name, hash: sent, by: candidate.hash });
            adopt(name, candidate.hash);
            onTx({ step: name, hash: candidate.hash, replaces: sent });
            onStep({ step: name, hash: candidate.hash, replaces: sent });
            return { hash: candidate.hash, op: c.op };
          }
        }
      } catch (e) {
        const transient = e?.code === "RPC_TIMEOUT" || e?.code === "RPC_ERROR";
        if (!transient || ++failures > retries) throw e;
        await sleep(Math.min(pollMs * 2 ** failures, 5000));
        continue;
      }
      if (Date.now() - t0 > receiptTimeoutMs) {
        const also = candidate ? `; the wallet says ${candidate.hash} replaced it, which the chain does not confirm` : "";
        throw coded("RECEIPT_TIMEOUT", `${name}: the chain's endpoints do not show ${sent} mined, whatever the wallet says${also}`, { step: name });
      }
      await sleep(pollMs);
    }
  };
  const waitReceipt = (name, sent, tx, since) => (client ? waitChain : waitWallet)(name, sent, tx, since);
  try {
    onStep({ step: "connect" });
    const accounts = await call("connect", "eth_requestAccounts", []);
    if (!Array.isArray(accounts) || accounts.length === 0) throw coded("NO_ACCOUNT", "no account", { step });
    const from = params.from ?? accounts[0];
    if (String(from).toLowerCase() !== String(accounts[0]).toLowerCase()) {
      throw coded("WRONG_ACCOUNT", `the wallet's account ${accounts[0]} is not ${from}`, { step });
    }
    provider.on?.("accountsChanged", onAccounts);
    provider.on?.("chainChanged", onChain);

    let current = normChain(await read("connect", "eth_chainId", []));
    if (current !== target) {
      onStep({ step: "switchChain", chainId: target });
      switched = true;
      try {
        await call("switchChain", "wallet_switchEthereumChain", [{ chainId: target }]);
      } catch (e) {
        if (e instanceof Cancelled || !codesOf(e).includes(UNRECOGNIZED_CHAIN)) throw e;
        onStep({ step: "addChain", chainId: target });
        await call("addChain", "wallet_addEthereumChain", [chain]);
      }
      current = normChain(await read(step, "eth_chainId", []));
      if (current !== target) throw coded("WRONG_CHAIN", `the wallet is on ${current}, not ${target}`, { step });
    }
    guard();

    onStep({ step: "allowance" });
    const q = allowanceCall(params.token, from, params.bridge);
    const allowance = decodeAllowance(await read("allowance", "eth_call", [q, "latest"]));
    const txs = buildBurn({ ...params, from, chainId: target, allowance });

    if (txs.approve) {
      guard();
      if (client) { step = "approve"; await client.simulate(params.fromChainId, txs.approve); }
      onStep({ step: "approve", tx: txs.approve });
      const since = Number(await tryRead("eth_blockNumber", [])) || 0;
      approveTx = sent("approve", await call("approve", "eth_sendTransaction", [txs.approve]));
      onTx({ step: "approve", hash: approveTx });
      approveTx = (await waitReceipt("approveReceipt", approveTx, txs.approve, since)).hash;
    }
    guard();
    // Simulated first (the approval is mined by now): a burn that would revert never reaches the wallet's prompt.
    if (client) { step = "burn"; await client.simulate(params.fromChainId, txs.burn); }
    onStep({ step: "burn", tx: txs.burn });
    const since = Number(await tryRead("eth_blockNumber", [])) || 0;
    burnTx = sent("burn", await call("burn", "eth_sendTransaction", [txs.burn]));
    onTx({ step: "burn", hash: burnTx });
    const mined = await waitReceipt("burnReceipt", burnTx, txs.burn, since);
    burnTx = mined.hash;
    const op = client ? mined.op : decodeBurnReceipt(mined.receipt, params.bridge);
    const out = approveTx ? { status: "sent", approveTx, burnTx, op } : { status: "sent", burnTx, op };
    return replaced.length ? { ...out, replaced } : out;
  } catch (e) {
    if (e instanceof Cancelled) return approveTx ? { status: "cancelled", step: e.step, approveTx } : { status: "cancelled", step: e.step };
    // A new error, never the one thrown (a wallet's may be frozen): every hash sent so far is on it.
    // (This module's and the core's errors carry a string code; anything else came from the wallet's answers.)
    const base = isBridgeError(e) ? e : wrap(e, step);
    const sent = { ...(approveTx ? { approveTx } : {}), ...(burnTx ? { burnTx } : {}), ...(replaced.length ? { replaced } : {}) };
    throw new BridgeError(base.code, base.message, { details: { step, ...base.details, ...sent }, cause: base === e ? e : base.cause });
  } finally {
    // A wallet whose removeListener throws never turns a sent burn into an error.
    try { provider.removeListener?.("accountsChanged", onAccounts); } catch { /* the wallet's problem */ }
    try { provider.removeListener?.("chainChanged", onChain); } catch { /* the wallet's problem */ }
  }
}
