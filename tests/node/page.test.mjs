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
  // The sample handler fills the three fields one after the other: wait for the last one.
  await page.waitForFunction(() => ["vk", "proof", "public"].every((id) => document.getElementById(id).value.length > 50));
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

test("the sample block is approved in the page, and a tampered one shows its stage codes", async () => {
  await page.click("#blockSample");
  await page.waitForFunction(() => document.getElementById("blockInput").value.length > 100);
  await page.click("#verifyBlock");
  await page.waitForFunction(() => document.getElementById("blockVerdict").className !== "");
  assert.match(await page.textContent("#blockVerdict"), /Approved: block 2/);
  await page.evaluate(() => {
    const el = document.getElementById("blockInput");
    const v = JSON.parse(el.value);
    v.reports[1].totalBlocksSynchronized = 1;
    el.value = JSON.stringify(v);
  });
  await page.click("#verifyBlock");
  await page.waitForFunction(() => document.getElementById("blockVerdict").className === "bad");
  assert.match(await page.textContent("#blockVerdict"), /NOT_SYNCHRONIZED \(chain 4\)/);
});

test("a burn through an announced (scripted) wallet in the page", async () => {
  const { Interface, solidityPacked } = await import("ethers");
  const FROM = "0xfb6916095ca1df60bb79ce92ce3ea74c37c5d359", BRIDGE = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed";
  const TO = "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb";
  const iface = new Interface(["event NewPriorityRequest(address sender, uint64 serialId, uint8 opType, bytes pubData, uint256 expirationBlock)"]);
  const pub = solidityPacked(["uint8", "uint8", "uint8", "address", "address", "uint16", "uint128", "uint128", "uint32", "uint16"],
    [14, 1, 4, FROM, TO, 3, 12_500_000_000_000_000_000n, 0, 0, 0]);
  const ev = iface.encodeEventLog("NewPriorityRequest", [FROM, 3, 14, pub, 1000]);
  await page.evaluate(async ({ FROM, logs }) => {
    const { makeProvider } = await import("/tests/node/fake-provider.js");
    const provider = makeProvider({ accounts: [FROM], chainId: "0x7a69", knownChains: ["0x7a69"], allowance: "0", burnLogs: logs });
    window.addEventListener("eip6963:requestProvider", () => window.dispatchEvent(new CustomEvent("eip6963:announceProvider", {
      detail: Object.freeze({ info: { uuid: "test-wallet", name: "Test Wallet", icon: "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg'/%3E", rdns: "test" }, provider }) })));
  }, { FROM, logs: [{ address: BRIDGE, topics: ev.topics, data: ev.data }] });
  await page.click("#discover");
  await page.click("#wallets button");
  await page.fill("input[name=bridge]", BRIDGE);
  await page.fill("input[name=token]", "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB");
  await page.fill("input[name=to]", TO);
  await page.click("#sendBurn");
  await page.waitForFunction(() => document.getElementById("burnResult").className !== "");
  assert.match(await page.textContent("#burnResult"), /Burn sent: 0x0+2 \(serial id 3, 12500000000000000000/);
  assert.deepEqual(await page.$$eval("#steps li", (l) => l.map((x) => x.textContent)),
    ["connect", "allowance", "approve", "approveReceipt", "burn", "burnReceipt"]);
  if (process.env.SCREENSHOT2) await page.screenshot({ path: process.env.SCREENSHOT2, fullPage: true });
});
