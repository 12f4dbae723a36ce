import { mkdtemp, mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  APP_INDEX_URL,
  CONTENT_SECURITY_POLICY,
  handleAppRequest,
  isAllowedPrintRequestUrl,
  isAllowedRequestUrl,
  isAppUrl,
  mimeTypeFor,
  printPageUrl,
  printTokenOf,
  resolveAppPath,
} from '../../../../node/host/app-protocol';

let root: string;
let outside: string;

beforeAll(async () => {
  const base = await mkdtemp(path.join(os.tmpdir(), 'sigwb-protocol-'));
  root = path.join(base, 'dist');
  outside = path.join(base, 'secret.txt');
  await mkdir(path.join(root, 'assets'), { recursive: true });
  await writeFile(path.join(root, 'index.html'), '<!doctype html><title>wb</title>');
  await writeFile(path.join(root, 'assets', 'duckdb-eh.wasm'), new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]));
  await writeFile(path.join(root, 'assets', 'duckdb-browser-eh.worker.js'), 'self.onmessage = () => {};');
  await writeFile(path.join(root, 'assets', 'a file.js'), '1;');
  await writeFile(outside, 'not for the window');
  await symlink(outside, path.join(root, 'assets', 'link.txt'));
});

afterAll(async () => {
  await rm(path.dirname(root), { recursive: true, force: true });
});

const get = (url: string, method = 'GET') => handleAppRequest(new Request(url, { method }), root);

describe('resolveAppPath', () => {
  it('maps app://workbench paths into the root, "/" to index.html', () => {
    expect(resolveAppPath('app://workbench/index.html', root)).toEqual({ ok: true, file: path.join(root, 'index.html') });
    expect(resolveAppPath('app://workbench/', root)).toEqual({ ok: true, file: path.join(root, 'index.html') });
    expect(resolveAppPath('app://workbench/assets/x.js?v=1#h', root)).toEqual({ ok: true, file: path.join(root, 'assets', 'x.js') });
    expect(resolveAppPath('app://workbench/assets/a%20file.js', root)).toEqual({ ok: true, file: path.join(root, 'assets', 'a file.js') });
  });

  it.each([
    ['app://workbench/..%2fsecret.txt', 403],
    ['app://workbench/..%5csecret.txt', 403],
    ['app://workbench/assets%2f..%2f..%2fsecret.txt', 403],
    ['app://workbench/%00index.html', 403],
    ['app://workbench/.env', 403],
    ['app://workbench/%E0%A4%A', 400],
    ['app://other/index.html', 404],
    ['https://workbench/index.html', 400],
    ['not a url', 400],
  ])('refuses %s with %i', (url, status) => {
    const r = resolveAppPath(url, root);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.status).toBe(status);
  });

  it('keeps dot segments, literal or %2e-encoded, inside the root (the URL parser folds them first)', () => {
    expect(resolveAppPath('app://workbench/../../../../etc/passwd', root)).toEqual({ ok: true, file: path.join(root, 'etc', 'passwd') });
    expect(resolveAppPath('app://workbench/%2e%2e/secret.txt', root)).toEqual({ ok: true, file: path.join(root, 'secret.txt') });
    expect(resolveAppPath('app://workbench/assets/%2E%2E/%2E%2E/secret.txt', root)).toEqual({ ok: true, file: path.join(root, 'secret.txt') });
  });
});

describe('mimeTypeFor', () => {
  it('gives the types the renderer needs, wasm and workers included', () => {
    expect(mimeTypeFor('duckdb-eh.wasm')).toBe('application/wasm');
    expect(mimeTypeFor('duckdb-browser-eh.worker.js')).toBe('text/javascript; charset=utf-8');
    expect(mimeTypeFor('index-abc.mjs')).toBe('text/javascript; charset=utf-8');
    expect(mimeTypeFor('index.html')).toBe('text/html; charset=utf-8');
    expect(mimeTypeFor('style.CSS')).toBe('text/css; charset=utf-8');
    expect(mimeTypeFor('icon.svg')).toBe('image/svg+xml');
    expect(mimeTypeFor('samples.csv')).toBe('text/csv; charset=utf-8');
    expect(mimeTypeFor('noext')).toBe('application/octet-stream');
  });
});

