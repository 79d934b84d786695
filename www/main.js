// The demo page: every check runs here, in the page, with the wasm module from ../pkg. The only requests are to this origin.
import init, { Groth16Verifier } from "../pkg/zkbridge_light.js";

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
  const base = "../tests/fixtures/iden3-jwz-authv2/";
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
