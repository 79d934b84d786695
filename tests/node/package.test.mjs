// The npm package as a dapp meets it: `npm pack` of pkg/, installed offline (never from the registry) into a
// scratch consumer, then checked the way a TypeScript user and Node would: the manifest (version = Cargo.toml's, the files
// shipped), publint and arethetypeswrong (esm-only profile) clean, `tsc --strict` with `skipLibCheck: false` and
// `lib: ES2022` over a consumer that uses every export with negative type tests (tests/types/), every typed name present
// at run time (and every run-time name typed), examples/node verifying the devnet's proof with a bare `init()`, `init()`
// safe many times, NOT_INITIALIZED before it, and BridgeError from wasm, the wallet, the transports and (in Chromium) the
// Worker.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { root } from "./load.mjs";
import { serve } from "../../scripts/serve.mjs";
import { launch } from "./browser.mjs";
import { buildViteApp, installPackage, run as runIn } from "./installed.mjs";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "zkb-pkg-"));
const bin = (name) => path.join(root, "node_modules", ".bin", name);
let tarball, consumer;
const run = (cmd, args, cwd = consumer) => runIn(cmd, args, cwd);
/** Runs an ES module's text with Node in the consumer (so `zkbridge-light` resolves to the installed package). */
const inConsumer = (name, text) => {
  fs.writeFileSync(path.join(consumer, name), text);
  const r = run(process.execPath, [name]);
  assert.equal(r.status, 0, r.out);
  return JSON.parse(r.out.trim().split("\n").pop());
};

before(() => {
  ({ tarball, consumer } = installPackage(tmp));
});
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

test("the manifest: version = Cargo.toml's, exports for every subpath, only the listed files, no glue types", () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(root, "js", "package.json"), "utf8"));
  const cargo = fs.readFileSync(path.join(root, "Cargo.toml"), "utf8").match(/^version = "([^"]+)"/m)[1];
  assert.equal(manifest.version, cargo);
  assert.equal(manifest.repository, undefined, "no repository until a public one exists");
  assert.deepEqual(Object.keys(manifest.exports), [".", "./wallet", "./worker.js", "./zkbridge_light_bg.wasm", "./wide/zkbridge_light_wide.wasm", "./package.json"]);
  const installed = JSON.parse(fs.readFileSync(path.join(consumer, "node_modules", "zkbridge-light", "package.json"), "utf8"));
  assert.deepEqual(installed.exports, manifest.exports, "pkg/package.json is js/package.json, not rewritten");
  const files = execFileSync("tar", ["-tzf", tarball], { encoding: "utf8" }).trim().split("\n").map((f) => f.replace(/^package\//, "")).sort();
  assert.deepEqual(files, [...manifest.files, "package.json"].sort());
  assert.ok(!files.some((f) => /_core\.d\.ts$|_bg\.wasm\.d\.ts$/.test(f)), files.join());
  // The npm README is the one for npm users; both licences are shipped.
  const readme = fs.readFileSync(path.join(consumer, "node_modules", "zkbridge-light", "README.md"), "utf8");
  assert.match(readme, /npm install zkbridge-light/);
  assert.match(readme, /wasm-unsafe-eval/);
});

test("publint: all good", () => {
  const r = run(bin("publint"), ["run", tarball, "--strict"]);
  assert.equal(r.status, 0, r.out);
  assert.match(r.out, /All good/);
});

test("arethetypeswrong, esm-only profile: no problems on any subpath", () => {
  const r = run(bin("attw"), [tarball, "--profile", "esm-only", "--format", "ascii", "--no-emoji", "--no-color",
    "--exclude-entrypoints", "./zkbridge_light_bg.wasm", "./wide/zkbridge_light_wide.wasm", "./package.json"]);
  assert.equal(r.status, 0, r.out);
  // Each subpath resolves to its types, as ESM, in Node and in bundlers (CommonJS is out of this profile: ESM only).
  for (const sub of ['"zkbridge-light"', '"zkbridge-light/wallet"', '"zkbridge-light/worker.js"']) {
    const part = r.out.slice(r.out.indexOf(sub)).split("***")[0];
    assert.match(part, /node16 \(from ESM\): OK \(ESM\)/, part);
    assert.match(part, /bundler: OK/, part);
  }
});

