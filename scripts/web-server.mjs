// A static server for the built workbench (dist/), bound to 127.0.0.1 only, with the same strict
// Content-Security-Policy as the desktop app. Used by `npm run web` and by the browser tests.
import http from 'node:http';
import { promises as fs } from 'node:fs';
import path from 'node:path';

export const CSP = [
  "default-src 'self'",
  // duckdb-wasm compiles WebAssembly: 'wasm-unsafe-eval' allows that and nothing else (no JS eval).
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self' blob:",
  // React and plotly set style attributes at run time.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.csv': 'text/csv; charset=utf-8',
  '.tsv': 'text/tab-separated-values; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

/**
 * Starts serving `root` on 127.0.0.1:`port` (0 picks a free port); resolves to { url, close }.
 * `extraRoute(req, res, headers)`, for tests and benchmarks only (`npm run web` passes none), may answer a GET itself
 * (returning true) before the files are looked up, with the same headers: test/util/desktop-app.ts serves the desktop
 * host's reply bytes from it over a real connection. A hook here rather than a proxy in front of the server, so that
 * the app's own files (duckdb-wasm's WebAssembly among them) reach the page by the same single hop whichever way the
 * reply bytes go, and a benchmark comparing the two differs in the bytes' transport only.
 */
export function startServer({ root, port = 0, quiet = true, extraRoute = undefined }) {
  const base = path.resolve(root);
  const server = http.createServer(async (req, res) => {
    const headers = {
      'Content-Security-Policy': CSP,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cache-Control': 'no-cache',
    };
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, headers).end();
        return;
      }
      if (extraRoute?.(req, res, headers)) return;
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      let rel = decodeURIComponent(url.pathname);
      if (rel.endsWith('/')) rel += 'index.html';
      const file = path.resolve(base, '.' + rel);
      if (file !== base && !file.startsWith(base + path.sep)) {
        res.writeHead(403, headers).end();
        return;
      }
      const body = await fs.readFile(file);
      res.writeHead(200, { ...headers, 'Content-Type': MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream', 'Content-Length': body.length });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch (e) {
      if (!quiet) console.error(`${req.url}: ${e.message}`);
      res.writeHead(404, { ...headers, 'Content-Type': 'text/plain' }).end('Not found');
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const { port: actual } = server.address();
      resolve({ url: `http://127.0.0.1:${actual}/`, close: () => new Promise((r) => server.close(() => r())) });
    });
  });
}
