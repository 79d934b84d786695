// The injected-wallet flow of the zkbridge-light package: EIP-6963 wallet discovery (mipd's store, with a window.ethereum
// fallback) and `sendBurn`, which drives an EIP-1193 provider through connect → chain switch/add → allowance → approve → burn
// and returns the decoded burn. All calldata comes from the wasm core (buildBurn, allowanceCall, decodeAllowance, decodeBurnReceipt).
// Call the package's default `init()` before using this module.
import { createStore } from "mipd";
import { allowanceCall, buildBurn, decodeAllowance, decodeBurnReceipt } from "./zkbridge_light.js";

/** EIP-1193 user rejection. */
export const USER_REJECTED = 4001;
/** EIP-3326: the wallet does not know the chain. */
export const UNRECOGNIZED_CHAIN = 4902;
/** The codes this module's own errors carry (EIP-1193 wallet errors keep their numeric codes). */
export const WALLET_CODES = ["NO_PROVIDER", "MISSING_FIELD", "WALLET_CHANGED", "TX_REVERTED", "RECEIPT_TIMEOUT", "NO_ACCOUNT",
  "WRONG_ACCOUNT", "WRONG_CHAIN", "TX_REPLACED"];

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

function wrap(e, step) {
  if (e instanceof Error && e.code !== undefined) return e;
  const err = new Error(`${step}: ${(e && e.message) || String(e)}`);
  err.code = errorCode(e);
  err.step = step;
  err.cause = e;
  return err;
}

class Cancelled {
  constructor(step) { this.step = step; }
}

const normChain = (id) => (typeof id === "number" ? "0x" + id.toString(16) : String(id).toLowerCase());

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Sends a burn through an injected wallet.
 *
 * Nothing is lost: `onTx({ step, hash })` is called the moment the wallet returns a transaction hash (store it then), and
 * every error thrown after a broadcast carries `step`, `approveTx` and `burnTx`. Waiting for a receipt retries transient
 * errors with backoff (`retries` in a row) and follows a replaced (sped-up) transaction by its nonce; a replacement that is
 * not the same call (a cancellation) throws TX_REPLACED.
 * @param {object} provider an EIP-1193 provider
 * @param {object} params the `buildBurn` parameters without `chainId` and `allowance` (taken from `chain` and the chain);
 *   `from` is optional: the first connected account is used, and a different one is refused
 * @param {{ chain: { chainId: string, chainName: string, nativeCurrency: object, rpcUrls: string[], blockExplorerUrls?: string[] },
 *   onStep?: (s: { step: string }) => void, onTx?: (t: { step: string, hash: string }) => void, pollMs?: number,
 *   receiptTimeoutMs?: number, retries?: number }} options
 * @returns {Promise<{ status: "sent", approveTx?: string, burnTx: string, op: object, replaced?: Array<{ step: string, hash: string, by: string }> }
 *   | { status: "cancelled", step: string, approveTx?: string }>} `cancelled` after an approval was mined: the allowance stands
 */
