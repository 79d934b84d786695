// Node ≥ 20, with the package installed: `node verify.mjs <verify-block.json>` verifies a bridge block's Groth16 proof.
// The file is the devnet's committed sample (devnet/samples/verify-block.json in the repository): the verifying key, the
// proof, and the blocks its one public input is computed from. Prints `{ ok, tampered }`: the real public input verifies,
// a changed one does not.
import fs from "node:fs";
import init, { verifyGroth16, blockPublicInput, isBridgeError } from "zkbridge-light";

const sample = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
await init(); // reads the .wasm from disk: no argument needed in Node
const input = blockPublicInput(sample.prevBlock, sample.block);
const ok = verifyGroth16(sample.vk, sample.proof, [input]);
const tampered = verifyGroth16(sample.vk, sample.proof, [(BigInt(input) + 1n).toString()]);
let malformed = null;
try {
  verifyGroth16(sample.vk, sample.proof, ["not a number"]);
} catch (e) {
  malformed = isBridgeError(e) ? e.code : `not a BridgeError: ${e}`;
}
console.log(JSON.stringify({ ok, tampered, malformed }));
