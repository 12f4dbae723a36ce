/**
 * The app's engine client over a worker double that runs the engine worker's body in this thread, with every message
 * crossing a structured clone and its transfer list as between threads: what the app's engine worker computes, in Node.
 */
import { EngineClient, type EngineWorker } from '../../renderer/engine/engine-client';
import { handleEngineMessage } from '../../renderer/engine/engine-handler';
import type { FromEngine } from '../../shared/analysis/engine-protocol';

class ThreadlessEngineWorker implements EngineWorker {
  onmessage: ((event: MessageEvent) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  private terminated = false;
  postMessage(message: unknown, transfer: Transferable[]): void {
    const copy = structuredClone(message, { transfer });
    setTimeout(() => {
      if (this.terminated) return;
      void handleEngineMessage(copy, (m: FromEngine, t) => {
        const back = structuredClone(m, { transfer: t });
        setTimeout(() => !this.terminated && this.onmessage?.({ data: back } as MessageEvent), 0);
      });
    }, 0);
  }
  terminate(): void {
    this.terminated = true;
  }
}

/** An engine client whose worker runs in this thread. */
export function threadlessEngine(): EngineClient {
  return new EngineClient(() => new ThreadlessEngineWorker());
}