export async function sendBurn(provider, params, { chain, onStep = () => {}, onTx = () => {}, pollMs = 500, receiptTimeoutMs = 120000, retries = 5 } = {}) {
  if (!provider || typeof provider.request !== "function") throw Object.assign(new Error("not an EIP-1193 provider"), { code: "NO_PROVIDER" });
  if (!chain || !chain.chainId) throw Object.assign(new Error("options.chain (EIP-3085 AddEthereumChainParameter) is required"), { code: "MISSING_FIELD" });
  const target = normChain(chain.chainId);
  let changed = null;
  let switched = false;
  const onAccounts = () => { changed = "accountsChanged"; };
  const onChain = (id) => { if (!(switched && normChain(id) === target)) changed = `chainChanged to ${id}`; };
  let step = "connect";
  let approveTx;
  let burnTx;
  const replaced = [];
  const call = async (name, method, params_) => {
    step = name;
    try {
      return await provider.request({ method, params: params_ });
    } catch (e) {
      if (isRejection(e)) throw new Cancelled(name);
      throw wrap(e, name);
    }
  };
  // A read that may fail transiently: `undefined` instead of an error.
  const tryRead = (method, params_) => provider.request({ method, params: params_ }).catch(() => undefined);
  const guard = () => {
    if (changed) throw Object.assign(new Error(`the wallet changed (${changed}) before step ${step}; nothing more was sent`), { code: "WALLET_CHANGED", step });
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
  const waitReceipt = async (name, sent, tx, since) => {
    step = name;
    onStep({ step: name, hash: sent });
    const t0 = Date.now();
    const from = String(tx.from).toLowerCase();
    const known = await tryRead("eth_getTransactionByHash", [sent]);
    const nonce = known && known.nonce !== undefined ? Number(known.nonce) : undefined;
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
        if (r.status !== "0x1") throw Object.assign(new Error(`${name}: transaction ${hash} reverted`), { code: "TX_REVERTED", step: name, receipt: r });
        return { receipt: r, hash };
      }
      if (nonce !== undefined && Number(await tryRead("eth_getTransactionCount", [from, "latest"])) > nonce) {
        // The nonce is used and this hash has no receipt: another transaction took its place.
        const other = await minedWithNonce(from, nonce, since);
        if (other && other.hash !== hash) {
          const same = String(other.to).toLowerCase() === String(tx.to).toLowerCase() && other.input === tx.data &&
            BigInt(other.value ?? 0) === BigInt(tx.value ?? 0);
          if (!same) {
            throw Object.assign(new Error(`${name}: transaction ${hash} was replaced by ${other.hash}, which is not the same call`),
              { code: "TX_REPLACED", step: name, replacedBy: other.hash });
          }
          replaced.push({ step: name, hash, by: other.hash });
          onTx({ step: name, hash: other.hash, replaces: hash });
          onStep({ step: name, hash: other.hash, replaces: hash });
          hash = other.hash;
          continue;
        }
      }
      if (Date.now() - t0 > receiptTimeoutMs) throw Object.assign(new Error(`${name}: no receipt for ${hash}`), { code: "RECEIPT_TIMEOUT", step: name });
      await sleep(pollMs);
    }
  };
  try {
    onStep({ step: "connect" });
    const accounts = await call("connect", "eth_requestAccounts", []);
    if (!Array.isArray(accounts) || accounts.length === 0) throw Object.assign(new Error("no account"), { code: "NO_ACCOUNT", step });
    const from = params.from ?? accounts[0];
    if (String(from).toLowerCase() !== String(accounts[0]).toLowerCase()) {
      throw Object.assign(new Error(`the wallet's account ${accounts[0]} is not ${from}`), { code: "WRONG_ACCOUNT", step });
    }
    provider.on?.("accountsChanged", onAccounts);
    provider.on?.("chainChanged", onChain);

    let current = normChain(await call("connect", "eth_chainId", []));
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
      current = normChain(await call(step, "eth_chainId", []));
      if (current !== target) throw Object.assign(new Error(`the wallet is on ${current}, not ${target}`), { code: "WRONG_CHAIN", step });
    }
    guard();

    onStep({ step: "allowance" });
    const q = allowanceCall(params.token, from, params.bridge);
    const allowance = decodeAllowance(await call("allowance", "eth_call", [q, "latest"]));
    const txs = buildBurn({ ...params, from, chainId: target, allowance });

    if (txs.approve) {
      guard();
      onStep({ step: "approve", tx: txs.approve });
      const since = Number(await tryRead("eth_blockNumber", [])) || 0;
      approveTx = await call("approve", "eth_sendTransaction", [txs.approve]);
      onTx({ step: "approve", hash: approveTx });
      approveTx = (await waitReceipt("approveReceipt", approveTx, txs.approve, since)).hash;
    }
    guard();
    onStep({ step: "burn", tx: txs.burn });
    const since = Number(await tryRead("eth_blockNumber", [])) || 0;
    burnTx = await call("burn", "eth_sendTransaction", [txs.burn]);
    onTx({ step: "burn", hash: burnTx });
    const mined = await waitReceipt("burnReceipt", burnTx, txs.burn, since);
    burnTx = mined.hash;
    const op = decodeBurnReceipt(mined.receipt, params.bridge);
    const out = approveTx ? { status: "sent", approveTx, burnTx, op } : { status: "sent", burnTx, op };
    return replaced.length ? { ...out, replaced } : out;
  } catch (e) {
    if (e instanceof Cancelled) return approveTx ? { status: "cancelled", step: e.step, approveTx } : { status: "cancelled", step: e.step };
    if (e && typeof e === "object") {
      e.step ??= step;
      if (approveTx) e.approveTx ??= approveTx;
      if (burnTx) e.burnTx ??= burnTx;
    }
    throw e;
  } finally {
    provider.removeListener?.("accountsChanged", onAccounts);
    provider.removeListener?.("chainChanged", onChain);
  }
}
