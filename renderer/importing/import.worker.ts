/**
 * The import Web Worker (module worker, bundled by Vite): reads, maps, scans and checks a file and builds its batch's
 * Arrow IPC bytes, off the interface thread. Started by import-client.ts; Cancel terminates it.
 */
import { z } from 'zod';
import { handleImportMessage } from './import-handler';

// The CSP forbids eval: zod must not compile its parsers here either (as renderer/main.tsx does for the page).
z.config({ jitless: true });

self.onmessage = (event: MessageEvent<unknown>) => {
  void handleImportMessage(event.data, (message, transfer) => self.postMessage(message, { transfer }));
};
