/** A Worker double for the worker clients' tests (renderer/workers/): it answers only when the test says so. */
import type { QueueWorker } from '../../renderer/workers/worker-queue';

/** Posted messages cross a structured clone with their transfer lists (so transferred buffers are detached), unless `refuse`. */
export class ScriptedWorker<Posted = unknown> implements QueueWorker {
  onmessage: ((event: MessageEvent) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  readonly posted: Posted[] = [];
  terminated = false;
  refuse = false;

  postMessage(message: unknown, transfer: Transferable[]): void {
    if (this.refuse) throw new DOMException('could not be cloned', 'DataCloneError');
    this.posted.push(structuredClone(message, { transfer }) as Posted);
  }
  terminate(): void {
    this.terminated = true;
  }
  /** A message from the worker. */
  send(data: unknown): void {
    this.onmessage?.({ data } as MessageEvent);
  }
  /** The worker's error event (it crashed). */
  crash(message: string): void {
    this.onerror?.({ message, preventDefault: () => undefined } as ErrorEvent);
  }
}
