// The demo page: every check runs here, in the page, with the wasm module from ../pkg. The only requests are to this origin.
import init, { Groth16Verifier, verifyBlock } from "../pkg/zkbridge_light.js";
import { discoverWallets, sendBurn } from "../pkg/wallet.js";

const $ = (id) => document.getElementById(id);
const ready = init();

for (const id of ["vk", "proof", "public"]) {
  const area = $(id);
  area.addEventListener("dragover", (e) => { e.preventDefault(); area.classList.add("drag"); });
  area.addEventListener("dragleave", () => area.classList.remove("drag"));
  area.addEventListener("drop", async (e) => {
    e.preventDefault();
    area.classList.remove("drag");
    const file = e.dataTransfer.files[0];
    if (file) area.value = await file.text();
  });
}

function show(cls, text) {
  const v = $("verdict");
  v.className = cls;
  v.textContent = text;
}

$("sample").addEventListener("click", async () => {
  const base = "./samples/";
  for (const [id, f] of [["vk", "verification_key.json"], ["proof", "proof.json"], ["public", "public.json"]]) {
    $(id).value = await (await fetch(base + f)).text();
  }
  show("", "Sample loaded. Press Verify.");
});

$("verify").addEventListener("click", async () => {
  await ready;
  const t0 = performance.now();
  let verifier;
  try {
    verifier = new Groth16Verifier($("vk").value);
    const t1 = performance.now();
    const ok = verifier.verify($("proof").value, $("public").value);
    const t2 = performance.now();
    const ms = `key preparation ${(t1 - t0).toFixed(1)} ms, verify ${(t2 - t1).toFixed(1)} ms`;
    show(ok ? "ok" : "bad", ok ? `✔ Valid proof (${verifier.nPublic} public inputs; ${ms})` : `✘ Invalid proof: it does not verify (${ms})`);
  } catch (e) {
    show("err", `Malformed input: ${e.code || "ERROR"}: ${e.message}`);
  } finally {
    verifier?.free();
  }
});

// Verify a block: the staged verdict.
$("blockSample").addEventListener("click", async () => {
  $("blockInput").value = await (await fetch("./samples/verify-block.json")).text();
});
$("verifyBlock").addEventListener("click", async () => {
  await ready;
  const out = $("blockVerdict");
  out.replaceChildren();
  try {
    const t0 = performance.now();
    const v = verifyBlock(JSON.parse($("blockInput").value));
    const ms = (performance.now() - t0).toFixed(1);
    out.className = v.approved ? "ok" : "bad";
    const head = document.createElement("div");
    head.textContent = `${v.approved ? "✔ Approved" : "✘ Not approved"}: block ${v.blockNumber}, final root ${v.finalRoot} (${ms} ms)`;
    out.append(head);
    for (const st of v.stages) {
      const line = document.createElement("div");
      line.className = `stage ${st.ok ? "ok" : "bad"}`;
      line.textContent = st.stage + (st.ok ? "" : ": " + st.codes.map((c) => c.code + (c.chainId !== undefined ? ` (chain ${c.chainId})` : "")).join(", "));
      out.append(line);
    }
  } catch (e) {
    out.className = "err";
    out.textContent = `Malformed input: ${e.code || "ERROR"}: ${e.message}`;
  }
});

// Burn through an injected wallet (EIP-6963, window.ethereum as fallback).
let chosen = null;
$("discover").addEventListener("click", async () => {
  const list = await discoverWallets();
  const box = $("wallets");
  box.replaceChildren();
  if (list.length === 0) box.textContent = "No wallet found in this browser.";
  for (const w of list) {
    const b = document.createElement("button");
    b.type = "button";
    if (w.info.icon) { const img = document.createElement("img"); img.src = w.info.icon; img.alt = ""; b.append(img); }
    b.append(document.createTextNode(w.info.name));
    b.addEventListener("click", () => {
      chosen = w;
      box.querySelectorAll("button").forEach((x) => x.classList.toggle("selected", x === b));
      $("sendBurn").disabled = false;
    });
    box.append(b);
  }
});
$("burnForm").addEventListener("submit", async (e) => {
  e.preventDefault();
  await ready;
  const f = Object.fromEntries(new FormData(e.target));
  const chain = { chainId: f.chainId, chainName: f.chainName, nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 }, rpcUrls: [f.rpcUrl] };
  const params = { fromChainId: Number(f.fromChainId), toChainId: Number(f.toChainId), bridge: f.bridge, token: f.token,
    decimals: Number(f.decimals), amount: f.amount, to: f.to, nonce: Number(f.nonce), withdrawFee: Number(f.withdrawFee) };
  const steps = $("steps");
  steps.replaceChildren();
  const result = $("burnResult");
  result.className = "";
  result.textContent = "";
  try {
    const r = await sendBurn(chosen.provider, params, { chain, onStep: (s) => { const li = document.createElement("li"); li.textContent = s.step; steps.append(li); } });
    if (r.status === "cancelled") { result.className = "err"; result.textContent = `Cancelled in the wallet at step ${r.step}; nothing further was sent.`; return; }
    result.className = "ok";
    result.textContent = `Burn sent: ${r.burnTx} (serial id ${r.op.serialId}, ${r.op.amount} at 18 decimals to ${r.op.to} on chain ${r.op.toChainId})`;
  } catch (err) {
    result.className = "err";
    result.textContent = `Error ${err.code ?? ""}: ${err.message}`;
  }
});
