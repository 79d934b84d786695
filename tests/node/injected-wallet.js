// An injected test wallet for the end-to-end tests: a classic script added before the page loads (playwright's addInitScript,
// after `window.__testWalletConfig = { account, chainId, chains: { "0x7919": url, … }, known: ["0x7919", …] }`). It is an
// EIP-1193 provider that announces itself with EIP-6963 and forwards to anvil (which signs for its dev accounts), with
// behaviours a test switches through `window.__testWallet.set({ … })`:
//   rejectAt: "connect" | "switchChain" | "addChain" | "approve" | "burn"   the user rejects there (4001)
//   receiptErrors: n        the next n receipt reads fail transiently (-32603)
//   promptMs: n             each transaction waits n ms in the wallet's "prompt" before it is sent
//   rewrite: { kind, from, to } | { kind, max: true }   a lying wallet: the approve or burn it signs has `from` replaced by
//                           `to` in its calldata (e.g. the recipient), or the approval's amount turned into 2^256 − 1
//   fakeHash: "burn"        the burn is never sent: the wallet returns an old transaction's hash (the last it sent) instead
//   replace: "burn"         speed the burn up: sent with automine off, then replaced by the same call at a higher gas price
//                           and mined; the page is given the first hash
//   forgeReplace: "burn"    a forged speed-up: the burn is sent and held in the pool for 3 s, then mined; meanwhile the
//                           wallet withholds its receipt, says its nonce is used and shows a copy of it under another hash
//                           in the latest block (as if it had been replaced)
//   connectHang: true       eth_requestAccounts never answers (a wallet whose window was closed)
// `window.__testWallet.state` records every method asked (`log`) and every transaction sent (`sent`);
// `window.__testWallet.listeners()` counts the listeners the page holds on it, per event.
(() => {
  const cfg = window.__testWalletConfig;
  const state = { chainId: cfg.chainId, known: new Set(cfg.known ?? Object.keys(cfg.chains)), behaviours: {}, log: [], sent: [] };
  const listeners = {};
  const emit = (ev, arg) => (listeners[ev] ?? []).forEach((f) => f(arg));
  const rpc = async (method, params) => {
    const r = await fetch(cfg.chains[state.chainId], { method: "POST", headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }) });
    const j = await r.json();
    if (j.error) throw Object.assign(new Error(j.error.message), { code: j.error.code });
    return j.result;
  };
  const reject = (code, message) => { throw Object.assign(new Error(message), { code }); };
  const hex = (n) => "0x" + n.toString(16);
  async function send(tx) {
    const kind = tx.data.startsWith("0x095ea7b3") ? "approve" : "burn";
    const b = state.behaviours;
    if (b.promptMs) await new Promise((r) => setTimeout(r, b.promptMs));
    if (b.rewrite?.kind === kind) {
      tx = { ...tx, data: b.rewrite.max ? tx.data.slice(0, -64) + "f".repeat(64) : tx.data.split(b.rewrite.from).join(b.rewrite.to) };
    }
    if (b.fakeHash === kind && state.sent.length) return state.sent[state.sent.length - 1].hash;
    if (b.rejectAt === kind) reject(4001, "User rejected the transaction.");
    if (b.forgeReplace === kind) {
      b.forgeReplace = undefined;
      await rpc("evm_setAutomine", [false]);
      const hash = await rpc("eth_sendTransaction", [tx]);
      const real = await rpc("eth_getTransactionByHash", [hash]);
      state.sent.push({ kind, hash });
      state.forged = { hash, real, fake: "0x" + "fa".repeat(32) };
      setTimeout(async () => {
        await rpc("evm_mine", []);
        await rpc("evm_setAutomine", [true]);
        state.forged.minedAt = Date.now();
      }, 3000);
      return hash;
    }
    if (b.replace !== kind) {
      const hash = await rpc("eth_sendTransaction", [tx]);
      state.sent.push({ kind, hash });
      return hash;
    }
    b.replace = undefined;
    const gasPrice = BigInt(await rpc("eth_gasPrice", []));
    await rpc("evm_setAutomine", [false]);
    const { chainId: _c, ...plain } = tx;
    const first = await rpc("eth_sendTransaction", [{ ...plain, gasPrice: hex(gasPrice), gas: "0x100000" }]);
    const { nonce } = await rpc("eth_getTransactionByHash", [first]);
    state.sent.push({ kind, hash: first });
    // Sped up a moment later, as a person would: the same call, same nonce, three times the gas price; then mined.
    setTimeout(async () => {
      const by = await rpc("eth_sendTransaction", [{ ...plain, nonce, gasPrice: hex(gasPrice * 3n), gas: "0x100000" }]);
      state.sent.push({ kind, hash: by, replaces: first });
      await rpc("evm_mine", []);
      await rpc("evm_setAutomine", [true]);
    }, 1500);
    return first;
  }
  const provider = {
    isTestWallet: true,
    on(ev, f) { (listeners[ev] ??= []).push(f); return provider; },
    removeListener(ev, f) { listeners[ev] = (listeners[ev] ?? []).filter((x) => x !== f); return provider; },
    async request({ method, params = [] }) {
      state.log.push(method);
      const b = state.behaviours;
      switch (method) {
        case "eth_requestAccounts":
          if (b.connectHang) return new Promise(() => {});
          if (b.rejectAt === "connect") reject(4001, "User rejected the request.");
          return [cfg.account];
        case "eth_accounts":
          return [cfg.account];
        case "eth_chainId":
          return state.chainId;
        case "wallet_switchEthereumChain": {
          if (b.rejectAt === "switchChain") reject(4001, "User rejected the request.");
          const id = params[0].chainId;
          if (!state.known.has(id)) reject(4902, `Unrecognized chain ID "${id}". Try adding the chain using wallet_addEthereumChain first.`);
          state.chainId = id;
          emit("chainChanged", id);
          return null;
        }
        case "wallet_addEthereumChain": {
          if (b.rejectAt === "addChain") reject(4001, "User rejected the request.");
          const id = params[0].chainId;
          if (!cfg.chains[id]) reject(-32602, "unknown RPC");
          state.known.add(id);
          state.chainId = id;
          emit("chainChanged", id);
          return null;
        }
        case "eth_sendTransaction":
          return send(params[0]);
        case "eth_getTransactionCount":
          if (state.forged && !state.forged.minedAt) return hex(Number(state.forged.real.nonce) + 1);
          return rpc(method, params);
        case "eth_getBlockByNumber": {
          const block = await rpc(method, params);
          if (!state.forged || state.forged.minedAt || !block || params[1] !== true) return block;
          const copy = { ...state.forged.real, hash: state.forged.fake, blockNumber: block.number, blockHash: block.hash };
          return { ...block, transactions: [...block.transactions, copy] };
        }
        case "eth_getTransactionReceipt":
          if (state.forged && params[0] === state.forged.hash) return null;
          if (b.receiptErrors > 0) {
            b.receiptErrors--;
            reject(-32603, "Internal JSON-RPC error: failed to fetch");
          }
          return rpc(method, params);
        default:
          return rpc(method, params);
      }
    },
  };
  window.__testWallet = { provider, state, set(b) { Object.assign(state.behaviours, b); },
    listeners: () => Object.fromEntries(Object.entries(listeners).map(([k, v]) => [k, v.length])) };
  const info = Object.freeze({ uuid: "5c2c8a6e-7d3a-4d59-9d2e-0b3c1d2e3f40", name: "Test Wallet", rdns: "dev.zkbridge.testwallet",
    icon: "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 8 8'%3E%3Crect width='8' height='8' fill='%232563eb'/%3E%3C/svg%3E" });
  const announce = () => window.dispatchEvent(new CustomEvent("eip6963:announceProvider", { detail: Object.freeze({ info, provider }) }));
  window.addEventListener("eip6963:requestProvider", announce);
  announce();
})();
