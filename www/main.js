// The demo page: a person picks a wallet, burns tokens on one chain, and watches this browser check every step up to the
// mint on the other chain (the light client reads the chains itself and verifies in a Worker). Requests go only to this
// origin, the deployment's RPC endpoints and the wallet. `?deployment=URL` chooses the deployment file (default: the one
// `bash scripts/demo.sh` writes); a chain entry may list several endpoints in `rpcUrls`, all read and compared.
import init, {
  BridgeClient, BridgeError, balanceOfCall, checkRecipient, checksumAddress, counterCalls, decodeAllowance, exportEvidence, formatAmount, parseAmount,
  eventTopics, verifyEvidence,
} from "../pkg/zkbridge_light.js";
import { discoverWallets, sendBurn, walletStore } from "../pkg/wallet.js";
import { setUpTools } from "./tools.js";

const $ = (id) => document.getElementById(id);
const ready = init();
setUpTools(ready);

// ---- tabs (arrow keys move between them) ----
const tabs = [$("tab-bridge"), $("tab-tools")];
function selectTab(tab) {
  for (const t of tabs) {
    const on = t === tab;
    t.setAttribute("aria-selected", String(on));
    t.tabIndex = on ? 0 : -1;
    $(t.getAttribute("aria-controls")).hidden = !on;
  }
  tab.focus();
}
for (const t of tabs) {
  t.addEventListener("click", () => selectTab(t));
  t.addEventListener("keydown", (e) => {
    if (e.key === "ArrowRight" || e.key === "ArrowLeft") selectTab(tabs[(tabs.indexOf(t) + 1) % tabs.length]);
  });
}

// ---- small helpers ----
const short = (h) => `${h.slice(0, 10)}…${h.slice(-6)}`;
function say(el, cls, text) {
  el.className = `message ${cls}`;
  el.textContent = text;
}
async function rpc(url, method, params) {
  const r = await fetch(url, { method: "POST", headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }), signal: AbortSignal.timeout(5_000) });
  const j = await r.json();
  if (j.error) throw new BridgeError("RPC_ERROR", `${url}: ${j.error.message}`, { details: { rpcCode: j.error.code } });
  return j.result;
}

/** `who`'s balance of token `t` on `chain`, raw (a decimal string), read from the chain's first endpoint. */
async function balanceOf(chain, t, who) {
  return decodeAllowance(await rpc(chain.rpcUrl, "eth_call", [balanceOfCall(t.addresses[chain.chainId], who), "latest"]));
}

// ---- state ----
let deployment;
let client;
let wallet = null; // { info, provider }
let account = null;
let walletChain = null;
let lastVerdict = null;
const STATUS_WORDS = { pending: "being followed", minted: "minted", failed: "failed" };
const chainName = (id) => deployment.chains.find((c) => c.chainId === Number(id))?.name ?? `chain ${id}`;
const chainOf = (id) => deployment.chains.find((c) => c.chainId === Number(id));
const tokenOf = (symbol) => deployment.tokens.find((t) => t.symbol === symbol);

async function start() {
  const url = new URLSearchParams(location.search).get("deployment") ?? "../devnet/deployment.json";
  deploymentUrl = url;
  try {
    const r = await fetch(url, { cache: "no-store" });
    if (!r.ok) throw new BridgeError("RPC_ERROR", `HTTP ${r.status}`);
    loadedText = await r.text();
    deployment = JSON.parse(loadedText);
  } catch (e) {
    say($("setup"), "err", `No bridge deployment at ${url} (${e.message}). Start the devnet with "bash scripts/demo.sh", then reload.`);
    return;
  }
  await ready;
  // Every endpoint of a chain is read and compared (a chain entry may list several in `rpcUrls`).
  // `?timeoutMs=…&retries=…` tune the reads (default 3 s, 3 retries: a stalled endpoint gives RPC_TIMEOUT within 13.4 s).
  const q = new URLSearchParams(location.search);
  client = new BridgeClient({ deployment, rpc: Object.fromEntries(deployment.chains.map((c) => [c.chainId, c.rpcUrls ?? c.rpcUrl])),
    timeoutMs: Number(q.get("timeoutMs")) || 3_000, retries: q.has("retries") ? Number(q.get("retries")) : 3 });
  showTrust(url);
  fillForm();
  watchWallets();
  refreshChains();
  setInterval(() => { if (document.visibilityState === "visible") { refreshChains(); showOperator(); STAGES.forEach(showEstimate); } }, 2000);
  showOperator();
  // A reload or a closed tab: the burns stored the moment the wallet returned them are tracked again.
  const restored = await client.ready().catch(() => null);
  if (restored?.status === "resumed") say($("setup"), "ok", `Resumed from block ${restored.blockNumber}, verified earlier in this browser and still stored so by every chain.`);
  if (restored?.status === "discarded") say($("setup"), "err", `A stored checkpoint was discarded: ${restored.reason}. Verifying from the genesis block.`);
  // The transaction list comes back too: the burns the core's record rules kept, each with its status.
  const burns = client.tracked();
  for (const b of burns) addTx(`Burn on ${chainName(b.chainId)} (${STATUS_WORDS[b.status] ?? b.status}, saved before the reload)`, b.txHash);
  // The last burn still followed, else the last one kept; every other is listed under "Your burns" with its status.
  const open = burns.filter((b) => b.status === "pending");
  if (burns.length > 0) follow(open.length > 0 ? open[open.length - 1] : burns[burns.length - 1]);
  renderTracked();
}

