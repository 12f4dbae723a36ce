/**
 * The built app in Chromium with the desktop host: `window.sigwb` (what electron/preload.ts exposes) answered by the
 * desktop host's handlers (node/host/host-handlers.ts) running in this Node process, each request and reply checked
 * against the host contract as electron/ipc.ts and renderer/host/electron-host.ts check them. No Electron binary is
 * needed, so the desktop-only paths (the app's engine file) run in the browser tests and benchmarks; Playwright's
 * bindings stand for IPC (slower than IPC for large replies: figures measured through it are upper bounds).
 */
import path from 'node:path';
import { chromium } from 'playwright-core';
import { channels, isChannel, methodNames, parseRequest, type Host } from '../../shared/host/contract';
import { CHROMIUM, CHROMIUM_FLAGS, presetAnalyst, ROOT, type AppUnderTest } from './browser';
// @ts-expect-error: plain ES module without types
import { startServer } from '../../scripts/web-server.mjs';
// @ts-expect-error: plain ES module without types
import { ensureBuilt } from '../../scripts/ensure-build.mjs';

/** Bytes cross Playwright's bindings as base64 (its serializer carries no typed arrays from Node to the page). */
type Wire = { bytes64: string } | unknown;

function toWire(v: unknown): Wire {
  if (v instanceof Uint8Array) return { bytes64: Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64') };
  if (Array.isArray(v)) return v.map(toWire);
  if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, toWire(x)]));
  return v;
}

function fromWire(v: unknown): unknown {
  if (v !== null && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 1 && typeof (v as { bytes64?: unknown }).bytes64 === 'string') {
    return new Uint8Array(Buffer.from((v as { bytes64: string }).bytes64, 'base64'));
  }
  if (Array.isArray(v)) return v.map(fromWire);
  if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, fromWire(x)]));
  return v;
}

/** `window.sigwb` in the page: each named method sends its channel and request (bytes as base64) to the binding. */
const BRIDGE = `(names) => {
  const wire = (v) => {
    if (v instanceof Uint8Array) {
      let s = '';
      for (let i = 0; i < v.length; i += 0x8000) s += String.fromCharCode(...v.subarray(i, i + 0x8000));
      return { bytes64: btoa(s) };
    }
    if (Array.isArray(v)) return v.map(wire);
    if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, wire(x)]));
    return v;
  };
  const unwire = (v) => {
    if (v !== null && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 1 && typeof v.bytes64 === 'string') {
      const s = atob(v.bytes64);
      const b = new Uint8Array(s.length);
      for (let i = 0; i < s.length; i++) b[i] = s.charCodeAt(i);
      return b;
    }
    if (Array.isArray(v)) return v.map(unwire);
    if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, unwire(x)]));
    return v;
  };
  window.sigwb = Object.fromEntries(Object.entries(names).map(([channel, method]) => [method, async (r) => unwire(await window.__sigwbInvoke(channel, wire(r)))]));
}`;

/** Serves the built app and opens it in a fresh Chromium profile whose window talks to `host` as the desktop app's does. */
export async function launchDesktopApp(host: Host, viewport = { width: 1400, height: 900 }): Promise<AppUnderTest> {
  ensureBuilt(ROOT, 'dist/index.html', ['renderer', 'shared', 'samples'], 'build:renderer');
  const server = (await startServer({ root: path.join(ROOT, 'dist'), port: 0 })) as { url: string; close: () => Promise<void> };
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
  const context = await browser.newContext({ viewport, acceptDownloads: true });
  await presetAnalyst(context);
  await context.exposeBinding('__sigwbInvoke', async (_source, channel: string, request: unknown) => {
    if (!isChannel(channel)) throw new Error(`no such channel: ${channel}`);
    const handler = host[channel] as (r: unknown) => Promise<unknown>;
    return toWire(await handler(parseRequest(channel, fromWire(request))));
  });
  // A script as text, not a function: a transpiler's helpers (tsx's __name) would not exist in the page.
  await context.addInitScript({ content: `(${BRIDGE})(${JSON.stringify(Object.fromEntries(Object.keys(channels).map((c) => [c, methodNames[c as keyof typeof methodNames]])))})` });
  const page = await context.newPage();
  const requests: AppUnderTest['requests'] = [];
  page.on('request', (r) => requests.push(r));
  await page.goto(server.url);
  return {
    browser,
    page,
    url: server.url,
    requests,
    async close() {
      await browser.close();
      await server.close();
    },
  };
}
