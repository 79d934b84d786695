// The "Proof & block tools" tab: verify a snarkjs Groth16 proof, and judge a verifyBlock input, with the devnet's samples
// (copied into www/samples by scripts/build.sh). Everything runs in this page.
import { Groth16Verifier, verifyBlock } from "../pkg/zkbridge_light.js";

const $ = (id) => document.getElementById(id);

export function setUpTools(ready) {
  for (const id of ["vk", "proof", "public", "blockInput"]) {
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
  const show = (cls, text) => {
    const v = $("verdict");
    v.className = cls;
    v.textContent = text;
  };
  $("sample").addEventListener("click", async () => {
    for (const [id, f] of [["vk", "verification_key.json"], ["proof", "proof.json"], ["public", "public.json"]]) {
      $(id).value = await (await fetch(`./samples/${f}`)).text();
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
      show(ok ? "ok" : "bad", ok ? `✔ Valid proof (${verifier.nPublic} public input${verifier.nPublic === 1 ? "" : "s"}; ${ms})` : `✘ Invalid proof: it does not verify (${ms})`);
    } catch (e) {
      show("err", `Malformed input: ${e.code || "ERROR"}: ${e.message}`);
    } finally {
      verifier?.free();
    }
  });
  $("blockSample").addEventListener("click", async () => {
    $("blockInput").value = await (await fetch("./samples/verify-block.json")).text();
  });
  $("verifyBlock").addEventListener("click", async () => {
    await ready;
    const out = $("blockVerdict");
    out.replaceChildren();
    try {
      const t0 = performance.now();
      const v = verifyBlock($("blockInput").value);
      const ms = (performance.now() - t0).toFixed(1);
      out.className = v.approved ? "ok" : "bad";
      const head = document.createElement("div");
      head.textContent = `${v.approved ? "✔ Approved" : "✘ Not approved"}: block ${v.blockNumber}, final root ${v.finalRoot} (${ms} ms)`;
      out.append(head);
      let failed = false;
      for (const st of v.stages) {
        const line = document.createElement("div");
        const state = failed ? "skipped" : st.ok ? "ok" : "bad";
        line.className = `stage ${state}`;
        line.textContent = st.stage + (state === "skipped" ? ": not reached (an earlier stage failed)" : st.ok ? ""
          : ": " + st.codes.map((c) => c.code + (c.chainId !== undefined ? ` (chain ${c.chainId})` : "")).join(", "));
        out.append(line);
        failed ||= !st.ok;
      }
    } catch (e) {
      out.className = "err";
      out.textContent = `Malformed input: ${e.code || "ERROR"}: ${e.message}`;
    }
  });
}
