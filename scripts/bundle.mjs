// The package's JS as few modules as a page needs (issue 21, cold start): rolldown (a dev dependency, nothing downloaded)
// bundles the staged modules (js/*.js with the entry as zkbridge_light.js, and the wasm-bindgen glue
// zkbridge_light_core.js) into pkg/. In a fresh browser profile the entry's module graph, about ten modules fetched
// level by level, was half of the cold start (import 74 ms against 16 ms bundled, measured side by side).
//
// - `zkbridge_light.js`, `wallet.js`, `node.js`: one build, so they share one copy of the code (one wasm instance, one
//   BridgeError class): each entry keeps exactly its own exports (`preserveEntrySignatures: "strict"`), and what they
//   share is one module, `zkbridge_light_lib.js`. A page loads the entry and that module: two requests, not ten.
// - `worker.js`: its own single module (a Worker is its own JS realm, so its copy of the code is not shared anyway).
// Not minified: the shipped JS stays readable.
//
// Usage: node scripts/bundle.mjs <staged dir> <out dir>
import { build } from "rolldown";
import path from "node:path";

const [stage, out] = process.argv.slice(2).map((p) => path.resolve(p));
if (!stage || !out) throw new Error("usage: node scripts/bundle.mjs <staged dir> <out dir>");
const common = { logLevel: "warn", onLog: (level, log) => { throw new Error(`rolldown ${level}: ${log.message}`); } };
await build({
  ...common,
  input: { zkbridge_light: `${stage}/zkbridge_light.js`, wallet: `${stage}/wallet.js`, node: `${stage}/node.js` },
  external: ["mipd", /^node:/],
  preserveEntrySignatures: "strict",
  output: { dir: out, format: "esm", entryFileNames: "[name].js", chunkFileNames: "zkbridge_light_lib.js" },
});
await build({
  ...common,
  input: { worker: `${stage}/worker.js` },
  output: { dir: out, format: "esm", entryFileNames: "[name].js" },
});
