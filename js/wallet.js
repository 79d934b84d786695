// The injected-wallet flow of the zkbridge-light package: EIP-6963 wallet discovery (with a window.ethereum fallback) and
// `sendBurn`, which drives an EIP-1193 provider through connect → chain switch/add → allowance → approve → burn and returns
// the decoded burn. All calldata comes from the wasm core (buildBurn, allowanceCall, decodeAllowance, decodeBurnReceipt).
// Call the package's default `init()` before using this module.
import { allowanceCall, buildBurn, decodeAllowance, decodeBurnReceipt } from "./zkbridge_light.js";

/** EIP-1193 user rejection. */
export const USER_REJECTED = 4001;
/** EIP-3326: the wallet does not know the chain. */
export const UNRECOGNIZED_CHAIN = 4902;
/** The codes this module's own errors carry (EIP-1193 wallet errors keep their numeric codes). */
export const WALLET_CODES = ["NO_PROVIDER", "MISSING_FIELD", "WALLET_CHANGED", "TX_REVERTED", "RECEIPT_TIMEOUT", "NO_ACCOUNT",
  "WRONG_ACCOUNT", "WRONG_CHAIN"];

/**
 * Discovers injected wallets with EIP-6963: the listener is added before the request is dispatched, announcements are
 * de-duplicated by `info.uuid`. Falls back to `window.ethereum` when nothing announces itself. Render `info.icon` only
 * through an `<img src>` (it is a data URI supplied by the wallet).
 * @param {{ timeoutMs?: number, target?: EventTarget }} [options]
 * @returns {Promise<Array<{ info: { uuid: string, name: string, icon: string, rdns: string }, provider: object }>>}
 */
export function discoverWallets({ timeoutMs = 300, target = globalThis.window } = {}) {
  return new Promise((resolve) => {
    if (!target) return resolve([]);
    const found = new Map();
    const onAnnounce = (event) => {
      const d = event.detail;
      if (d && d.info && typeof d.info.uuid === "string" && d.provider && !found.has(d.info.uuid)) {
        found.set(d.info.uuid, Object.freeze({ info: d.info, provider: d.provider }));
      }
    };
    target.addEventListener("eip6963:announceProvider", onAnnounce);
    target.dispatchEvent(new Event("eip6963:requestProvider"));
    setTimeout(() => {
      target.removeEventListener("eip6963:announceProvider", onAnnounce);
      const list = [...found.values()];
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

/**
 * Sends a burn through an injected wallet.
 * @param {object} provider an EIP-1193 provider
 * @param {object} params the `buildBurn` parameters without `chainId` and `allowance` (taken from `chain` and the chain);
 *   `from` is optional: the first connected account is used, and a different one is refused
 * @param {{ chain: { chainId: string, chainName: string, nativeCurrency: object, rpcUrls: string[], blockExplorerUrls?: string[] },
 *   onStep?: (s: { step: string }) => void, pollMs?: number, receiptTimeoutMs?: number }} options
 * @returns {Promise<{ status: "sent", approveTx?: string, burnTx: string, op: object } | { status: "cancelled", step: string }>}
 */
export async function sendBurn(provider, params, { chain, onStep = () => {}, pollMs = 500, receiptTimeoutMs = 120000 } = {}) {
  if (!provider || typeof provider.request !== "function") throw Object.assign(new Error("not an EIP-1193 provider"), { code: "NO_PROVIDER" });
  if (!chain || !chain.chainId) throw Object.assign(new Error("options.chain (EIP-3085 AddEthereumChainParameter) is required"), { code: "MISSING_FIELD" });
  const target = normChain(chain.chainId);
  let changed = null;
  let switched = false;
  const onAccounts = () => { changed = "accountsChanged"; };
  const onChain = (id) => { if (!(switched && normChain(id) === target)) changed = `chainChanged to ${id}`; };
  let step = "connect";
  const call = async (name, method, params_) => {
    step = name;
    try {
      return await provider.request({ method, params: params_ });
    } catch (e) {
      if (isRejection(e)) throw new Cancelled(name);
      throw wrap(e, name);
    }
  };
  const guard = () => {
    if (changed) throw Object.assign(new Error(`the wallet changed (${changed}) before step ${step}; nothing more was sent`), { code: "WALLET_CHANGED", step });
  };
  const waitReceipt = async (name, hash) => {
    onStep({ step: name, hash });
    const t0 = Date.now();
    for (;;) {
      const r = await call(name, "eth_getTransactionReceipt", [hash]);
      if (r) {
        if (r.status !== "0x1") throw Object.assign(new Error(`${name}: transaction ${hash} reverted`), { code: "TX_REVERTED", step: name, receipt: r });
        return r;
      }
      if (Date.now() - t0 > receiptTimeoutMs) throw Object.assign(new Error(`${name}: no receipt for ${hash}`), { code: "RECEIPT_TIMEOUT", step: name });
      await new Promise((res) => setTimeout(res, pollMs));
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

    let approveTx;
    if (txs.approve) {
      guard();
      onStep({ step: "approve", tx: txs.approve });
      approveTx = await call("approve", "eth_sendTransaction", [txs.approve]);
      await waitReceipt("approveReceipt", approveTx);
    }
    guard();
    onStep({ step: "burn", tx: txs.burn });
    const burnTx = await call("burn", "eth_sendTransaction", [txs.burn]);
    const receipt = await waitReceipt("burnReceipt", burnTx);
    const op = decodeBurnReceipt(receipt, params.bridge);
    return approveTx ? { status: "sent", approveTx, burnTx, op } : { status: "sent", burnTx, op };
  } catch (e) {
    if (e instanceof Cancelled) return { status: "cancelled", step: e.step };
    throw e;
  } finally {
    provider.removeListener?.("accountsChanged", onAccounts);
    provider.removeListener?.("chainChanged", onChain);
  }
}