test("tsc --strict, skipLibCheck false, lib ES2022: a consumer of every export compiles, and each negative type test is needed", () => {
  for (const f of fs.readdirSync(path.join(root, "tests", "types"))) fs.copyFileSync(path.join(root, "tests", "types", f), path.join(consumer, f));
  for (const config of ["tsconfig.json", "tsconfig.bundler.json"]) {
    const r = run(bin("tsc"), ["-p", config]);
    assert.equal(r.status, 0, `${config}:\n${r.out}`);
  }
  // Negative twin: with its @ts-expect-error removed, a misspelled verdict field fails to compile.
  const text = fs.readFileSync(path.join(consumer, "consumer.ts"), "utf8");
  const lines = text.split("\n");
  const at = lines.findIndex((l, i) => l.includes("@ts-expect-error") && /aproved/.test(lines[i + 1] ?? ""));
  assert.ok(at >= 0, "consumer.ts has a negative test on a misspelled `aproved`");
  lines.splice(at, 1);
  fs.writeFileSync(path.join(consumer, "consumer.ts"), lines.join("\n"));
  const r = run(bin("tsc"), ["-p", "tsconfig.json"]);
  assert.notEqual(r.status, 0);
  assert.match(r.out, /aproved/);
  fs.writeFileSync(path.join(consumer, "consumer.ts"), text);
});

test("every typed name exists at run time, and every run-time name is typed", async () => {
  const ts = (await import(path.join(root, "node_modules", "typescript", "lib", "typescript.js"))).default;
  const pkgDir = path.join(consumer, "node_modules", "zkbridge-light");
  const typed = (file) => {
    const program = ts.createProgram([path.join(pkgDir, file)], { strict: true, noEmit: true, lib: ["lib.es2022.d.ts"], types: [] });
    const checker = program.getTypeChecker();
    const sym = checker.getSymbolAtLocation(program.getSourceFile(path.join(pkgDir, file)));
    // Values only (a type alias or an interface has no run-time name to check).
    return checker.getExportsOfModule(sym).filter((s) => {
      const t = s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s;
      return (t.flags & ts.SymbolFlags.Value) !== 0;
    }).map((s) => s.name).sort();
  };
  const runtime = inConsumer("names.mjs", `const m = await import("zkbridge-light"); const w = await import("zkbridge-light/wallet");
    console.log(JSON.stringify([Object.keys(m).sort(), Object.keys(w).sort()]));`);
  assert.deepEqual(typed("zkbridge_light.d.ts"), runtime[0]);
  assert.deepEqual(typed("wallet.d.ts"), runtime[1]);
  // The names the glue has and the entry does not export are not typed (they would compile, then throw in Node).
  for (const ghost of ["judgeEvidence", "BridgeClientCore", "cleanRecord", "resumeFrom", "withCheckpoint"]) assert.ok(!runtime[0].includes(ghost), ghost);
});

test("the codes: ErrorCode and FindingCode (objects and type unions) hold exactly the Rust enums' codes", async () => {
  const lists = inConsumer("codes.mjs", `import init, * as m from "zkbridge-light"; await init();
    console.log(JSON.stringify({ errors: m.errorCodes(), findings: m.findingCodes(), errorObj: m.ErrorCode, findingObj: m.FindingCode,
      frozen: Object.isFrozen(m.ErrorCode) && Object.isFrozen(m.FindingCode) }));`);
  const asObj = (l) => Object.fromEntries(l.map((c) => [c, c]));
  assert.deepEqual(lists.errorObj, asObj(lists.errors));
  assert.deepEqual(lists.findingObj, asObj(lists.findings));
  assert.equal(lists.frozen, true);
  // The type unions, read with the TypeScript checker from the installed declarations.
  const ts = (await import(path.join(root, "node_modules", "typescript", "lib", "typescript.js"))).default;
  const file = path.join(consumer, "node_modules", "zkbridge-light", "zkbridge_light.d.ts");
  const program = ts.createProgram([file], { strict: true, noEmit: true, lib: ["lib.es2022.d.ts"], types: [] });
  const checker = program.getTypeChecker();
  const exports = checker.getExportsOfModule(checker.getSymbolAtLocation(program.getSourceFile(file)));
  const union = (name) => {
    const sym = exports.find((s) => s.name === name);
    const t = checker.getDeclaredTypeOfSymbol(sym);
    return (t.isUnion() ? t.types : [t]).map((x) => x.value).sort();
  };
  assert.deepEqual(union("ErrorCode"), [...lists.errors].sort());
  assert.deepEqual(union("FindingCode"), [...lists.findings].sort());
});