describe('handleAppRequest', () => {
  it('serves index.html with the CSP and nosniff', async () => {
    const res = await get(APP_INDEX_URL);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.text()).toContain('<title>wb</title>');
  });

  it('serves the duckdb-wasm binary as application/wasm, byte for byte', async () => {
    const res = await get('app://workbench/assets/duckdb-eh.wasm');
    expect(res.headers.get('content-type')).toBe('application/wasm');
    expect(res.headers.get('content-length')).toBe('8');
    expect([...new Uint8Array(await res.arrayBuffer())]).toEqual([0, 97, 115, 109, 1, 0, 0, 0]);
    // The bytes are a valid (empty) module: what WebAssembly.instantiateStreaming will get.
    expect(WebAssembly.validate(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]))).toBe(true);
  });

  it('serves workers as JavaScript with the CSP (a worker takes the policy of its own response)', async () => {
    const res = await get('app://workbench/assets/duckdb-browser-eh.worker.js');
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it('answers HEAD without a body', async () => {
    const res = await get('app://workbench/index.html', 'HEAD');
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
  });

  it('puts the CSP on errors too, and refuses other methods, missing files, folders and links out of the root', async () => {
    for (const [url, method, status] of [
      ['app://workbench/missing.js', 'GET', 404],
      ['app://workbench/assets', 'GET', 404],
      ['app://workbench/assets/link.txt', 'GET', 403],
      ['app://workbench/%2e%2e/secret.txt', 'GET', 404],
      ['app://workbench/index.html', 'POST', 405],
    ] as const) {
      const res = await get(url, method);
      expect(res.status, url).toBe(status);
      expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
      expect(await res.text()).not.toContain('not for the window');
    }
  });
});

describe('the content security policy', () => {
  const directives = Object.fromEntries(CONTENT_SECURITY_POLICY.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));

  it('allows WebAssembly compilation but no JavaScript eval and no inline script', () => {
    expect(directives['script-src']).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(CONTENT_SECURITY_POLICY).not.toContain("'unsafe-eval'");
  });

  it('keeps every fetch on the app and forbids plugins, base rewriting, framing and forms', () => {
    expect(directives['default-src']).toEqual(["'self'"]);
    expect(directives['connect-src']).toEqual(["'self'"]);
    expect(directives['object-src']).toEqual(["'none'"]);
    expect(directives['base-uri']).toEqual(["'none'"]);
    expect(directives['frame-ancestors']).toEqual(["'none'"]);
    expect(directives['form-action']).toEqual(["'none'"]);
    expect(directives['worker-src']).toEqual(["'self'", 'blob:']);
  });
});

describe('URL policies', () => {
  it('isAppUrl accepts only app://workbench', () => {
    expect(isAppUrl('app://workbench/index.html#/samples')).toBe(true);
    expect(isAppUrl('app://print/x.html')).toBe(false);
    expect(isAppUrl('https://example.org/')).toBe(false);
    expect(isAppUrl('file:///etc/passwd')).toBe(false);
    expect(isAppUrl('garbage')).toBe(false);
  });

  it('isAllowedRequestUrl lets app, devtools, blob and data through and nothing else', () => {
    for (const ok of ['app://workbench/assets/x.js', 'devtools://devtools/bundled/inspector.html', 'blob:app://workbench/1234', 'data:image/png;base64,AAAA']) {
      expect(isAllowedRequestUrl(ok), ok).toBe(true);
    }
    for (const no of ['https://example.org/', 'http://localhost:5173/', 'ws://localhost/', 'file:///etc/passwd', 'ftp://x/', 'app://other/x', 'chrome://gpu', 'nonsense']) {
      expect(isAllowedRequestUrl(no), no).toBe(false);
    }
  });

  it('print pages have one-time URLs and their session allows only them and inline images', () => {
    const url = printPageUrl('6f1c2d0e-1111-4222-8333-944445555666');
    expect(printTokenOf(url)).toBe('6f1c2d0e-1111-4222-8333-944445555666');
    expect(printTokenOf('app://print/a/b.html')).toBeNull();
    expect(printTokenOf('app://workbench/x.html')).toBeNull();
    expect(isAllowedPrintRequestUrl(url)).toBe(true);
    expect(isAllowedPrintRequestUrl('data:image/png;base64,AA')).toBe(true);
    expect(isAllowedPrintRequestUrl('https://example.org/logo.png')).toBe(false);
    expect(isAllowedPrintRequestUrl('app://workbench/index.html')).toBe(false);
  });
});