// ---- the burns kept in this browser, each with the status the core's record rules keep ----
const FAILED_WORDS = {
  TX_REVERTED: "the transaction reverted on the chain",
  NO_BURN_IN_RECEIPT: "the transaction is no burn of this bridge",
  TX_NOT_FOUND: "no endpoint has seen the transaction for 30 minutes (never sent, dropped, or sent on another chain)",
};
function renderTracked() {
  const burns = client.tracked();
  $("trackedPanel").hidden = burns.length === 0;
  $("tracked").replaceChildren(...burns.map((b) => {
    const li = document.createElement("li");
    li.dataset.hash = b.txHash;
    li.dataset.status = b.status;
    const why = b.status === "failed" ? ` (${(b.codes ?? []).map((c) => FAILED_WORDS[c] ?? c).join("; ") || "no reason kept"})` : "";
    li.append(`Burn on ${chainName(b.chainId)}, `, Object.assign(document.createElement("code"), { textContent: short(b.txHash), title: b.txHash }),
      `: ${b.status === "pending" && following?.txHash !== b.txHash ? "not finished; Show follows it" : STATUS_WORDS[b.status] ?? b.status}${why}. `);
    if (following?.txHash !== b.txHash) {
      const show = Object.assign(document.createElement("button"), { type: "button", className: "secondary small", textContent: "Show" });
      show.addEventListener("click", () => { follow(b); renderTracked(); });
      li.append(show);
    }
    // Nothing still followed is removed; a failed or minted burn is the person's to drop.
    if (b.status !== "pending") {
      const drop = Object.assign(document.createElement("button"), { type: "button", className: "secondary small", textContent: "Remove" });
      drop.addEventListener("click", () => { client.forget(b.txHash); renderTracked(); });
      li.append(" ", drop);
    }
    return li;
  }));
}

// ---- the devnet operator (only when the deployment names its control endpoint: devnet only, never part of a verdict) ----
async function showOperator() {
  const url = deployment.operator?.controlUrl;
  const box = $("operatorStatus");
  if (typeof url !== "string") return;
  try {
    const s = await (await fetch(new URL("/status", url), { signal: AbortSignal.timeout(1500) })).json();
    box.hidden = !s.paused;
    box.textContent = s.paused ? `The devnet's operator is paused: no new block is sealed until it resumes (last block ${Number(s.lastBlock)}).` : "";
  } catch {
    box.hidden = false;
    box.textContent = "The devnet's operator does not answer: blocks may not be sealed.";
  }
}

// ---- the trust root, beside every verdict ----
function showTrust(url) {
  const from = new URL(url, location.href);
  const own = from.origin === location.origin;
  const t = client.trustRoot;
  const rows = [
    ["Deployment", `${from.href}${own ? " (this page's own origin)" : ` — from another origin, ${from.origin}`}`],
    ["Verifying key", `${t.keyHash} (hash computed in this browser from the key)`],
    ["Trust anchor", `block ${t.anchor}${t.anchor === 0 ? " (the deployment's genesis block)" : ""}`],
    ...t.chains.map((c) => [`${chainName(c.chainId)} endpoints`, c.single
      ? `${c.endpoints[0]} — only one endpoint: it is trusted not to withhold or misreport what ${chainName(c.chainId)} stores (add another to compare)`
      : `${c.endpoints.join(", ")} — compared on every read`]),
  ];
  const dl = $("trust");
  dl.replaceChildren(...rows.flatMap(([k, v]) => [Object.assign(document.createElement("dt"), { textContent: k }),
    Object.assign(document.createElement("dd"), { textContent: v })]));
  const banner = $("foreignDeployment");
  banner.hidden = own;
  if (!own) banner.textContent = `This page is using a deployment file from another origin (${from.origin}). It defines which bridge, key and chains are trusted: use it only if you trust that origin.`;
}

// ---- wallets (EIP-6963 through mipd's store; window.ethereum when nothing announces itself) ----
function watchWallets() {
  const render = (list) => {
    const box = $("wallets");
    box.replaceChildren();
    if (list.length === 0) { box.textContent = "Looking for wallets in this browser…"; return; }
    for (const w of list) {
      const b = document.createElement("button");
      b.type = "button";
      b.className = wallet?.info.uuid === w.info.uuid ? "wallet selected" : "wallet";
      b.dataset.uuid = w.info.uuid;
      if (w.info.icon) { const img = document.createElement("img"); img.src = w.info.icon; img.alt = ""; b.append(img); }
      b.append(document.createTextNode(w.info.name));
      b.addEventListener("click", () => connect(w));
      box.append(b);
    }
    // After a reload: the wallet chosen before (remembered by its rdns) is asked for its accounts without a prompt.
    const remembered = rememberedWallet();
    const again = !wallet && !triedSilent && list.find((w) => remembered && w.info.rdns === remembered);
    if (again) { triedSilent = true; connect(again, { silent: true }); }
  };
  walletStore()?.subscribe((list) => render(list), { emitImmediately: true });
  discoverWallets().then((list) => {
    if (list.length === 0) $("wallets").textContent = "No wallet found in this browser. Install a browser wallet that announces itself (EIP-6963), such as MetaMask, Rabby or Coinbase Wallet, then reload this page.";
    else render(list);
  });
}

const WALLET_KEY = "zkbridge-page:wallet";
let triedSilent = false;
// The one pair of listeners on the connected wallet's provider: removed when another wallet is chosen.
let listening = null;
function rememberedWallet() {
  try { return localStorage.getItem(WALLET_KEY); } catch { return null; }
}
// `silent`: a reload's reconnection, `eth_accounts` (never a prompt); nothing is said when the wallet shares no account.
async function connect(w, { silent = false } = {}) {
  let accounts;
  // A wallet that never answers is said so, instead of a silent wait.
  const slow = silent ? null : setTimeout(() => {
    $("account").textContent = `${w.info.name} has not answered yet: open it to approve the connection, or choose another wallet.`;
  }, 15_000);
  if (!silent) $("account").textContent = `Waiting for ${w.info.name}… (check its window)`;
  try {
    accounts = await w.provider.request({ method: silent ? "eth_accounts" : "eth_requestAccounts", params: [] });
    if (silent && !accounts?.[0]) return;
    wallet = w;
    document.querySelectorAll("#wallets button").forEach((b) => b.classList.toggle("selected", b.dataset.uuid === w.info.uuid));
    account = accounts?.[0] ? checksumAddress(accounts[0]) : null;
    walletChain = await w.provider.request({ method: "eth_chainId", params: [] });
  } catch (e) {
    if (silent) return;
    $("account").textContent = e?.code === 4001 ? "Connection cancelled in your wallet." : `The wallet did not connect: ${e?.message ?? e}`;
    return;
  } finally {
    clearTimeout(slow);
  }
  try { if (w.info.rdns) localStorage.setItem(WALLET_KEY, w.info.rdns); } catch { /* storage refused: no reconnection */ }
  // One pair of listeners, on the chosen wallet only, however often Connect is clicked; the previous wallet's are removed.
  if (listening?.provider !== w.provider) {
    if (listening) {
      listening.provider.removeListener?.("accountsChanged", listening.onAccounts);
      listening.provider.removeListener?.("chainChanged", listening.onChain);
    }
    const onAccounts = (a) => { account = a?.[0] ? checksumAddress(a[0]) : null; showAccount(); };
    const onChain = (c) => { walletChain = c; showAccount(); };
    w.provider.on?.("accountsChanged", onAccounts);
    w.provider.on?.("chainChanged", onChain);
    listening = { provider: w.provider, onAccounts, onChain };
  }
  showAccount();
}