test("TypeDoc writes docs/api/ with warnings as errors; an export without docs fails it", () => {
  const typedoc = (args) => run(bin("typedoc"), args, root);
  const r = typedoc([]);
  assert.equal(r.status, 0, r.out);
  assert.ok(fs.existsSync(path.join(root, "docs", "api", "functions", "zkbridge_light.verifyGroth16.html")));
  // Negative twin: the same declarations with one export's TSDoc removed.
  const copy = path.join(tmp, "typedoc");
  fs.mkdirSync(copy);
  for (const f of ["zkbridge_light.d.ts", "wallet.d.ts", "worker.d.ts"]) fs.copyFileSync(path.join(root, "pkg", f), path.join(copy, f));
  const d = fs.readFileSync(path.join(copy, "zkbridge_light.d.ts"), "utf8");
  const at = d.indexOf("export declare function mappingOpHash");
  const doc = d.lastIndexOf("/**", at);
  assert.ok(at > 0 && doc > 0 && !d.slice(doc, at).includes("export "), "mappingOpHash has its own TSDoc");
  fs.writeFileSync(path.join(copy, "zkbridge_light.d.ts"), d.slice(0, doc) + d.slice(at));
  fs.writeFileSync(path.join(copy, "tsconfig.json"), JSON.stringify({ compilerOptions: { strict: true, noEmit: true, lib: ["ES2022"], types: [],
    module: "NodeNext", moduleResolution: "NodeNext" }, files: ["zkbridge_light.d.ts", "wallet.d.ts", "worker.d.ts"] }));
  const config = JSON.parse(fs.readFileSync(path.join(root, "typedoc.json"), "utf8"));
  fs.writeFileSync(path.join(copy, "typedoc.json"), JSON.stringify({ ...config, entryPoints: ["zkbridge_light.d.ts", "wallet.d.ts"],
    tsconfig: "tsconfig.json", out: "out", readme: "none" }));
  const bad = run(bin("typedoc"), ["--options", "typedoc.json"], copy);
  assert.notEqual(bad.status, 0);
  assert.match(bad.out, /mappingOpHash.*does not have any documentation/);
});

test("examples/node: a bare init() reads the .wasm from disk and verifies the devnet's proof; a changed input does not", () => {
  fs.copyFileSync(path.join(root, "examples", "node", "verify.mjs"), path.join(consumer, "verify.mjs"));
  const r = run(process.execPath, ["verify.mjs", path.join(root, "devnet", "samples", "verify-block.json")]);
  assert.equal(r.status, 0, r.out);
  assert.deepEqual(JSON.parse(r.out.trim()), { ok: true, tampered: false, malformed: "INVALID_NUMBER" });
});

test("init(): NOT_INITIALIZED before, safe many times and concurrently; BridgeError from wasm, the wallet and the transports", () => {
  const out = inConsumer("errors.mjs", `
    import init, * as m from "zkbridge-light";
    import { sendBurn } from "zkbridge-light/wallet";
    const seen = {};
    const grab = async (name, f) => { try { await f(); seen[name] = "no error"; } catch (e) { seen[name] = [m.isBridgeError(e), e.code, e instanceof m.BridgeError, e.name]; } };
    await grab("before", () => m.verifyGroth16({}, {}, []));
    await grab("clientBefore", () => new m.BridgeClient({ deployment: { chains: [] } }));
    const [a, b] = await Promise.all([init(), init()]);
    const c = await init();
    seen.same = a === b && b === c && typeof a.memory === "object";
    await grab("wasm", () => m.verifyGroth16("{", "{", "["));
    await grab("snapshot", () => m.buildBurn(new Proxy({}, { ownKeys() { throw new Error("trap"); } })));
    await grab("symbolThrown", () => m.checksumAddress({ get a() { throw Symbol("s"); } }));
    await grab("nullOptions", () => sendBurn({ request: async () => [] }, {}, null));
    await grab("create", () => m.BridgeClient.create({ deployment: { chains: "no" } }));
    await grab("wallet", () => sendBurn({}, {}, {}));
    const s = JSON.parse(${JSON.stringify(fs.readFileSync(path.join(root, "devnet", "samples", "verify-block.json"), "utf8"))});
    const deployment = { vk: s.vk, genesis: s.prevBlock, tokens: [], chains: [1, 2].map((id) => ({ chainId: id, evmChainId: 31336 + id,
      bridge: "0x" + String(id).repeat(40), deployBlock: 0, rpcUrl: "http://127.0.0.1:29591/" })) };
    const client = await m.BridgeClient.create({ deployment, storage: null, retries: 0, timeoutMs: 500 });
    await grab("transport", () => client.verify(1));
    client.close();
    await grab("closed", () => client.verify(1));
    seen.notError = m.isBridgeError(new Error("x"));
    console.log(JSON.stringify(seen));`);
  const be = (code) => [true, code, true, "BridgeError"];
  assert.deepEqual(out.before, be("NOT_INITIALIZED"));
  assert.deepEqual(out.clientBefore, be("NOT_INITIALIZED"));
  assert.equal(out.same, true);
  assert.deepEqual(out.wasm, be("INVALID_JSON"));
  assert.deepEqual(out.snapshot, be("INVALID_INPUT"));
  assert.deepEqual(out.symbolThrown, be("INVALID_INPUT"));
  assert.deepEqual(out.nullOptions, be("MISSING_FIELD"));
  assert.deepEqual(out.create, be("MISSING_FIELD"));
  assert.deepEqual(out.wallet, be("NO_PROVIDER"));
  assert.ok(["RPC_ERROR", "RPC_TIMEOUT"].includes(out.transport[1]), JSON.stringify(out.transport));
  assert.deepEqual(out.transport.filter((_, i) => i !== 1), [true, true, "BridgeError"]);
  assert.deepEqual(out.closed, be("FREED"));
  assert.equal(out.notError, false);
});

