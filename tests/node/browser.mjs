// Headless Debian Chromium driven by playwright-core (never downloads a browser).
import { chromium } from "playwright-core";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
  "--disable-component-update", "--disable-sync"];

/** Chromium in a fresh profile; `args` are added to CHROMIUM_ARGS (e.g. `--js-flags=--wasm-wide-arithmetic`). */
export async function launch(args = []) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "zkbl-chromium-"));
  const ctx = await chromium.launchPersistentContext(dir, { executablePath: "/usr/bin/chromium", headless: true, args: [...CHROMIUM_ARGS, ...args] });
  const close = async () => { await ctx.close(); fs.rmSync(dir, { recursive: true, force: true }); };
  return { ctx, close };
}

/**
 * A Chromium page on the repository served with CORS (scripts/serve.mjs on a free port), at `at`: `{ page, origin, errors,
 * ctx, close }`, `errors` collecting the page's uncaught errors. The tests' one way to open a page on the package.
 */
export async function openPage(at = "/bench/bench.html?impl=none", { args = [], before } = {}) {
  const { serve } = await import("../../scripts/serve.mjs");
  const server = await serve(0);
  const origin = `http://127.0.0.1:${server.address().port}`;
  const browser = await launch(args);
  const page = await browser.ctx.newPage();
  // `before(page, ctx)`: routes or listeners to set before the page loads.
  if (before) await before(page, browser.ctx);
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(`${origin}${at}`);
  const close = async () => { await browser.close(); server.close(); };
  return { page, origin, errors, ctx: browser.ctx, close };
}