function showAccount() {
  if (!account) { $("account").textContent = "No account connected."; $("send").disabled = true; return; }
  const on = deployment.chains.find((c) => c.evmChainId === Number(walletChain));
  $("account").textContent = `${wallet.info.name}: ${account} on ${on ? on.name : `an unknown chain (${walletChain})`}`;
  if (!$("recipient").value || $("recipient").dataset.auto === "1") { $("recipient").value = account; $("recipient").dataset.auto = "1"; }
  validate();
  showBalance();
}

// ---- the burn form ----
function fillForm() {
  const opt = (value, text) => Object.assign(document.createElement("option"), { value, textContent: text });
  $("fromChain").replaceChildren(...deployment.chains.map((c) => opt(c.chainId, c.name)));
  const others = () => {
    const from = Number($("fromChain").value);
    $("toChain").replaceChildren(...deployment.chains.filter((c) => c.chainId !== from).map((c) => opt(c.chainId, c.name)));
  };
  others();
  $("token").replaceChildren(...deployment.tokens.map((t) => opt(t.symbol, t.symbol)));
  $("fromChain").addEventListener("change", () => { others(); validate(); showBalance(); });
  $("toChain").addEventListener("change", validate);
  $("token").addEventListener("change", () => { validate(); showBalance(); });
  $("amount").addEventListener("input", validate);
  $("recipient").addEventListener("input", () => { $("recipient").dataset.auto = "0"; validate(); });
  $("burnForm").addEventListener("submit", (e) => { e.preventDefault(); burn(); });
  $("downloadEvidence").addEventListener("click", download);
  $("reloadDeployment").addEventListener("click", () => location.reload());
  setUpEvidenceDrop();
}

let balanceRaw = null;
async function showBalance() {
  balanceRaw = null;
  const t = tokenOf($("token").value);
  const c = chainOf($("fromChain").value);
  if (!account || !t || !c) { $("balance").textContent = ""; return; }
  try {
    balanceRaw = await balanceOf(c, t, account);
    $("balance").textContent = `Balance on ${c.name}: ${formatAmount(balanceRaw, t.decimals)} ${t.symbol}`;
  } catch (e) {
    $("balance").textContent = `Balance unavailable (${c.name} did not answer).`;
  }
  validate();
}

// Words for the core's codes; the rule itself is the core's (parseAmount). For INVALID_AMOUNT the shape of what was typed
// picks the most helpful words.
const AMOUNT_MESSAGES = {
  INVALID_AMOUNT: (t, a) => /^\d+,\d+$/.test(a) ? `Use a dot for decimals: ${a.replace(",", ".")}.`
    : /^\.\d+$/.test(a) ? `Write a digit before the dot: 0${a}.`
    : /^\d+\.$/.test(a) ? `Nothing after the dot: write ${a.slice(0, -1)}, or add decimals.`
    : "Enter an amount such as 12.5.",
  TOO_MANY_DECIMALS: (t) => `${t.symbol} has ${t.decimals} decimals at most.`,
  AMOUNT_TOO_LARGE: () => "That amount is larger than the bridge can carry.",
};
const RECIPIENT_MESSAGES = {
  BAD_CHECKSUM: "This address's capital letters do not match its checksum: check it.",
  ZERO_ADDRESS: "That is the zero address: tokens sent there are lost forever. Enter the recipient's address.",
  CONTRACT_RECIPIENT: "That is a contract of the destination chain (the bridge or the token): tokens sent there are stuck. Enter the recipient's own address.",
};
// The destination chain's bridge and token contracts, from the deployment: what a recipient must not be.
function destinationContracts(t) {
  const to = chainOf($("toChain").value);
  return [to?.bridge, t?.addresses?.[to?.chainId]].filter((a) => typeof a === "string");
}
function validate() {
  const t = tokenOf($("token").value);
  let ok = Boolean(account && t);
  const amount = $("amount").value.trim();
  let help = "";
  if (amount !== "" && t) {
    try {
      const raw = BigInt(parseAmount(amount, t.decimals));
      if (raw === 0n) { help = "Enter an amount above zero."; ok = false; }
      else if (balanceRaw !== null && raw > BigInt(balanceRaw)) { help = `More than your balance (${formatAmount(balanceRaw, t.decimals)} ${t.symbol}).`; ok = false; }
    } catch (e) {
      help = (AMOUNT_MESSAGES[e.code] ?? (() => e.message))(t, amount);
      ok = false;
    }
  } else ok = false;
  $("amountHelp").textContent = help;
  $("amount").setAttribute("aria-invalid", String(help !== ""));
  let rhelp = "";
  try {
    // The core's recipient rules (checkRecipient, what buildBurn checks too): never the zero address, never a contract
    // of the destination chain (its bridge or the token), where tokens would be stuck.
    if ($("recipient").value.trim()) checkRecipient($("recipient").value.trim(), destinationContracts(t));
    else ok = false;
  } catch (e) {
    rhelp = RECIPIENT_MESSAGES[e.code] ?? "Enter a 0x address of 40 hex digits.";
    ok = false;
  }
  $("recipientHelp").textContent = rhelp;
  const from = chainOf($("fromChain").value);
  const down = from && chainsDown.get(from.chainId);
  if (down) ok = false;
  $("send").disabled = !ok || inFlight;
  // Why Send is disabled, when the fields above do not already say it.
  $("sendHelp").textContent = inFlight ? "A burn is being sent: wait for your wallet and the chain."
    : !account ? "Connect a wallet first."
    : down ? `${from.name} does not answer (${down}): sending waits until it does.`
    : !ok && !help && !rhelp ? (amount === "" ? "Enter an amount." : $("recipient").value.trim() === "" ? "Enter a recipient." : "")
    : "";
  return ok;
}

