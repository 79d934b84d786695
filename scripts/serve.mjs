// A static file server for the demo page and the benchmark: serves the repository root on 127.0.0.1 (no other host is ever
// contacted). Usage: node scripts/serve.mjs [port]
import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const TYPES = { ".html": "text/html", ".js": "text/javascript", ".mjs": "text/javascript", ".wasm": "application/wasm",
  ".json": "application/json", ".css": "text/css", ".md": "text/plain", ".svg": "image/svg+xml" };

export function serve(port = 8080, host = "127.0.0.1") {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, "http://localhost");
    // CORS: test pages on other local origins may read these files; preflights are answered.
    res.setHeader("access-control-allow-origin", "*");
    if (req.method === "OPTIONS") {
      res.writeHead(204, { "access-control-allow-methods": "GET, POST, OPTIONS", "access-control-allow-headers": "content-type",
        "access-control-max-age": "600" });
      return res.end();
    }
    if (url.pathname === "/") { res.writeHead(302, { location: "/www/" }); return res.end(); }
    const file = path.join(root, decodeURIComponent(url.pathname).replace(/\/$/, "/index.html"));
    if (!file.startsWith(root + path.sep)) { res.writeHead(403); return res.end(); }
    fs.readFile(file, (err, data) => {
      if (err) { res.writeHead(404); return res.end("not found"); }
      res.writeHead(200, { "content-type": TYPES[path.extname(file)] || "application/octet-stream", "cache-control": "no-store" });
      res.end(data);
    });
  });
  return new Promise((resolve) => server.listen(port, host, () => resolve(server)));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const port = Number(process.argv[2] || process.env.PORT || 8080);
  await serve(port);
  console.log(`demo: http://127.0.0.1:${port}/www/  (Ctrl-C to stop)`);
}
