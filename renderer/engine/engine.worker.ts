/**
 * The analysis engine Web Worker (module worker, bundled by Vite): calibration, clustering, PCA and attribution on
 * typed arrays, off the interface thread. Started by engine-client.ts; Cancel terminates it.
 */
import { z } from 'zod';
import { handleEngineMessage } from './engine-handler';

// The CSP forbids eval: zod must not compile its parsers here either (as renderer/main.tsx does for the page).
z.config({ jitless: true });

self.onmessage = (event: MessageEvent<unknown>) => {
  handleEngineMessage(event.data, (message, transfer) => self.postMessage(message, { transfer }));
};