function addTx(label, hash) {
  const li = document.createElement("li");
  li.dataset.hash = hash;
  li.append(`${label}: `, Object.assign(document.createElement("code"), { textContent: hash }));
  $("txs").append(li);
}

// One wallet flow at a time: Send stays disabled while one runs, whatever re-validates the form meanwhile (a chain switch,
// a balance refresh, typing).
let inFlight = false;
async function burn() {
  if (inFlight || !validate()) return;
  inFlight = true;
  let burnSent = false;
  const t = tokenOf($("token").value);
  const from = chainOf($("fromChain").value);
  const to = chainOf($("toChain").value);
  const amount = $("amount").value.trim();
  const chain = { chainId: "0x" + from.evmChainId.toString(16), chainName: from.name,
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 }, rpcUrls: [from.rpcUrl] };
  const params = { fromChainId: from.chainId, toChainId: to.chainId, bridge: from.bridge, token: t.addresses[from.chainId],
    decimals: t.decimals, amount, to: $("recipient").value.trim(), notTo: destinationContracts(t), nonce: crypto.getRandomValues(new Uint32Array(1))[0], withdrawFee: 0,
    // The account this page shows: the wallet must send from it (WRONG_ACCOUNT otherwise).
    from: account };
  const meta = { chainId: from.chainId, amount, symbol: t.symbol, decimals: t.decimals, toChainId: to.chainId, to: checksumAddress(params.to) };
  $("txs").replaceChildren();
  $("send").disabled = true;
  resetTimeline();
  const msg = $("burnMessage");
  const STEP_TEXT = { connect: "Connecting to your wallet…", switchChain: `Asking your wallet to switch to ${from.name}…`,
    addChain: `Asking your wallet to add ${from.name}…`, allowance: "Reading your allowance…",
    approve: `Confirm in your wallet: allow the bridge to spend ${amount} ${t.symbol}.`, approveReceipt: "Waiting for the approval to be mined…",
    burn: `Confirm in your wallet: burn ${amount} ${t.symbol} on ${from.name} for ${to.name}.`, burnReceipt: "Waiting for the burn to be mined…" };
  try {
    const r = await sendBurn(wallet.provider, params, {
      chain,
      // What the wallet reports mined is read back from this page's endpoints and compared with what was built.
      client,
      onStep: ({ step }) => say(msg, "", STEP_TEXT[step] ?? step),
      // Nothing lost: each hash is shown, and the burn stored for tracking, the moment the wallet returns it.
      onTx: ({ step, hash, replaces }) => {
        if (step === "burn" || step === "burnReceipt") burnSent = true;
        addTx(replaces ? `${step === "burnReceipt" || step === "burn" ? "Burn" : "Approval"} (replaced ${short(replaces)})` : step === "approve" ? "Approval" : "Burn", hash);
        if (step === "burn" || step === "burnReceipt") client.remember({ ...meta, txHash: hash });
        // A replacement is reported once the chain's endpoints show it mined with the original's nonce: only then is the
        // original dropped (the wallet's word never erases a burn).
        if (replaces) client.forget(replaces);
        renderTracked();
      },
    });
    if (r.status === "cancelled") {
      say(msg, "err", r.approveTx
        ? `Cancelled in your wallet. Your approval (${short(r.approveTx)}) stands: the bridge may spend up to ${amount} ${t.symbol}, and the next burn will not ask for it again. Nothing else was sent.`
        : "Cancelled in your wallet. Nothing was sent.");
      return;
    }
    say(msg, "ok", `Burn mined: ${formatAmount(r.op.l2Amount, 18)} ${t.symbol} leave ${from.name} for ${to.name}.`);
    follow({ ...meta, txHash: r.burnTx });
  } catch (e) {
    const hashes = [e.approveTx && `approval ${e.approveTx}`, e.burnTx && `burn ${e.burnTx}`].filter(Boolean).join(", ");
    if (e.code === "TX_MISMATCH") {
      // The wallet sent something else than this page built: said plainly, and nothing about it is claimed.
      const stray = e.step === "approveReceipt" ? " If it was an approval, check it in your wallet and revoke it." : "";
      say(msg, "bad", `Your wallet sent something else than this page built: ${e.message}. Nothing more was sent.${stray}${hashes ? ` Sent so far: ${hashes}.` : ""}`);
      return;
    }
    if (e.code === "WOULD_REVERT") {
      say(msg, "err", `The ${e.step === "approve" ? "approval" : "burn"} would fail on ${from.name}, so your wallet was not asked to sign it (${e.message}).${hashes ? ` Sent so far: ${hashes}.` : ""}`);
      return;
    }
    say(msg, "err", `${e.walletCode === 4902 ? "Your wallet does not know this chain." : e.code === "INVALID_HASH" ? `Your wallet did not return a transaction hash (it returned ${e.returned}); check its activity list before sending again.` : e.code === "WALLET_TIMEOUT" ? "Your wallet stopped answering; open it, or reload the page." : e.code === "BUSY" ? "A burn is already being sent through this wallet." : e.code === "WALLET_CHANGED" ? "Your wallet changed account or chain mid-way; nothing more was sent." : `The wallet flow stopped at "${e.step ?? "?"}": ${e.message}`}${hashes ? ` Sent so far: ${hashes}.` : ""}`);
    if (e.burnTx) follow({ ...meta, txHash: e.burnTx });
  } finally {
    // A burn was sent: the form is cleared, so a second burn needs a new amount (one click never burns twice).
    if (burnSent) $("amount").value = "";
    inFlight = false;
    validate();
    showBalance();
  }
}

