// The package as a dapp installs it: `npm pack` of pkg/ installed offline (never from the registry: mipd, its one
// dependency, is packed from the copy the setup's `npm ci` installed) into a scratch consumer; and examples/vite-app built
// against that install with the repository's Vite (no config file; `--base ./` so it can be served from a subfolder).
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { root } from "./load.mjs";

/** Runs a command, returning { status, out } (stdout and stderr together). */
export function run(cmd, args, cwd) {
  const r = spawnSync(cmd, args, { cwd, encoding: "utf8", env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" } });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

/** Packs pkg/ into `dir` and installs it offline into `dir/consumer`. → { tarball, consumer } */
export function installPackage(dir) {
  const packed = execFileSync("npm", ["pack", "--pack-destination", dir, "--json"], { cwd: path.join(root, "pkg"), encoding: "utf8" });
  const tarball = path.join(dir, JSON.parse(packed)[0].filename);
  const consumer = path.join(dir, "consumer");
  fs.mkdirSync(consumer);
  fs.writeFileSync(path.join(consumer, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }));
  const mipd = JSON.parse(execFileSync("npm", ["pack", path.join(root, "node_modules", "mipd"), "--pack-destination", dir, "--json"], { encoding: "utf8" }))[0];
  const r = run("npm", ["install", "--offline", "--no-audit", "--no-fund", "--ignore-scripts", "--no-package-lock", path.join(dir, mipd.filename), tarball], consumer);
  if (r.status !== 0) throw new Error(`npm install of the packed package failed:\n${r.out}`);
  return { tarball, consumer };
}

/**
 * Builds examples/vite-app against `consumer`'s install, under target/ (serve.mjs serves only repository paths).
 * → { app, dist, distUrl (the repository-relative URL path of dist/), remove() }
 */
export function buildViteApp(consumer, name) {
  const app = path.join(root, "target", `vite-app-${name}-${process.pid}`);
  fs.rmSync(app, { recursive: true, force: true });
  fs.mkdirSync(app, { recursive: true });
  for (const f of ["index.html", "main.js"]) fs.copyFileSync(path.join(root, "examples", "vite-app", f), path.join(app, f));
  fs.copyFileSync(path.join(root, "devnet", "samples", "verify-block.json"), path.join(app, "verify-block.json"));
  fs.symlinkSync(path.join(consumer, "node_modules"), path.join(app, "node_modules"));
  const b = run(process.execPath, [path.join(root, "node_modules", "vite", "bin", "vite.js"), "build", "--base", "./", "--logLevel", "warn"], app);
  if (b.status !== 0) throw new Error(`vite build failed:\n${b.out}`);
  const dist = path.join(app, "dist");
  return { app, dist, distUrl: "/" + path.relative(root, dist).split(path.sep).join("/"), remove: () => fs.rmSync(app, { recursive: true, force: true }) };
}
