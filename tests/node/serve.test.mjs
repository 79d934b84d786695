// scripts/serve.mjs: the demo serves only the page, the package, mipd and the deployment file, same-origin; malformed paths
// and `..` get 400; no request stops it. The tests' form (a port number) still serves the repository with CORS.
import { test } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import { serve, requestPath } from "../../scripts/serve.mjs";

/** A raw GET (the path sent exactly as given, never normalised by a URL parser). */
function get(port, rawPath, method = "GET") {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port, method, path: rawPath }, (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString() }));
    });
    req.on("error", reject);
    req.end();
  });
}

test("requestPath refuses what could leave the roots", () => {
  assert.equal(requestPath("/www/index.html"), "www/index.html");
  assert.equal(requestPath("/www/"), "www/");
  for (const bad of ["/%", "/www/%E0%A4%A", "/www/../.git/config", "/www/%2e%2e/.git/config", "/./www/", "/www/..%2f.git", "/a\\b", "/a%00b", "relative"]) {
    assert.equal(requestPath(bad), null, bad);
  }
});

test("the demo serves the page, the package and the deployment file only, same-origin; bad requests do not stop it", async () => {
  const server = await serve({ port: 0 });
  const { port } = server.address();
  try {
    assert.equal((await get(port, "/www/")).status, 200);
    assert.equal((await get(port, "/www/main.js")).status, 200);
    assert.equal((await get(port, "/node_modules/mipd/package.json")).status, 200);
    const page = await get(port, "/www/index.html");
    assert.equal(page.headers["access-control-allow-origin"], undefined, "same-origin only");
    assert.equal((await get(port, "/")).status, 302);
    // Not served: the repository's own files, the keys, the sources, other node modules.
    for (const p of ["/.git/config", "/devnet/.keys/", "/Cargo.toml", "/src/lib.rs", "/node_modules/solc/package.json", "/devnet/vk.json"]) {
      assert.equal((await get(port, p)).status, 404, p);
    }
    // Malformed or escaping paths: 400, and the server still answers afterwards.
    for (const p of ["/%", "/www/../.git/config", "/www/%2e%2e/.git/config", "/pkg/..%2f..%2fetc/passwd"]) {
      assert.equal((await get(port, p)).status, 400, p);
    }
    assert.equal((await get(port, "/www/", "POST")).status, 405);
    assert.equal((await get(port, "/www/")).status, 200, "still serving");
  } finally {
    server.close();
  }
});

test("the tests' form serves the repository with CORS, and also refuses escaping paths", async () => {
  const server = await serve(0);
  const { port } = server.address();
  try {
    const r = await get(port, "/bench/bench.html");
    assert.equal(r.status, 200);
    assert.equal(r.headers["access-control-allow-origin"], "*");
    assert.equal((await get(port, "/www/../../etc/passwd")).status, 400);
    assert.equal((await get(port, "/%")).status, 400);
    assert.equal((await get(port, "/www/", "OPTIONS")).status, 204);
  } finally {
    server.close();
  }
});