// ---- the timeline ----
// The core's stage vocabulary (track's events), one timeline item each.
const STAGES = ["burned", "committed", "proven", "synchronized", "executed", "minted"];
const item = (stage) => document.querySelector(`#timeline li[data-stage="${stage}"]`);
// Elapsed time per stage, from the browser's monotonic clock (performance.now), since this burn was first followed here.
let followedAt = null;
function mark(stage, state, detail) {
  const li = item(stage);
  li.dataset.state = state;
  if (detail !== undefined) li.querySelector(".detail").textContent = detail;
  if (state === "pending" && li.dataset.since === undefined) li.dataset.since = String(performance.now());
  if (state !== "pending") delete li.dataset.since;
  showEstimate(stage);
  let when = li.querySelector(".elapsed");
  if (state === "done" && followedAt !== null) {
    if (!when) { when = Object.assign(document.createElement("span"), { className: "elapsed" }); li.querySelector("strong").append(when); }
    const s = (performance.now() - followedAt) / 1000;
    when.textContent = ` · ${s < 60 ? `${s.toFixed(1)} s` : `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`}`;
  } else if (when && state !== "done") when.remove();
}
// ---- how long a stage usually takes on these chains (display only, never part of a verdict) ----
// The median gap between the bridge's own events over its last 20 committed blocks, from block timestamps: burned →
// committed (each request to the next commit), committed → proven → synchronized on the source chain, synchronized →
// executed on the destination. Read once per followed burn and cached; fewer than 3 samples: "no estimate yet". Only the
// last ESTIMATE_WINDOW EVM blocks of each chain are read (one eth_getLogs range per event, within what public endpoints
// allow), never the whole history from the deployment block.
const ESTIMATE_WINDOW = 5_000;
let estimates = null;
const blockTimes = new Map();
async function loadEstimates(from, to) {
  const topics = eventTopics();
  const since = new Map();
  const start = (c) => {
    if (!since.has(c.chainId)) {
      since.set(c.chainId, rpc(c.rpcUrl, "eth_blockNumber", []).then((head) => Math.max(Number(c.deployBlock ?? 0), Number(head) - ESTIMATE_WINDOW)));
    }
    return since.get(c.chainId);
  };
  const logs = async (c, name) => rpc(c.rpcUrl, "eth_getLogs", [{ address: c.bridge, topics: [topics[name]],
    fromBlock: "0x" + (await start(c)).toString(16), toBlock: "latest" }]);
  const time = async (c, l) => {
    const key = `${c.chainId}:${l.blockNumber}`;
    if (!blockTimes.has(key)) blockTimes.set(key, Number((await rpc(c.rpcUrl, "eth_getBlockByNumber", [l.blockNumber, false])).timestamp));
    return blockTimes.get(key);
  };
  const n = (l) => Number(BigInt(l.topics[1]));
  const [requests, committed, proven, synced] = await Promise.all(["NewPriorityRequest", "BlockCommitted", "BlockProven", "BlockSynchronized"].map((e) => logs(from, e)));
  const executed = await logs(to, "BlockExecuted");
  const at = (list) => new Map(list.map((l) => [n(l), l]));
  const [P, S, E] = [at(proven), at(synced), at(executed)];
  const gaps = { committed: [], proven: [], synchronized: [], executed: [] };
  const recent = committed.slice(-20);
  let prevEvm = recent.length && committed.length > recent.length ? Number(committed[committed.length - recent.length - 1].blockNumber) : -1;
  for (const c of recent) {
    const tc = await time(from, c);
    const evm = Number(c.blockNumber);
    for (const r of requests.filter((r) => Number(r.blockNumber) > prevEvm && Number(r.blockNumber) <= evm)) gaps.committed.push(tc - await time(from, r));
    prevEvm = evm;
    const p = P.get(n(c)); const s = S.get(n(c)); const e = E.get(n(c));
    if (p) gaps.proven.push(await time(from, p) - tc);
    if (p && s) gaps.synchronized.push(await time(from, s) - await time(from, p));
    if (s && e) gaps.executed.push(await time(to, e) - await time(from, s));
  }
  const median = (xs) => { const v = [...xs].sort((a, b) => a - b); return v.length < 3 ? null : v[Math.floor(v.length / 2)]; };
  return Object.fromEntries(Object.entries(gaps).map(([k, xs]) => [k, median(xs)]));
}
function showEstimate(stage) {
  const li = item(stage);
  let span = li.querySelector(".estimate");
  if (li.dataset.state !== "pending" || !estimates || !(stage in estimates)) { span?.remove(); return; }
  if (!span) { span = Object.assign(document.createElement("span"), { className: "estimate" }); li.querySelector("strong").append(span); }
  const est = estimates[stage];
  const waited = (performance.now() - Number(li.dataset.since)) / 1000;
  span.textContent = est === null ? " · no estimate yet"
    : ` · usually about ${Math.max(1, Math.round(est))} s${waited > 3 * Math.max(1, est) ? " — slower than usual" : ""}`;
}
function resetTimeline() {
  for (const s of STAGES) mark(s, "idle", "");
  say($("verdictMessage"), "", "");
  $("downloadEvidence").hidden = true;
  lastVerdict = null;
}
function failFrom(stage, detail) {
  const i = STAGES.indexOf(stage);
  mark(stage, "failed", detail);
  for (const s of STAGES.slice(i + 1)) mark(s, "unreached", "not reached");
}

