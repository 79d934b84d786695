// A scripted EIP-1193 provider for the wallet-flow tests (runs in the browser page). It records every request and answers
// as a wallet would, with the rejections and events each scenario asks for.
export function makeProvider(s) {
  const listeners = { accountsChanged: new Set(), chainChanged: new Set() };
  const emit = (ev, arg) => listeners[ev].forEach((f) => f(arg));
  const known = new Set(s.knownChains);
  let chain = s.chainId;
  let n = 0;
  const sent = {};
  const sentTx = {};
  const asked = {};
  const REPLACEMENT = "0x" + "e".repeat(64);
  const calls = [];
  const fail = (code, nested) => {
    const e = nested ? { code: -32603, message: "Internal error", data: { originalError: { code } } } : Object.assign(new Error(`code ${code}`), { code });
    throw s.frozenErrors ? Object.freeze(e) : e;
  };
  const provider = {
    calls,
    on(ev, f) { listeners[ev]?.add(f); return provider; },
    removeListener(ev, f) {
      if (s.throwingRemove) throw new Error("removeListener is broken in this wallet");
      listeners[ev]?.delete(f);
      return provider;
    },
    async request({ method, params }) {
      calls.push({ method, params });
      switch (method) {
        case "eth_requestAccounts":
          if (s.rejectAt === "connect") fail(4001);
          return s.accounts;
        case "eth_chainId":
          if (s.silentChainId) return new Promise(() => {});
          return chain;
        case "wallet_switchEthereumChain": {
          if (s.rejectAt === "switchChain") fail(4001);
          const id = params[0].chainId;
          if (!known.has(id)) fail(4902, s.nested4902);
          chain = id;
          emit("chainChanged", id);
          return null;
        }
        case "wallet_addEthereumChain":
          if (s.rejectAt === "addChain") fail(4001);
          known.add(params[0].chainId);
          chain = params[0].chainId;
          emit("chainChanged", chain);
          return null;
        case "eth_call":
          return "0x" + BigInt(s.allowance).toString(16).padStart(64, "0");
        case "eth_sendTransaction": {
          const kind = params[0].data.startsWith("0x095ea7b3") ? "approve" : "burn";
          if (s.rejectAt === kind) fail(4001);
          if (s.errorAt === kind) fail(-32000);
          const hash = "0x" + (++n).toString(16).padStart(64, "0");
          sent[hash] = kind;
          sentTx[kind] = params[0];
          if (s.chainChangeAfter === kind) emit("chainChanged", "0x1");
          if (s.accountsChangeAfter === kind) emit("accountsChanged", ["0x0000000000000000000000000000000000000001"]);
          if (s.sendDelayMs) await new Promise((r) => setTimeout(r, s.sendDelayMs));
          return s.hashAsObject === kind ? { hash } : hash;
        }
        // Replacement (`replaceBurn: "speedup" | "cancel"`): the burn's first hash never gets a receipt; once its receipt was
        // asked for, the account's nonce is used by another transaction (the same call, or a 0-value send to itself).
        case "eth_getTransactionByHash":
          return sent[params[0]] ? { hash: params[0], nonce: "0x5" } : null;
        case "eth_getTransactionCount":
          return asked.burn ? "0x6" : "0x5";
        case "eth_blockNumber":
          return "0x10";
        case "eth_getBlockByNumber": {
          if (!s.replaceBurn || params[0] !== "0x10" || !asked.burn) return { number: params[0], transactions: [] };
          const b = sentTx.burn;
          const same = s.replaceBurn === "speedup";
          return { number: "0x10", transactions: [{ hash: REPLACEMENT, from: b.from, nonce: "0x5", to: same ? b.to : b.from,
            input: same ? b.data : "0x", value: "0x0" }] };
        }
        case "eth_getTransactionReceipt": {
          const hash = params[0];
          if (hash === REPLACEMENT) return { transactionHash: hash, status: "0x1", logs: s.burnLogs };
          if (s.replaceBurn && sent[hash] === "burn") { asked.burn = true; return null; }
          const kind = sent[hash];
          // Transient failures: the first `receiptErrors` receipt reads, or every read for the `receiptErrorsAt` transaction.
          if (s.receiptErrors > 0 || s.receiptErrorsAt === kind) {
            s.receiptErrors = (s.receiptErrors ?? 0) - 1;
            throw { code: -32603, message: "Internal JSON-RPC error: request failed" };
          }
          const status = s.revertAt === kind ? 0 : 1;
          return { transactionHash: hash, status: s.numericStatus ? status : "0x" + status, logs: kind === "burn" ? s.burnLogs : [] };
        }
        default:
          throw Object.assign(new Error(`unsupported ${method}`), { code: 4200 });
      }
    },
  };
  return provider;
}
