// A static file server on 127.0.0.1 (no other host is ever contacted), for the demo page, the tests and the benchmark.
//
//   serve({ port, host, roots, deployment, cors })   → Promise<http.Server>
//
// - `roots`: the repository folders served (default, the demo's: `www/`, `pkg/` and `node_modules/mipd/`, which the page's
//   import map names); `deployment`: one more file, a repository path served at that path (default
//   `devnet/deployment.json`), or an absolute path anywhere (a demo or test run's own file) served at
//   `/devnet/deployment.json`, where the page looks by default.
//   Nothing else is served: not `.git/`, not the proving keys, not the sources. Tests and the benchmark pass their own
//   `roots` (`[""]`: the whole repository).
// - `cors`: answer CORS preflights and allow every origin (tests whose pages on other local origins read these files);
//   the demo is same-origin only (default false).
// - A path that does not decode, or has a `..` or `.` segment, a backslash or a NUL, gets 400; a file outside the roots
//   404. A request never stops the server: every error becomes an answer.
//
// `serve(port)` (a number) is the old form, kept for the tests: the whole repository, with CORS.
// Usage: node scripts/serve.mjs [port] [--deployment PATH]
import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const TYPES = { ".html": "text/html", ".js": "text/javascript", ".mjs": "text/javascript", ".wasm": "application/wasm",
  ".json": "application/json", ".css": "text/css", ".md": "text/plain", ".svg": "image/svg+xml", ".png": "image/png" };
export const DEMO_ROOTS = ["www", "pkg", "node_modules/mipd"];

/** The repository-relative path a request asks for, or `null` when it is malformed (400). */
export function requestPath(rawUrl) {
  const raw = String(rawUrl ?? "").split("?")[0].split("#")[0];
  if (!raw.startsWith("/")) return null;
  let decoded;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    return null;
  }
  if (decoded.includes("\0") || decoded.includes("\\")) return null;
  const segments = decoded.split("/").slice(1);
  if (segments.some((s) => s === ".." || s === ".")) return null;
  return segments.join("/");
}

/** Whether `rel` (repository-relative, no `..`) lies under one of `roots` or is the deployment file. */
function allowed(rel, roots, deployment) {
  if (deployment && rel === deployment) return true;
  return roots.some((r) => r === "" || rel === r || rel.startsWith(r.endsWith("/") ? r : `${r}/`));
}

export function serve(options = {}, legacyHost) {
  const o = typeof options === "number" ? { port: options, host: legacyHost, roots: [""], cors: true } : options;
  const { port = 8080, host = "127.0.0.1", roots = DEMO_ROOTS, deployment = "devnet/deployment.json", cors = false } = o;
  const depRel = path.isAbsolute(deployment) ? "devnet/deployment.json" : deployment;
  const depFile = path.isAbsolute(deployment) ? deployment : path.join(repoRoot, deployment);
  const server = http.createServer((req, res) => {
    try {
      if (cors) res.setHeader("access-control-allow-origin", "*");
      if (req.method === "OPTIONS" && cors) {
        res.writeHead(204, { "access-control-allow-methods": "GET, POST, OPTIONS", "access-control-allow-headers": "content-type",
          "access-control-max-age": "600" });
        return res.end();
      }
      if (req.method !== "GET" && req.method !== "HEAD") { res.writeHead(405, { allow: "GET, HEAD" }); return res.end(); }
      const rel = requestPath(req.url);
      if (rel === null) { res.writeHead(400); return res.end("bad request"); }
      if (rel === "") { res.writeHead(302, { location: "/www/" }); return res.end(); }
      const wanted = rel.endsWith("/") || rel === "" ? `${rel}index.html` : rel;
      if (!allowed(wanted, roots, depRel)) { res.writeHead(404); return res.end("not found"); }
      const file = wanted === depRel ? depFile : path.join(repoRoot, wanted);
      if (wanted !== depRel && !file.startsWith(repoRoot + path.sep)) { res.writeHead(400); return res.end("bad request"); }
      fs.readFile(file, (err, data) => {
        if (res.headersSent) return;
        if (err) { res.writeHead(404); return res.end("not found"); }
        res.writeHead(200, { "content-type": TYPES[path.extname(file)] || "application/octet-stream", "cache-control": "no-store" });
        res.end(req.method === "HEAD" ? undefined : data);
      });
    } catch {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    }
  });
  // A malformed request line is answered (400) and its socket closed; the server goes on.
  server.on("clientError", (_e, socket) => { if (socket.writable) socket.end("HTTP/1.1 400 Bad Request\r\n\r\n"); else socket.destroy(); });
  return new Promise((resolve) => server.listen(port, host, () => resolve(server)));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const at = args.indexOf("--deployment");
  const deployment = at >= 0 ? path.resolve(args.splice(at, 2)[1]) : undefined;
  const port = Number(args[0] || process.env.PORT || 8080);
  await serve({ port, ...(deployment ? { deployment } : {}) });
  // Not the page's URL: `scripts/demo.sh` prints that once the deployment exists and the page can be used.
  console.log(`serve.mjs: listening on 127.0.0.1:${port}${deployment ? `, deployment ${deployment}` : ""}`);
}
