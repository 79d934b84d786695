// Types of the package's wallet module (`zkbridge-light/wallet`, wallet.js): EIP-6963 wallet discovery and the injected-wallet
// burn flow. Written by hand against js/wallet.js. mipd's own types need the DOM lib and viem, so its store is declared
// structurally here (`WalletStore`): mipd's `Store` fits it.

import type { BridgeClient, BurnParams, BurnReceipt, BurnTx, Eip1193Provider, Hex, MappingOp } from "./zkbridge_light.js";

/**
 * EIP-1193's code for a request the user rejected: `sendBurn` resolves `{ status: "cancelled" }` then.
 * @example
 * if (walletError.code === USER_REJECTED) console.log("rejected in the wallet");
 */
export declare const USER_REJECTED: 4001;

/**
 * EIP-3326's code for a chain the wallet does not know: `sendBurn` then asks the wallet to add it.
 * @example
 * if (isBridgeError(e) && e.walletCode === UNRECOGNIZED_CHAIN) console.log("the wallet does not know the chain");
 */
export declare const UNRECOGNIZED_CHAIN: 4902;

/**
 * The codes this module's own errors carry (a wallet's own error becomes `WALLET_ERROR`, its EIP-1193 number as
 * `walletCode`).
 * @example
 * WALLET_CODES.includes("BUSY"); // true
 */
export declare const WALLET_CODES: readonly [
  "NO_PROVIDER",
  "MISSING_FIELD",
  "WALLET_CHANGED",
  "TX_REVERTED",
  "RECEIPT_TIMEOUT",
  "NO_ACCOUNT",
  "WRONG_ACCOUNT",
  "WRONG_CHAIN",
  "TX_REPLACED",
  "BUSY",
  "INVALID_HASH",
  "WALLET_TIMEOUT",
  "WALLET_ERROR",
];

/**
 * A code of this module's errors (`WALLET_CODES`).
 * @example
 * const transient = (code: WalletCode) => code === "WALLET_TIMEOUT" || code === "RECEIPT_TIMEOUT";
 */
export type WalletCode = (typeof WALLET_CODES)[number];

/**
 * EIP-6963 wallet metadata. Render `icon` only through an `<img src>` (a data URI supplied by the wallet).
 * @example
 * const label = `${wallet.info.name} (${wallet.info.rdns})`;
 */
export interface WalletInfo {
  readonly uuid: string;
  readonly name: string;
  /** A data URI supplied by the wallet. */
  readonly icon: string;
  /** Reverse DNS name, e.g. `"io.metamask"`. */
  readonly rdns: string;
}

/**
 * A wallet that announced itself (EIP-6963), or the `window.ethereum` fallback.
 * @example
 * const [wallet] = await discoverWallets();
 * await sendBurn(wallet.provider, params, { chain });
 */
export interface WalletDetail {
  readonly info: WalletInfo;
  readonly provider: Eip1193Provider;
}

/**
 * Called with every wallet of the store when it changes (`added`, `removed`: what changed).
 * @example
 * const listener: WalletListener = (wallets) => render(wallets.map((w) => w.info.name));
 */
export type WalletListener = (
  wallets: readonly WalletDetail[],
  meta?: { readonly added?: readonly WalletDetail[] | undefined; readonly removed?: readonly WalletDetail[] | undefined } | undefined,
) => void;

/**
 * The page's EIP-6963 store (mipd's `Store`): every wallet that announced itself, in order, de-duplicated by `info.uuid`.
 * @example
 * const unsubscribe = walletStore()?.subscribe((wallets) => render(wallets), { emitImmediately: true });
 */
export interface WalletStore {
  /** Clears the store's wallets. */
  clear(): void;
  /** Clears the store's wallets and listeners. */
  destroy(): void;
  /** The wallet with that reverse DNS name, if it announced itself. */
  findProvider(args: { readonly rdns: string }): WalletDetail | undefined;
  /** Every wallet that announced itself. */
  getProviders(): readonly WalletDetail[];
  /** Clears the store and asks wallets to announce themselves again. */
  reset(): void;
  /** Follows changes; returns the function that stops following. */
  subscribe(listener: WalletListener, args?: { readonly emitImmediately?: boolean | undefined } | undefined): () => void;
}

/**
 * The page's one EIP-6963 store (made on first use), including wallets that announce late; `undefined` outside a browser
 * window.
 * @example
 * walletStore()?.subscribe((wallets) => render(wallets));
 */
export declare function walletStore(): WalletStore | undefined;

/**
 * Discovers injected wallets with EIP-6963 (through {@link walletStore}); falls back to the window's `ethereum` when
 * nothing announced itself within `timeoutMs` (default 300). `target` stands for the window (its `ethereum` is the
 * fallback; EIP-6963 is only listened for on the real window); without one (outside a browser) it resolves `[]`.
 * @example
 * const wallets = await discoverWallets({ timeoutMs: 500 });
 */
export declare function discoverWallets(options?: { readonly timeoutMs?: number; readonly target?: object | null }): Promise<WalletDetail[]>;

/**
 * EIP-3085 `AddEthereumChainParameter`: the chain the wallet is switched to (and asked to add when it does not know it).
 * @example
 * const chain: AddEthereumChainParameter = { chainId: "0x7919", chainName: "Chain A",
 *   nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 }, rpcUrls: ["http://127.0.0.1:8545"] };
 */
export interface AddEthereumChainParameter {
  /** `0x` hex. */
  readonly chainId: string;
  readonly chainName: string;
  readonly nativeCurrency: { readonly name: string; readonly symbol: string; readonly decimals: number };
  readonly rpcUrls: readonly string[];
  readonly blockExplorerUrls?: readonly string[];
  readonly iconUrls?: readonly string[];
}

