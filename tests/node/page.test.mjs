// The demo page in headless Chromium: a person loads the sample, presses Verify and sees the verdict; a tampered input is
// reported as invalid, malformed input as an error with its code.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { serve } from "../../scripts/serve.mjs";
import { launch } from "./browser.mjs";

let server, browser, page, origin;
before(async () => {
  server = await serve(0);
  origin = `http://127.0.0.1:${server.address().port}`;
  browser = await launch();
  page = await browser.ctx.newPage();
  page.on("request", (r) => { if (!r.url().startsWith(origin)) throw new Error(`unexpected request to ${r.url()}`); });
  await page.goto(`${origin}/www/`);
});
after(async () => { await browser?.close(); server?.close(); });

test("the sample verifies in the page", async () => {
  await page.click("#sample");
  await page.waitForFunction(() => document.getElementById("vk").value.length > 100);
  await page.click("#verify");
  await page.waitForFunction(() => document.getElementById("verdict").className !== "");
  const text = await page.textContent("#verdict");
  assert.match(text, /Valid proof \(3 public inputs/);
  if (process.env.SCREENSHOT) await page.screenshot({ path: process.env.SCREENSHOT, fullPage: true });
});

test("a changed public input is reported invalid", async () => {
  await page.evaluate(() => {
    const el = document.getElementById("public");
    const v = JSON.parse(el.value);
    v[1] = "1";
    el.value = JSON.stringify(v);
  });
  await page.click("#verify");
  await page.waitForFunction(() => document.getElementById("verdict").className === "bad");
  assert.match(await page.textContent("#verdict"), /Invalid proof/);
});

test("malformed input shows the error code", async () => {
  await page.fill("#public", "[\"-1\", \"2\", \"3\"]");
  await page.click("#verify");
  await page.waitForFunction(() => document.getElementById("verdict").className === "err");
  assert.match(await page.textContent("#verdict"), /INVALID_NUMBER/);
});