// Why a verdict is not approved, in a person's words: the most telling finding first.
const WHY = [
  ["ROOT_MISMATCH", "synchronized", (who, n) => `${who} reports a different root for block ${n} — not approved.`],
  ["SYNC_HASH_MISMATCH", "synchronized", (who, n) => `${who} reports a different sync hash for block ${n} — not approved.`],
  ["RPC_DISAGREEMENT", "synchronized", (who, n, f) => `The endpoints of ${who} disagree about block ${n} (${f.detail ?? ""}) — not approved.`],
  ["PROOF_INVALID", "proven", (who, n) => `The zero-knowledge proof of block ${n} does not verify — not approved.`],
  ...["COMMITMENT_MISMATCH", "BAD_PUBDATA", "BLOCK_DATA_MISMATCH", "CHAIN_OPS_MISMATCH", "NOT_LINKED", "BLOCK_NUMBER_MISMATCH"].map((code) =>
    [code, "committed", (who, n) => `Block ${n} does not match what the chains committed (${code}) — not approved.`]),
  ["STORED_HASH_MISMATCH", "synchronized", (who, n) => `${who} answers inconsistently about block ${n} — not approved.`],
  ["CHECKPOINT_MISMATCH", "committed", (who, n) => `${who} no longer stores the block before ${n} as this browser verified it — not approved.`],
  ["PROOF_MISMATCH", "proven", (who, n) => `${who} holds another proof for block ${n} — not approved.`],
  ["BURN_NOT_IN_BLOCK", "committed", (who, n) => `Block ${n} does not carry your burn — not approved.`],
  ["MINT_MISMATCH", "minted", (who, n, f) => `The mint reported on ${who} does not match your burn (${f.detail}) — not confirmed.`],
];
function explain(v) {
  const found = v.stages.flatMap((s) => s.codes);
  for (const [code, stage, text] of WHY) {
    const f = found.find((x) => x.code === code);
    if (f) return { stage, text: text(f.chainId !== undefined ? chainName(f.chainId) : "a chain", v.blockNumber, f) };
  }
  const failed = v.stages.find((s) => !s.ok);
  const map = { reads: "synchronized", commit: "committed", zkVerify: "proven", consensus: "synchronized", execute: "executed", mint: "minted" };
  return { stage: map[failed?.stage] ?? "synchronized", text: `Block ${v.blockNumber} is not approved (${failed?.stage}: ${failed?.codes.map((c) => c.code).join(", ")}).` };
}

let following = null;
async function follow(b) {
  if (following?.txHash === b.txHash) return;
  following?.ctrl.abort();
  const ctrl = new AbortController();
  following = { txHash: b.txHash, ctrl };
  resetTimeline();
  followedAt = performance.now();
  const from = chainOf(b.chainId);
  estimates = null;
  loadEstimates(from, deployment.chains.find((c) => c.chainId !== from?.chainId) ?? from)
    .then((e) => { if (following?.txHash === b.txHash) { estimates = e; STAGES.forEach(showEstimate); } })
    .catch(() => { /* no estimate: the chains did not answer; the stages go on without one */ });
  // What is shown of the burn comes from its op (read back from the chain) and the deployment, never from storage.
  let t = { symbol: "", decimals: 18 };
  let dest = null;
  mark("burned", "pending", `Waiting for the burn ${short(b.txHash)} to be mined…`);
  const msg = $("verdictMessage");
  try {
    const { verdict, mint, mintCheck } = await client.track({ chainId: b.chainId, txHash: b.txHash }, {
      signal: ctrl.signal,
      pollMs: 500,
      onStage: (s) => {
        if (s.verdict) { lastVerdict = s.verdict; $("downloadEvidence").hidden = false; showVerdictChains(s.verdict); }
        switch (s.stage) {
          case "burned":
            t = deployment.tokens.find((x) => x.tokenId === s.op.tokenId) ?? { symbol: `token ${s.op.tokenId}`, decimals: 18 };
            dest = s.op.toChainId;
            mark("burned", "done", `${formatAmount(s.op.l2Amount, 18)} ${t.symbol} burned on ${chainName(s.op.fromChainId)} for ${s.op.to} on ${chainName(s.op.toChainId)} (tx ${short(s.txHash)}).`);
            mark("committed", "pending", "Waiting for the operator to commit your burn…");
            break;
          case "waiting":
            if (s.for === "receipt") say(msg, "", "Waiting for your burn to be mined.");
            else if (s.for === "proof") { mark("proven", "pending", "Waiting for the block's proof…"); say(msg, "", `Block ${s.blockNumber} carries your burn; waiting for its proof.`); }
            else if (s.for === "commit") say(msg, "", "Waiting for the operator to commit your burn.");
            else if (s.for === "execute") { mark("executed", "pending", `Waiting for ${chainName(dest)} to execute block ${s.blockNumber}…`); say(msg, "", `Block ${s.blockNumber} is approved so far; waiting for its execution on ${chainName(dest)}.`); }
            else { mark("minted", "pending", `Waiting for the mint on ${chainName(dest)}…`); say(msg, "", `Block ${s.blockNumber} is executed on ${chainName(dest)}; waiting for the mint.`); }
            break;
          case "committed":
            mark("committed", "done", `In block ${s.blockNumber} (the chain's BlockCommitted event).`);
            mark("proven", "pending", "Verifying the block's proof…");
            break;
          case "proven": {
            const li = item("proven");
            li.dataset.verifiedIn = s.verdict?.verifiedIn ?? "";
            const ms = s.verdict?.verifyMs;
            mark("proven", "done", `Commitment ${short(s.commitment ?? "")} recomputed and its Groth16 proof checked in this browser${li.dataset.verifiedIn === "worker" ? " (in a Web Worker)" : ""}${typeof ms === "number" ? `: ${ms.toFixed(1)} ms of verification` : ""}.`);
            mark("synchronized", "pending", "Comparing what each chain stored…");
            break;
          }
          case "synchronized": {
            const d = item("synchronized").querySelector(".detail");
            let table = d.querySelector("table.agree");
            if (!table) {
              mark("synchronized", "done", "");
              table = document.createElement("table");
              table.className = "agree stack";
              table.innerHTML = "<thead><tr><th scope='col'>Chain</th><th scope='col'>Stored root</th><th scope='col'>Sync hash</th></tr></thead>";
              table.createTBody();
              d.replaceChildren(Object.assign(document.createElement("div"), { className: "scroll" }));
              d.firstChild.append(table);
              mark("executed", "pending", `Waiting for ${chainName(dest)} to execute block ${s.blockNumber}…`);
            }
            const row = table.tBodies[0].insertRow();
            for (const [i, text] of [chainName(s.chainId), s.stateHash ?? "—", s.syncHash ?? "—"].entries()) {
              const cell = row.insertCell();
              cell.dataset.label = ["Chain", "Stored root", "Sync hash"][i];
              cell.append(Object.assign(document.createElement("code"), { textContent: text.startsWith("0x") ? short(text) : text, title: text }));
            }
            break;
          }
          case "executed":
            mark("executed", "done", `Block ${s.blockNumber} may be executed on ${chainName(s.chainId)}.`);
            mark("minted", "pending", `Waiting for the mint on ${chainName(dest)}…`);
            break;
          case "reorg":
            say(msg, "", `A chain reorganised (${s.codes?.[0]?.detail ?? ""}); checking again.`);
            break;
          default:
        }
      },
    });
    if (!mint) {
      const why = explain(verdict); // a tracked burn's verdict carries its mint stage once an endpoint shows a mint
      failFrom(why.stage, why.text);
      say(msg, "bad", why.text);
      return;
    }
    const destChain = chainOf(dest);
    let balance = "";
    try {
      const raw = await balanceOf(destChain, t, mint.to);
      balance = ` The recipient now holds ${formatAmount(raw, t.decimals)} ${t.symbol} on ${destChain.name}.`;
    } catch { /* the mint stands; only the balance is not shown */ }
    mark("minted", "done", `${formatAmount(mint.amount, t.decimals)} ${t.symbol} minted to ${mint.to} on ${destChain.name} (tx ${short(mint.txHash)}).${balance}`);
    say(msg, "ok", `Approved: block ${verdict.blockNumber} was verified in this browser, and ${destChain.name} minted your tokens.`);
  } catch (e) {
    if (e.code === "ABORTED") return;
    const pending = STAGES.find((s) => item(s).dataset.state === "pending") ?? "burned";
    mark(pending, "pending", `Interrupted: ${e.message}`);
    const kept = client.tracked().find((x) => x.txHash === b.txHash);
    const where = e.code === "RPC_TIMEOUT" ? "A chain did not answer in time, after retries" : `Reading the chains failed (${e.code})`;
    // A network failure is not the end: the stored burn is followed again, with a growing pause (2 s, 4 s, … 30 s).
    const again = kept && kept.status !== "failed" && ["RPC_TIMEOUT", "RPC_ERROR"].includes(e.code);
    const attempt = b.attempt ?? 0;
    const delay = Math.min(30_000, 2_000 * 2 ** attempt);
    if (kept?.status === "failed" && e.code in FAILED_WORDS) {
      mark("burned", "failed", e.message);
      say(msg, "bad", `This burn failed: ${FAILED_WORDS[e.code]}. Nothing was burned by it. It stays under "Your burns" until you remove it.`);
    } else if (kept?.status === "failed") say(msg, "bad", `${where}: ${e.message}. This burn cannot be followed (${(kept.codes ?? []).join(", ")}).`);
    else if (kept) say(msg, "err", `${where}: ${e.message}. Your burn is saved; reload the page to resume — or wait: it is tried again in ${delay / 1000} s.`);
    else say(msg, "err", `${where}: ${e.message}. Keep the transaction hash ${b.txHash} to follow it later.`);
    if (again) {
      setTimeout(() => {
        if (following?.txHash !== b.txHash) return; // another burn is followed now
        following = null;
        follow({ ...b, attempt: attempt + 1 });
      }, delay);
    }
  } finally {
    // The status the core stored for it (and for the burn followed before), shown under "Your burns".
    renderTracked();
  }
}

