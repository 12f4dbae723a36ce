/**
 * A worker kept for short jobs posted as they come, each answered by one message carrying its id: what the digest
 * and figure clients share (digest-client.ts, figure-png-client.ts). The worker starts with the first job; when it
 * fails (its error event) every pending job rejects and the next job starts a fresh one.
 *
 * Not a WorkerQueue (worker-queue.ts): that one runs a job at a time, with progress and Cancel, for the engine and
 * imports; these jobs (a hash, a PNG) have neither, and the caller falls back to its own thread when one fails.
 */
import type { QueueWorker } from './worker-queue';

/** An answer of the worker: `error` says why the job failed. */
export interface KeptAnswer {
  id: number;
  error?: string;
}

export class KeptWorker<Answer extends KeptAnswer, Result> {
  private worker: QueueWorker | null = null;
  private next = 0;
  private readonly pending = new Map<number, { resolve: (result: Result) => void; reject: (e: Error) => void }>();

  /**
   * `start` makes the worker; `label` names it in errors ("the digest worker stopped"); `result` is what a job
   * resolves with, or undefined when the answer says the job failed.
   */
  constructor(
    private readonly start: () => QueueWorker,
    private readonly label: string,
    private readonly result: (answer: Answer) => Result | undefined,
  ) {}

  /** Posts the message `job(id)` with the buffers to transfer; resolves with the worker's answer to it. */
  post(job: (id: number) => unknown, transfer: Transferable[]): Promise<Result> {
    const id = this.next++;
    return new Promise<Result>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.started().postMessage(job(id), transfer);
    });
  }

  private started(): QueueWorker {
    if (this.worker) return this.worker;
    const w = this.start();
    w.onmessage = (event: MessageEvent<Answer>) => {
      const job = this.pending.get(event.data.id);
      this.pending.delete(event.data.id);
      const result = this.result(event.data);
      if (result !== undefined) job?.resolve(result);
      else job?.reject(new Error(event.data.error ?? `the ${this.label} failed`));
    };
    w.onerror = () => {
      for (const job of this.pending.values()) job.reject(new Error(`the ${this.label} stopped`));
      this.pending.clear();
      this.worker = null;
    };
    this.worker = w;
    return w;
  }
}
