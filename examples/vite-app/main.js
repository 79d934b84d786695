// A dapp built with Vite, no configuration: the package's .wasm and its module Worker are found by the bundler through
// `new URL(…, import.meta.url)`. It verifies the devnet's block-1 proof on the page, then starts a BridgeClient (its core
// runs in the Worker) whose endpoints do not answer, so its first error comes back from the Worker. Given a deployment and
// a burn (`?deployment=URL&chainId=1&tx=0x…`), it then follows the burn to its mint.
import init, { BridgeClient, Groth16Verifier, blockPublicInput, isBridgeError } from "zkbridge-light";
import sample from "./verify-block.json";

async function main() {
  await init();
  const verifier = new Groth16Verifier(sample.vk);
  const input = blockPublicInput(sample.prevBlock, sample.block);
  const ok = verifier.verify(sample.proof, [input]);
  const tampered = verifier.verify(sample.proof, [(BigInt(input) + 1n).toString()]);
  verifier.free();

  const deployment = { vk: sample.vk, genesis: sample.prevBlock, tokens: [], chains: [1, 2].map((id) => ({ chainId: id,
    evmChainId: 31336 + id, bridge: "0x" + String(id).repeat(40), deployBlock: 0, rpcUrl: "http://127.0.0.1:29591/" })) };
  const client = new BridgeClient({ deployment, storage: null, retries: 0, timeoutMs: 500 });
  let worker;
  try {
    await client.verify(1);
    worker = { error: null };
  } catch (e) {
    worker = { bridgeError: isBridgeError(e), code: e.code, runsIn: client.runsIn };
  } finally {
    client.close();
  }
  window.__result = { ok, tampered, worker };
  document.getElementById("out").textContent = JSON.stringify(window.__result);

  // `?deployment=URL&chainId=1&tx=0x…`: follow that burn to its mint, every stage checked in the Worker.
  const q = new URLSearchParams(location.search);
  if (q.has("deployment")) {
    const live = await (await fetch(q.get("deployment"))).json();
    const tracker = await BridgeClient.create({ deployment: live, storage: null });
    const stages = [];
    const r = await tracker.track({ chainId: Number(q.get("chainId")), txHash: q.get("tx") }, { onStage: (e) => stages.push(e.stage), pollMs: 300 });
    window.__tracked = { stages, approved: r.verdict.approved, mint: r.mint, runsIn: tracker.runsIn, verifiedIn: r.verdict.verifiedIn };
    tracker.close();
    document.getElementById("out").textContent = JSON.stringify(window.__tracked);
  }
}
main();
