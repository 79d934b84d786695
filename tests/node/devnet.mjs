// Starts the whole devnet (two anvil chains, contracts, operator) for a test file or a benchmark: builds the binary, runs
// `zkbridge-devnet run` on the given ports, waits until it is up, and reads the deployment file it wrote. `stop()` ends it
// (the devnet stops its anvils on SIGTERM).
import { spawn, execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { root } from "./load.mjs";

export const devnetBin = path.join(root, "target", "debug", "zkbridge-devnet");

/**
 * `{ deployment, depPath, stop }` for a devnet on `ports = { a, b, control }` (or `{ chains: [p1, p2, …], control }` for
 * 2 to 6 chains) writing its deployment file to `depPath`; `batch`: the operator seals a block at that many burns.
 */
export async function startDevnet({ ports, depPath, intervalMs = 500, batch, startMs = 120_000 }) {
  execFileSync("cargo", ["build", "-q", "--profile", "test", "--locked", "-p", "zkbridge-devnet", "--bin", "zkbridge-devnet"], { cwd: root, stdio: "inherit" });
  const chainPorts = ports.chains ?? [ports.a, ports.b];
  const child = spawn(devnetBin, ["run", "--chains", String(chainPorts.length), "--ports", chainPorts.join(","), "--control-port", String(ports.control),
    "--interval-ms", String(intervalMs), ...(batch ? ["--batch", String(batch)] : []), "--deployment", depPath], { cwd: root, stdio: ["ignore", "pipe", "inherit"] });
  const stop = () => { child.kill("SIGTERM"); };
  let out = "";
  child.stdout.on("data", (d) => { out += d; });
  const t0 = Date.now();
  while (!/running; Ctrl-C/.test(out)) {
    if (Date.now() - t0 > startMs || child.exitCode !== null) {
      stop();
      throw new Error(`devnet did not start:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  return { deployment: JSON.parse(fs.readFileSync(depPath, "utf8")), depPath, stop };
}
