/**
 * The analysis engine Web Worker (module worker, bundled by Vite): calibration, clustering and PCA on typed arrays,
 * off the interface thread. Started by engine-client.ts; Cancel terminates it.
 */
import { handleEngineMessage } from './engine-handler';

self.onmessage = (event: MessageEvent<unknown>) => {
  handleEngineMessage(event.data, (message, transfer) => self.postMessage(message, { transfer }));
};
