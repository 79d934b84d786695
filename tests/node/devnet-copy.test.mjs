// The devnet runs from any checkout: a minimal copy (the devnet binary, contracts/out, the verifying key, hard-linked keys,
// the anvil binary, a workspace Cargo.toml) in a temporary folder runs the whole bridge there. Every path it prints lies
// under the copy, and the original's devnet/ and contracts/out are unchanged (hashes before and after). Its twin: in a
// folder with no checkout above it, the devnet names what is missing there and never reaches into this tree.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { root } from "./load.mjs";
import { devnetBin } from "./devnet.mjs";

/** sha-256 of every file under `dir` (relative path → hash), `.keys/` included. */
function hashes(dir) {
  const out = {};
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) out[path.relative(dir, p)] = crypto.createHash("sha256").update(fs.readFileSync(p)).digest("hex");
    }
  };
  walk(dir);
  return out;
}

/** Hard link when the file system allows it, else a copy. */
function place(from, to) {
  fs.mkdirSync(path.dirname(to), { recursive: true });
  try { fs.linkSync(from, to); } catch { fs.copyFileSync(from, to); }
  fs.chmodSync(to, fs.statSync(from).mode);
}

function runDevnet(bin, args, cwd, until) {
  const env = { ...process.env };
  delete env.ZKB_KEYS_DIR;
  const p = spawn(bin, args, { cwd, stdio: ["ignore", "pipe", "pipe"], env });
  let out = "";
  p.stdout.on("data", (d) => { out += d; });
  p.stderr.on("data", (d) => { out += d; });
  const exited = new Promise((resolve) => p.on("exit", (code) => resolve(code)));
  return { p, exited, out: () => out, ready: (async () => {
    const t0 = Date.now();
    while (!until.test(out) && p.exitCode === null) {
      if (Date.now() - t0 > 120_000) throw new Error(`the devnet did not come up:\n${out}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  })() };
}

test("the devnet runs from a copied checkout and touches only the copy", { timeout: 240_000 }, async () => {
  const before = { devnet: hashes(path.join(root, "devnet")), out: hashes(path.join(root, "contracts", "out")) };
  const copy = fs.mkdtempSync(path.join(root, "target", "checkout-copy-"));
  try {
    fs.writeFileSync(path.join(copy, "Cargo.toml"), "[workspace]\nmembers = []\n");
    for (const f of fs.readdirSync(path.join(root, "contracts", "out"))) {
      place(path.join(root, "contracts", "out", f), path.join(copy, "contracts", "out", f));
    }
    place(path.join(root, "devnet", "vk.json"), path.join(copy, "devnet", "vk.json"));
    for (const f of fs.readdirSync(path.join(root, "devnet", ".keys")).filter((f) => f.endsWith(".bin"))) {
      place(path.join(root, "devnet", ".keys", f), path.join(copy, "devnet", ".keys", f));
    }
    const anvil = "node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil";
    place(path.join(root, anvil), path.join(copy, anvil));
    const bin = path.join(copy, "bin", "zkbridge-devnet");
    place(devnetBin, bin);
    // From a subfolder of the copy, without --root: the nearest workspace above is the copy.
    fs.mkdirSync(path.join(copy, "devnet", "sub"), { recursive: true });
    const d = runDevnet(bin, ["run", "--ports", "0,0", "--control-port", "0"], path.join(copy, "devnet", "sub"), /running; Ctrl-C/);
    try {
      await d.ready;
      const out = d.out();
      assert.match(out, /running; Ctrl-C/, out);
      // Every absolute path it prints that exists (URLs' paths such as /status are not files).
      const printed = [...out.matchAll(/(?:^|\s)(\/[^\s,);]+)/gm)].map((m) => m[1]).filter((p) => fs.existsSync(p));
      assert.ok(printed.length >= 2, out);
      for (const p of printed) assert.ok(p.startsWith(copy + path.sep), `${p} is not under the copy:\n${out}`);
      assert.match(out, new RegExp(`deployment: ${copy.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}/devnet/deployment\\.json`));
      assert.ok(fs.existsSync(path.join(copy, "devnet", "deployment.json")));
    } finally {
      d.p.kill("SIGTERM");
      await d.exited;
    }
    assert.deepEqual(hashes(path.join(root, "devnet")), before.devnet, "the original devnet/ changed");
    assert.deepEqual(hashes(path.join(root, "contracts", "out")), before.out, "the original contracts/out changed");

    // Twin: no checkout above the working directory; it names what is missing there, never this tree's files.
    const bare = fs.mkdtempSync(path.join(os.tmpdir(), "zkbl-bare-"));
    const t = runDevnet(bin, ["up", "--ports", "0,0"], bare, /$^/);
    const code = await t.exited;
    assert.notEqual(code, 0, t.out());
    assert.ok(t.out().includes(path.join(bare, "devnet", "vk.json")), t.out());
    assert.ok(!t.out().includes(root + path.sep + "devnet"), t.out());
  } finally {
    fs.rmSync(copy, { recursive: true, force: true });
  }
});
