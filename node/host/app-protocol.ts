/**
 * The app:// protocol that serves the renderer's build (dist/) to the window: URL → file resolution that
 * cannot leave dist/, MIME types, the Content-Security-Policy and the other headers sent with every
 * response, and which URLs the window may load or navigate to. Plain Node module (no Electron API) so that
 * it is tested directly; electron/main.ts only hands it protocol.handle's requests.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';

export const APP_SCHEME = 'app';
export const APP_HOST = 'workbench';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
/** Where the window starts: the Vite build's index.html (which refers to its assets by relative paths). */
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

/**
 * The policy for every app:// response, workers included (a dedicated worker takes the CSP of its own
 * response). Only the relaxations the renderer's libraries need, each for a stated reason:
 * - script-src 'wasm-unsafe-eval': duckdb-wasm compiles its .wasm with WebAssembly.instantiate(Streaming),
 *   which CSP treats as eval. It allows WebAssembly compilation only, not JavaScript eval. No
 *   'unsafe-eval': duckdb-wasm evaluates JavaScript only for dynamically linked extensions (off here), and
 *   plotly.js only in its WebGL (regl) traces, which the workbench does not use.
 * - worker-src blob:: duckdb-wasm's documented start-up wraps its worker script in a blob: URL
 *   (URL.createObjectURL of an importScripts stub); the stub still loads the script itself from 'self'.
 * - style-src 'unsafe-inline': plotly.js and React set style attributes and plotly injects <style>
 *   elements at run time. Inline scripts stay forbidden, so this does not open a script injection.
 * - img-src data: blob:: plotly's images (toImage, the modebar's icons) and chart exports are data:/blob: URLs.
 * - connect-src 'self': fetch() of the .wasm and of bundled files from dist/; nothing else, so no data leaves.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self' blob:",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

const mimeTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.cjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.tsv': 'text/tab-separated-values; charset=utf-8',
  '.arrow': 'application/vnd.apache.arrow.file',
  '.parquet': 'application/vnd.apache.parquet',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.pdf': 'application/pdf',
};

/** The Content-Type for a file name; application/octet-stream when the extension is unknown. */
export function mimeTypeFor(file: string): string {
  return mimeTypes[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** The headers of every app:// response (errors included): CSP, no sniffing, no referrer, isolation. */
export function responseHeaders(contentType: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    'Content-Type': contentType,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Cache-Control': 'no-cache',
    ...extra,
  };
}

export type Resolved = { ok: true; file: string } | { ok: false; status: 400 | 403 | 404; reason: string };

/**
 * The file under `root` that an app:// URL names, or why none. Refuses other hosts, encoded separators,
 * NUL bytes, dot segments that would climb out of root and dotfiles; "/" is index.html.
 */
export function resolveAppPath(url: string, root: string): Resolved {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: false, status: 400, reason: 'not a URL' };
  }
  if (parsed.protocol !== `${APP_SCHEME}:`) return { ok: false, status: 400, reason: `scheme ${parsed.protocol} is not ${APP_SCHEME}:` };
  if (parsed.host !== APP_HOST) return { ok: false, status: 404, reason: `unknown host "${parsed.host}"` };
  // URL parsing has already folded literal "." and ".." segments; encoded ones (%2e%2e, %2f, %5c) are
  // refused rather than decoded, so that no decoding step can produce a separator or a climb.
  const raw = parsed.pathname;
  if (/%2f|%5c|%00|%2e/i.test(raw) || raw.includes('\\')) return { ok: false, status: 403, reason: 'encoded separator or dot in path' };
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    return { ok: false, status: 400, reason: 'malformed percent-encoding' };
  }
  if (decoded.includes('\0')) return { ok: false, status: 400, reason: 'NUL in path' };
  const segments = decoded.split('/').filter((s) => s !== '');
  if (segments.some((s) => s === '..' || s === '.' || s.startsWith('.'))) return { ok: false, status: 403, reason: 'dot segment or hidden file' };
  if (segments.length === 0 || raw.endsWith('/')) segments.push('index.html');
  const base = path.resolve(root);
  const file = path.resolve(base, ...segments);
  if (!file.startsWith(base + path.sep)) return { ok: false, status: 403, reason: 'outside the app folder' };
  return { ok: true, file };
}

/** Serves one app:// request from `root` (the renderer's dist/ folder): GET and HEAD only. */
export async function handleAppRequest(request: Request, root: string): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    return errorResponse(405, 'method not allowed', { Allow: 'GET, HEAD' });
  }
  const resolved = resolveAppPath(request.url, root);
  if (!resolved.ok) return errorResponse(resolved.status, resolved.reason);
  let body: Buffer;
  try {
    // realpath so that a symbolic link inside dist/ cannot point outside it. realpath, stat and readFile
    // are the calls Electron's fs patch serves from inside app.asar (readFile also checks its integrity).
    const real = await fs.realpath(resolved.file);
    const realRoot = await fs.realpath(root);
    if (!real.startsWith(realRoot + path.sep)) return errorResponse(403, 'outside the app folder');
    if (!(await fs.stat(real)).isFile()) return errorResponse(404, 'not found');
    body = await fs.readFile(real);
  } catch {
    return errorResponse(404, 'not found');
  }
  const headers = responseHeaders(mimeTypeFor(resolved.file), { 'Content-Length': String(body.byteLength) });
  return new Response(request.method === 'HEAD' ? null : new Uint8Array(body.buffer as ArrayBuffer, body.byteOffset, body.byteLength), { status: 200, headers });
}

function errorResponse(status: number, reason: string, extra: Record<string, string> = {}): Response {
  return new Response(`${status} ${reason}\n`, { status, headers: responseHeaders('text/plain; charset=utf-8', extra) });
}

/** True for URLs of the app itself (app://workbench/…): the only pages the window may show. */
export function isAppUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST;
  } catch {
    return false;
  }
}

/** Schemes the window's session may request at all; everything else (http, https, ws, file, ftp …) is cancelled. */
const allowedRequestSchemes = new Set([`${APP_SCHEME}:`, 'devtools:', 'blob:', 'data:']);

/** Whether a web request from the app's session may proceed: app://workbench, devtools, blob: and data: only. */
export function isAllowedRequestUrl(url: string): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (!allowedRequestSchemes.has(u.protocol)) return false;
  return u.protocol !== `${APP_SCHEME}:` || u.host === APP_HOST;
}

/** The host that serves one report page to the hidden print window (its own session, see electron/print-pdf.ts). */
export const PRINT_HOST = 'print';

/**
 * The policy of a report page being printed: no script at all, no network; styles inline, images inline
 * (data:, blob:), no frames (an iframe can stall printToPDF).
 */
export const PRINT_CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "style-src 'unsafe-inline'",
  'img-src data: blob:',
  'font-src data:',
  "frame-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/** The print page's URL for a one-time token. */
export function printPageUrl(token: string): string {
  return `${APP_SCHEME}://${PRINT_HOST}/${encodeURIComponent(token)}.html`;
}

/** The token a print-page URL names, or null when the URL is anything else. */
export function printTokenOf(url: string): string | null {
  try {
    const u = new URL(url);
    if (u.protocol !== `${APP_SCHEME}:` || u.host !== PRINT_HOST) return null;
    const m = /^\/([A-Za-z0-9-]{1,64})\.html$/.exec(u.pathname);
    return m ? m[1] : null;
  } catch {
    return null;
  }
}

/** Requests the print session allows: its own page, and data:/blob: images inside it. */
export function isAllowedPrintRequestUrl(url: string): boolean {
  return printTokenOf(url) !== null || url.startsWith('data:') || url.startsWith('blob:');
}