/**
 * `buildBurn`'s parameters without `chainId` and `allowance` (taken from `options.chain` and read from the chain); `from`
 * is optional: the wallet's first account is used, and a different one is refused (`WRONG_ACCOUNT`).
 * @example
 * const params: SendBurnParams = { fromChainId: 1, bridge, token, decimals: 6, amount: "12.5", toChainId: 4, to, nonce: 7, withdrawFee: 10 };
 */
export interface SendBurnParams extends Omit<BurnParams, "chainId" | "allowance" | "from"> {
  readonly from?: string;
}

/**
 * A step of `sendBurn`'s flow.
 * @example
 * const failedAt: SendBurnStepName = "approveReceipt";
 */
export type SendBurnStepName = "connect" | "switchChain" | "addChain" | "allowance" | "approve" | "approveReceipt" | "burn" | "burnReceipt";

/**
 * What `onStep` is told as the flow goes (discriminated on `step`).
 * @example
 * const onStep = (s: SendBurnStep) => { if (s.step === "burn") console.log("confirm in your wallet", s.tx.data); };
 */
export type SendBurnStep =
  | { readonly step: "connect" | "allowance" }
  | { readonly step: "switchChain" | "addChain"; readonly chainId: string }
  | { readonly step: "approve" | "burn"; readonly tx: BurnTx }
  | { readonly step: "approveReceipt" | "burnReceipt"; readonly hash: Hex; readonly replaces?: Hex };

/**
 * What `onTx` is told: the moment the wallet returns a transaction hash (store it then), and when a sped-up transaction
 * replaced it (`replaces`).
 * @example
 * const onTx = (t: SentTransaction) => localStorage.setItem(`tx:${t.step}`, t.hash);
 */
export type SentTransaction =
  | { readonly step: "approve" | "burn"; readonly hash: Hex; readonly replaces?: undefined }
  | { readonly step: "approveReceipt" | "burnReceipt"; readonly hash: Hex; readonly replaces: Hex };

/**
 * The options of `sendBurn`.
 * @example
 * const options: SendBurnOptions = { chain, client, onTx: ({ hash }) => client.remember({ chainId: 1, txHash: hash }) };
 */
export interface SendBurnOptions {
  /** The source chain (EIP-3085); required (`MISSING_FIELD`). */
  readonly chain: AddEthereumChainParameter;
  /**
   * A `BridgeClient` of the deployment: each transaction is simulated through its endpoints first (`WOULD_REVERT`) and
   * followed on them, not through the wallet (`TX_MISMATCH` when the chain holds another transaction).
   */
  readonly client?: BridgeClient;
  /** Called at each step (connect, switchChain, addChain, allowance, approve, approveReceipt, burn, burnReceipt). */
  readonly onStep?: (step: SendBurnStep) => void;
  /** Called the moment the wallet returns a hash (store it then), and once a replacement is confirmed on the chain. */
  readonly onTx?: (tx: SentTransaction) => void;
  /** Between receipt polls (default 500). */
  readonly pollMs?: number;
  /** How long to wait for a receipt (default 120000: `RECEIPT_TIMEOUT`). */
  readonly receiptTimeoutMs?: number;
  /** Transient receipt-read errors in a row before giving up (default 5). */
  readonly retries?: number;
  /** How long `eth_chainId` and `eth_call` may take (default 10000: `WALLET_TIMEOUT`). */
  readonly readTimeoutMs?: number;
}

/**
 * The burn was sent and mined: its hashes and its op (with a `client`, the op read from the chain; without, decoded from
 * the wallet's receipt, with `opType`, `serialId` and `txHash`).
 * @example
 * if (r.status === "sent") await client.track({ chainId: r.op.fromChainId, txHash: r.burnTx });
 */
export interface SendBurnSent {
  readonly status: "sent";
  readonly approveTx?: Hex;
  readonly burnTx: Hex;
  readonly op: MappingOp | BurnReceipt;
  /** Sped-up transactions that were followed by their nonce. */
  readonly replaced?: readonly { readonly step: "approveReceipt" | "burnReceipt"; readonly hash: Hex; readonly by: Hex }[];
}

/**
 * The user rejected a request (EIP-1193 4001) at `step`; `approveTx`: an approval already mined, whose allowance stands.
 * @example
 * if (r.status === "cancelled") console.log(`cancelled at ${r.step}`);
 */
export interface SendBurnCancelled {
  readonly status: "cancelled";
  readonly step: "connect" | "switchChain" | "addChain" | "allowance" | "approve" | "burn";
  readonly approveTx?: Hex;
}

/**
 * What `sendBurn` resolves to.
 * @example
 * const r: SendBurnResult = await sendBurn(provider, params, { chain });
 */
export type SendBurnResult = SendBurnSent | SendBurnCancelled;

/**
 * Sends a burn through an injected wallet: connect → switch (or add) the chain → read the allowance → approve (only when
 * needed) → burn, and returns the burn read back. Loads the wasm itself. One flow per wallet at a time (`BUSY`). Errors are
 * `BridgeError`s (`WALLET_ERROR`, `WALLET_CHANGED`, `TX_REVERTED`, `TX_REPLACED`, `RECEIPT_TIMEOUT`, …) carrying `step`,
 * `approveTx` and `burnTx` once anything was broadcast.
 * @example
 * const r = await sendBurn(wallet.provider, { fromChainId: 1, bridge, token, decimals: 6, amount: "12.5", toChainId: 4,
 *   to, nonce: 7, withdrawFee: 10 }, { chain, client, onTx: ({ hash }) => save(hash) });
 */
export declare function sendBurn(provider: Eip1193Provider, params: SendBurnParams, options: SendBurnOptions): Promise<SendBurnResult>;