function download() {
  if (!lastVerdict) return;
  const url = URL.createObjectURL(new Blob([exportEvidence(lastVerdict)], { type: "application/json" }));
  const a = Object.assign(document.createElement("a"), { href: url, download: `evidence-block-${lastVerdict.blockNumber}.json` });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

// ---- evidence drop zone ----
// What the core found, in words: green only when every chain was asked again (anchored "chains").
function showEvidence(out, name, r, rechecked = false) {
  const n = r.verdict.blockNumber;
  const said = `block ${n} ${r.verdict.approved ? "approved" : "not approved"}`;
  const proofFails = r.verdict.stages.some((s) => s.stage === "zkVerify" && !s.ok);
  // (Asked again, a bundle that agreed offline and now differs: what differs is what the chains store.)
  if (!r.agrees && (r.anchored === "chains" || (rechecked && r.anchored === "key" && !proofFails))) return say(out, "bad", `✘ ${name}: the chains do not store what it records (${r.differences.join("; ")}).`);
  if (!r.agrees && proofFails) return say(out, "bad", `✘ ${name} is forged or corrupted: its proof does not verify under this deployment's key.`);
  if (!r.agrees) return say(out, "bad", `✘ ${name} does not hold: its verdict differs from the one its own data gives (${r.differences.join(", ")}).`);
  if (r.anchored === "chains") return say(out, "ok", `✔ ${name}: ${said}. Re-verified here under this deployment's key (${short(r.keyHash)}), and every chain stores blocks ${n - 1} and ${n} as recorded.`);
  say(out, "err", `${name} re-verifies offline under this deployment's key (${short(r.keyHash)}) to the same verdict (${said}). Offline this cannot show that the chains store that block: anyone with the public proving key can prove made-up block data. Re-check it against the chains.`);
}

function setUpEvidenceDrop() {
  const zone = $("dropZone");
  const out = $("evidenceResult");
  const again = $("recheckEvidence");
  let text = null;
  let name = "";
  const check = async (file) => {
    again.hidden = true;
    name = file.name;
    try {
      text = await file.text();
      const r = verifyEvidence(text, { deployment });
      showEvidence(out, name, r);
      again.hidden = !(r.agrees && r.anchored === "key");
    } catch (e) {
      const why = {
        FOREIGN_KEY: "was proven under another key than this deployment's: its verdict says nothing here",
        FOREIGN_ANCHOR: "starts from a block that is not this deployment's",
      }[e.code];
      say(out, why ? "bad" : "err", why ? `✘ ${name} ${why} (${e.code}).` : `✘ ${name} is not an evidence file (${e.code ?? "ERROR"}: ${e.message}).`);
    }
  };
  again.addEventListener("click", async () => {
    again.disabled = true;
    say(out, "err", `Asking every chain whether it stores the blocks ${name} records…`);
    try {
      showEvidence(out, name, await client.recheck(text), true);
      again.hidden = true;
    } catch (e) {
      say(out, "err", `The chains could not be asked (${e.code}: ${e.message}); nothing was concluded.`);
    } finally {
      again.disabled = false;
    }
  });
  zone.addEventListener("dragover", (e) => { e.preventDefault(); zone.classList.add("drag"); });
  zone.addEventListener("dragleave", () => zone.classList.remove("drag"));
  zone.addEventListener("drop", (e) => { e.preventDefault(); zone.classList.remove("drag"); if (e.dataTransfer.files[0]) check(e.dataTransfer.files[0]); });
  $("evidenceFile").addEventListener("change", (e) => { if (e.target.files[0]) check(e.target.files[0]); });
}

// ---- a stale deployment: when every chain stops answering, the deployment file is fetched again ----
// A changed file is a new trust root (other contracts, key or endpoints): it is never switched to silently; the person
// reloads with it. An unchanged one means the chains it lists are down (a stopped devnet).
let deploymentUrl = null;
let loadedText = null;
let deploymentCheck = false;
async function checkDeployment() {
  if (deploymentCheck) return;
  deploymentCheck = true;
  const box = $("staleDeployment");
  let text;
  try {
    const r = await fetch(deploymentUrl, { cache: "no-store", signal: AbortSignal.timeout(5_000) });
    if (!r.ok) throw new BridgeError("RPC_ERROR", `HTTP ${r.status}`);
    text = await r.text();
    JSON.parse(text);
  } catch (e) {
    $("staleText").textContent = `No chain of this deployment answers, and the deployment file at ${deploymentUrl} cannot be read now (${e.message}). If you run the devnet, start it again with "bash scripts/demo.sh".`;
    $("reloadDeployment").hidden = true;
    box.hidden = false;
    return;
  } finally {
    deploymentCheck = false;
  }
  const changed = text.trim() !== loadedText.trim();
  $("staleText").textContent = changed
    ? `No chain of the deployment this page loaded answers, and the deployment file at ${deploymentUrl} has changed since (the devnet was probably restarted). It is a new trust root: reload the page to use it.`
    : `No chain of this deployment answers, and the deployment file at ${deploymentUrl} still lists the same chains: they may be stopped. If you run the devnet, start it with "bash scripts/demo.sh".`;
  $("reloadDeployment").hidden = !changed;
  box.hidden = false;
}

// ---- the chain panel ----
// Chains whose endpoint did not answer (chainId → endpoint), and when to ask again (a growing pause: 2 s … 30 s).
const chainsDown = new Map();
let chainFailures = 0;
let nextChainRead = 0;
async function refreshChains() {
  // After a verdict, the table shows what the client read for it (every endpoint), so it agrees with the verdict.
  if (lastVerdict?.chains) return showVerdictChains(lastVerdict);
  // One round at a time (a round waits up to 5 s per silent chain), then the pause.
  if (chainRound || performance.now() < nextChainRead) return;
  chainRound = true;
  try {
    await readChains();
  } finally {
    chainRound = false;
  }
}
let chainRound = false;
async function readChains() {
  const calls = counterCalls();
  const body = document.querySelector("#chainTable tbody");
  const rows = await Promise.all(deployment.chains.map(async (c) => {
    const cells = [c.name];
    try {
      for (const k of ["totalBlocksCommitted", "totalBlocksProven", "totalBlocksSynchronized", "totalBlocksExecuted"]) {
        cells.push(decodeAllowance(await rpc(c.rpcUrl, "eth_call", [{ to: c.bridge, data: calls[k] }, "latest"])));
      }
      chainsDown.delete(c.chainId);
    } catch {
      cells.push("no answer", "", "", "");
      chainsDown.set(c.chainId, c.rpcUrl);
    }
    cells.push((c.rpcUrls ?? [c.rpcUrl]).join(" "));
    return cells;
  }));
  chainFailures = chainsDown.size > 0 ? chainFailures + 1 : 0;
  const pause = chainsDown.size > 0 ? Math.min(30_000, 2_000 * 2 ** (chainFailures - 1)) : 0;
  nextChainRead = performance.now() + pause;
  const banner = $("chainBanner");
  banner.hidden = chainsDown.size === 0;
  banner.textContent = [...chainsDown].map(([id, url]) => `${chainName(id)} does not answer at ${url}.`).join(" ")
    + (chainsDown.size > 0 ? ` Asking again in ${pause / 1000} s.` : "");
  $("chainsNote").textContent = "Read now from each chain's first endpoint (before any verdict).";
  if (chainsDown.size === deployment.chains.length) checkDeployment();
  else if (chainsDown.size === 0) $("staleDeployment").hidden = true;
  validate();
  renderChainRows(body, rows);
}
function showVerdictChains(v) {
  // The verdict's reads reached every endpoint of every chain: none is down.
  if (chainsDown.size > 0) { chainsDown.clear(); chainFailures = 0; $("chainBanner").hidden = true; validate(); }
  const body = document.querySelector("#chainTable tbody");
  const rows = v.chains.map((c) => [chainName(c.chainId), c.totalBlocksCommitted, c.totalBlocksProven, c.totalBlocksSynchronized,
    c.totalBlocksExecuted, v.reads.filter((r) => r.chainId === c.chainId).map((r) => `${r.endpoint} (EVM block ${r.evmBlockNumber})`).join(" ")]
    .map(String));
  $("chainsNote").textContent = `As read for the verdict on block ${v.blockNumber}, from every endpoint (the first endpoint's counters shown).`;
  renderChainRows(body, rows);
}
function renderChainRows(body, rows) {
  const labels = [...document.querySelectorAll("#chainTable thead th")].map((th) => th.textContent);
  body.replaceChildren(...rows.map((cells) => {
    const tr = document.createElement("tr");
    cells.forEach((text, i) => {
      const cell = Object.assign(document.createElement(i === 0 ? "th" : "td"), { textContent: text });
      if (i > 0) cell.dataset.label = labels[i] ?? "";
      tr.append(cell);
    });
    return tr;
  }));
}

start();
