/**
 * The built app in Chromium with the desktop host: `window.sigwb` (what electron/preload.ts exposes) answered by the
 * desktop host's handlers (node/host/host-handlers.ts) running in this Node process, each request and reply checked
 * against the host contract as electron/ipc.ts and renderer/host/electron-host.ts check them. No Electron binary is
 * needed, so the desktop-only paths (the app's engine file) run in the browser tests and benchmarks. Playwright's
 * binding and a route stand for IPC (large bytes go as base64 to Node and over the DevTools protocol to the page:
 * slower than IPC, so figures measured through it are upper bounds). With `transport: 'loopback'` the host's reply
 * bytes reach the page over HTTP on 127.0.0.1 instead (the app's server answers them), the closer stand-in that
 * bench/app-reopen.ts measures beside; every call and the page's bytes to the host still go through the binding.
 */
import { channels, isChannel, methodNames, parseRequest, type Host } from '../../shared/host/contract';
import { launchBuiltApp, type AppUnderTest, type ExtraRoute } from './browser';

/**
 * Bytes cross to the page as a same-origin URL the page fetches (answered by a Playwright route, binary, or by the
 * app's server), and from the page as base64 (its binding's serializer carries no typed arrays).
 */
const REPLY_BYTES = '/__sigwb-bytes/';

function toWire(v: unknown, keep: (bytes: Uint8Array) => string): unknown {
  if (v instanceof Uint8Array) return { bytesUrl: keep(v) };
  if (Array.isArray(v)) return v.map((x) => toWire(x, keep));
  if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, toWire(x, keep)]));
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
  const unwire = async (v) => {
    if (v !== null && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 1 && typeof v.bytesUrl === 'string') {
      return new Uint8Array(await (await fetch(v.bytesUrl)).arrayBuffer());
    }
    if (Array.isArray(v)) return Promise.all(v.map(unwire));
    if (v !== null && typeof v === 'object') return Object.fromEntries(await Promise.all(Object.entries(v).map(async ([k, x]) => [k, await unwire(x)])));
    return v;
  };
  window.sigwb = Object.fromEntries(Object.entries(names).map(([channel, method]) => [method, async (r) => unwire(await window.__sigwbInvoke(channel, wire(r)))]));
}`;

/**
 * How the host's reply bytes reach the page: `route` (the default) through a Playwright route, as base64 over the
 * DevTools connection; `loopback` from the app's own server over a real HTTP connection on 127.0.0.1 (the page's CSP
 * allows same-origin fetches only). Both stand in for Electron's IPC, which passes ArrayBuffers through Mojo.
 */
export type ReplyTransport = 'route' | 'loopback';

/** Serves the built app and opens it in a fresh Chromium profile whose window talks to `host` as the desktop app's does. */
export async function launchDesktopApp(
  host: Host,
  viewport = { width: 1400, height: 900 },
  options: { transport?: ReplyTransport } = {},
): Promise<AppUnderTest> {
  const replies = new Map<string, Uint8Array>();
  let next = 0;
  const keep = (bytes: Uint8Array) => {
    const url = `${REPLY_BYTES}${++next}`;
    replies.set(url, bytes);
    return url;
  };
  /** The reply held under `url`, handed out once. */
  const take = (url: string) => {
    const bytes = replies.get(url);
    replies.delete(url);
    return bytes;
  };
  const loopback = options.transport === 'loopback';
  const extraRoute: ExtraRoute = (req, res, headers) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    if (!url.startsWith(REPLY_BYTES)) return false;
    const bytes = take(url);
    if (bytes === undefined) res.writeHead(404, headers).end();
    else res.writeHead(200, { ...headers, 'Content-Type': 'application/octet-stream', 'Content-Length': bytes.byteLength }).end(bytes);
    return true;
  };
  return launchBuiltApp(viewport, {
    extraRoute: loopback ? extraRoute : undefined,
    prepare: async (context) => {
      if (!loopback) {
        await context.route(`**${REPLY_BYTES}*`, async (route) => {
          const bytes = take(new URL(route.request().url()).pathname);
          if (bytes === undefined) await route.fulfill({ status: 404 });
          else await route.fulfill({ status: 200, contentType: 'application/octet-stream', body: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) });
        });
      }
      await context.exposeBinding('__sigwbInvoke', async (_source, channel: string, request: unknown) => {
        if (!isChannel(channel)) throw new Error(`no such channel: ${channel}`);
        const handler = host[channel] as (r: unknown) => Promise<unknown>;
        return toWire(await handler(parseRequest(channel, fromWire(request))), keep);
      });
      // A script as text, not a function: a transpiler's helpers (tsx's __name) would not exist in the page.
      await context.addInitScript({ content: `(${BRIDGE})(${JSON.stringify(Object.fromEntries(Object.keys(channels).map((c) => [c, methodNames[c as keyof typeof methodNames]])))})` });
    },
  });
}
