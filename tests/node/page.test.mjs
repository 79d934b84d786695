// The demo page's second tab in headless Chromium, with no devnet: the proof and block tools with the devnet's committed
// samples (block 1), a tampered input reported invalid, malformed input as an error with its code, later stages "not
// reached" after a failed one; tabs by mouse and keyboard; and the bridge tab says plainly when there is no deployment.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { serve } from "../../scripts/serve.mjs";
import { launch } from "./browser.mjs";

let server, browser, page, origin;
const errors = [];
before(async () => {
  server = await serve(0);
  origin = `http://127.0.0.1:${server.address().port}`;
  browser = await launch();
  page = await browser.ctx.newPage();
  page.on("request", (r) => { if (!r.url().startsWith(origin) && !r.url().startsWith("data:")) errors.push(`unexpected request to ${r.url()}`); });
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(`${origin}/www/?deployment=/target/no-such-deployment.json`);
});
after(async () => { await browser?.close(); server?.close(); });

test("without a deployment the bridge tab says what to do", async () => {
  await page.waitForFunction(() => document.getElementById("setup").textContent !== "");
  assert.match(await page.textContent("#setup"), /No bridge deployment at \/target\/no-such-deployment\.json .*bash scripts\/demo\.sh/);
});

test("tabs: by click and by arrow key", async () => {
  assert.equal(await page.isVisible("#tools"), false);
  await page.focus("#tab-bridge");
  await page.keyboard.press("ArrowRight");
  assert.equal(await page.isVisible("#tools"), true);
  assert.equal(await page.getAttribute("#tab-tools", "aria-selected"), "true");
  await page.click("#tab-bridge");
  assert.equal(await page.isVisible("#tools"), false);
  await page.click("#tab-tools");
  assert.equal(await page.isVisible("#bridge"), false);
});

test("the devnet's block 1 proof verifies in the page", async () => {
  await page.click("#sample");
  await page.waitForFunction(() => ["vk", "proof", "public"].every((id) => document.getElementById(id).value.length > 50));
  await page.click("#verify");
  await page.waitForFunction(() => document.getElementById("verdict").className !== "");
  assert.match(await page.textContent("#verdict"), /Valid proof \(1 public input;/);
});

test("a changed public input is reported invalid", async () => {
  await page.evaluate(() => {
    const el = document.getElementById("public");
    const v = JSON.parse(el.value);
    v[0] = "1";
    el.value = JSON.stringify(v);
  });
  await page.click("#verify");
  await page.waitForFunction(() => document.getElementById("verdict").className === "bad");
  assert.match(await page.textContent("#verdict"), /Invalid proof/);
});

test("malformed input shows the error code", async () => {
  await page.fill("#public", "[\"-1\"]");
  await page.click("#verify");
  await page.waitForFunction(() => document.getElementById("verdict").className === "err");
  assert.match(await page.textContent("#verdict"), /INVALID_NUMBER/);
});

test("the devnet's block 1 is approved; a tampered one shows its codes, and after a failed stage the rest are not reached", async () => {
  await page.click("#blockSample");
  await page.waitForFunction(() => document.getElementById("blockInput").value.length > 100);
  await page.click("#verifyBlock");
  await page.waitForFunction(() => document.getElementById("blockVerdict").className !== "");
  assert.match(await page.textContent("#blockVerdict"), /Approved: block 1/);
  await page.evaluate(() => {
    const el = document.getElementById("blockInput");
    const v = JSON.parse(el.value);
    v.reports[1].totalBlocksSynchronized = 0;
    el.value = JSON.stringify(v);
  });
  await page.click("#verifyBlock");
  await page.waitForFunction(() => document.getElementById("blockVerdict").className === "bad");
  assert.match(await page.textContent("#blockVerdict"), /NOT_SYNCHRONIZED \(chain 2\)/);
  // A commit-stage failure: the later stages say "not reached", none is shown as passed.
  await page.evaluate(() => {
    const el = document.getElementById("blockInput");
    const v = JSON.parse(el.value);
    v.reports[1].totalBlocksSynchronized = 1;
    v.block.timestamp = String(BigInt(v.block.timestamp) + 1n);
    el.value = JSON.stringify(v);
  });
  await page.click("#verifyBlock");
  await page.waitForFunction(() => document.getElementById("blockVerdict").className === "bad");
  const lines = await page.$$eval("#blockVerdict .stage", (l) => l.map((x) => [x.className, x.textContent]));
  const first = lines.findIndex(([c]) => c.includes("bad"));
  assert.ok(first >= 0, JSON.stringify(lines));
  assert.ok(lines.slice(first + 1).every(([c, t]) => c.includes("skipped") && /not reached/.test(t)), JSON.stringify(lines));
  assert.deepEqual(errors, []);
});