test("examples/vite-app: Vite builds the installed package and its Worker with no configuration; in Chromium it verifies the devnet proof, and the Worker's error is a BridgeError", { timeout: 240_000 }, async () => {
  const { dist, distUrl, remove } = buildViteApp(consumer, "pkg");
  const assets = fs.readdirSync(path.join(dist, "assets"));
  // Both modules are emitted: the default one and the wide-arithmetic build (found by `new URL(…, import.meta.url)` too).
  const wasm = assets.filter((f) => f.endsWith(".wasm")).sort();
  assert.equal(wasm.length, 2, assets.join());
  assert.ok(wasm.some((f) => f.startsWith("zkbridge_light_wide")) && wasm.some((f) => f.startsWith("zkbridge_light_bg")), wasm.join());
  assert.ok(assets.filter((f) => f.endsWith(".js")).length >= 2, `the Worker is its own chunk: ${assets.join()}`);
  const server = await serve({ port: 0, roots: [distUrl.slice(1)], cors: false });
  const origin = `http://127.0.0.1:${server.address().port}`;
  try {
    // Without and with wide arithmetic: page and Worker load the module the engine runs.
    for (const [args, module] of [[[], "zkbridge_light_bg"], [["--js-flags=--wasm-wide-arithmetic"], "zkbridge_light_wide"]]) {
      const browser = await launch(args);
      try {
        const page = await browser.ctx.newPage();
        const errors = [];
        const fetched = [];
        page.on("pageerror", (e) => errors.push(String(e)));
        browser.ctx.on("request", (q) => { if (q.url().endsWith(".wasm")) fetched.push(path.basename(new URL(q.url()).pathname)); });
        await page.goto(`${origin}${distUrl}/index.html`);
        await page.waitForFunction(() => window.__result, null, { timeout: 60_000 });
        const r = await page.evaluate(() => window.__result);
        assert.deepEqual({ ok: r.ok, tampered: r.tampered }, { ok: true, tampered: false });
        assert.equal(r.worker.bridgeError, true, JSON.stringify(r));
        assert.equal(r.worker.runsIn, "worker");
        assert.ok(["RPC_ERROR", "RPC_TIMEOUT"].includes(r.worker.code), JSON.stringify(r));
        assert.deepEqual(errors, []);
        assert.ok(fetched.length >= 1 && fetched.every((f) => f.startsWith(module)), `${args}: ${fetched.join()}`);
      } finally {
        await browser.close();
      }
    }
  } finally {
    server.close();
    remove();
  }
});

test("in Chromium, an error from the Worker reaches the page as a BridgeError", async () => {
  const server = await serve({ port: 0, roots: ["pkg", "devnet/samples"], cors: false });
  const origin = `http://127.0.0.1:${server.address().port}`;
  const browser = await launch();
  try {
    const page = await browser.ctx.newPage();
    await page.goto(`${origin}/pkg/package.json`);
    const r = await page.evaluate(async () => {
      const m = await import("/pkg/zkbridge_light.js");
      await m.default();
      const s = await (await fetch("/devnet/samples/verify-block.json")).json();
      const deployment = { vk: s.vk, genesis: s.prevBlock, tokens: [], chains: [1, 2].map((id) => ({ chainId: id, evmChainId: 31336 + id,
        bridge: "0x" + String(id).repeat(40), deployBlock: 0, rpcUrl: "http://127.0.0.1:29591/" })) };
      const client = new m.BridgeClient({ deployment, storage: null, retries: 0, timeoutMs: 500 });
      try {
        await client.verify(1);
        return ["no error", client.runsIn];
      } catch (e) {
        return [m.isBridgeError(e), e.code, e.name, client.runsIn];
      } finally {
        client.close();
      }
    });
    assert.equal(r[0], true, JSON.stringify(r));
    assert.ok(["RPC_ERROR", "RPC_TIMEOUT"].includes(r[1]), JSON.stringify(r));
    assert.deepEqual([r[2], r[3]], ["BridgeError", "worker"]);
  } finally {
    await browser.close();
    server.close();
  }
});
