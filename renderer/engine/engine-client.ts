/**
 * The renderer's analysis engine: an Engine (shared/analysis/engine.ts) that runs each request in a module Web
 * Worker. Requests run one at a time, in order. The request's typed-array buffers are transferred to the worker
 * (the caller's arrays are detached afterwards) and the result's buffers come back the same way.
 *
 * Cancel: the numeric core checks its AbortSignal only synchronously, so an abort from this thread could never reach
 * a running computation; aborting terminates the worker instead, rejects with an AbortError, and the next request
 * starts a fresh worker.
 */
import { AnalysisRefusal, type RefusalReason } from '../../shared/analysis/analysis-refusal';
import type { Engine, EngineRunOptions } from '../../shared/analysis/engine';
import { EngineRequest, FromEngine, transferables, type EngineResultOf, type ToEngine } from '../../shared/analysis/engine-protocol';

/** What the client needs of a Worker (a real one, or a test double). */
export interface EngineWorker {
  postMessage(message: unknown, transfer: Transferable[]): void;
  terminate(): void;
  onmessage: ((event: MessageEvent) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
}

/** Starts the bundled engine worker. */
export function startEngineWorker(): EngineWorker {
  return new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module', name: 'analysis-engine' });
}

/** An engine failure that is not a refusal (a bug, or the worker crashing). */
export class EngineError extends Error {
  override name = 'EngineError';
}

function abortError(): Error {
  return new DOMException('The analysis was cancelled', 'AbortError');
}

interface Job {
  id: number;
  request: EngineRequest;
  options: EngineRunOptions;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
  onAbort?: () => void;
}

export class EngineClient implements Engine {
  private worker: EngineWorker | null = null;
  private current: Job | null = null;
  private readonly queue: Job[] = [];
  private nextId = 1;

  constructor(private readonly startWorker: () => EngineWorker = startEngineWorker) {}

  /** Runs a request in the worker; `onProgress` gets stage and fraction, `signal` cancels (see the module doc). */
  run<R extends EngineRequest>(request: R, options: EngineRunOptions = {}): Promise<EngineResultOf<R>> {
    return new Promise<EngineResultOf<R>>((resolve, reject) => {
      if (options.signal?.aborted) return reject(abortError());
      let checked: EngineRequest;
      try {
        checked = EngineRequest.parse(request);
      } catch (e) {
        return reject(e);
      }
      const job: Job = { id: this.nextId++, request: checked, options, resolve: resolve as (v: unknown) => void, reject };
      job.onAbort = () => this.cancel(job);
      options.signal?.addEventListener('abort', job.onAbort, { once: true });
      this.queue.push(job);
      this.pump();
    });
  }

  /** Stops the worker and fails every pending request. */
  dispose(): void {
    const jobs = [...(this.current ? [this.current] : []), ...this.queue.splice(0)];
    this.current = null;
    this.stopWorker();
    for (const j of jobs) this.finish(j, () => j.reject(abortError()));
  }

  private pump(): void {
    if (this.current || this.queue.length === 0) return;
    const job = this.queue.shift() as Job;
    this.current = job;
    const worker = this.ensureWorker();
    const message: ToEngine = { type: 'run', id: job.id, request: job.request };
    try {
      worker.postMessage(message, transferables(job.request));
    } catch (e) {
      this.fail(job, e);
    }
  }

  private ensureWorker(): EngineWorker {
    if (this.worker) return this.worker;
    const worker = this.startWorker();
    worker.onmessage = (event) => this.receive(event.data);
    worker.onerror = (event) => {
      event.preventDefault?.();
      if (this.current) this.fail(this.current, new EngineError(`the analysis engine stopped: ${event.message || 'unknown error'}`), true);
    };
    this.worker = worker;
    return worker;
  }

  private stopWorker(): void {
    this.worker?.terminate();
    this.worker = null;
  }

  private receive(data: unknown): void {
    const job = this.current;
    const parsed = FromEngine.safeParse(data);
    if (!parsed.success) {
      if (job) this.fail(job, new EngineError(`bad message from the analysis engine: ${parsed.error.issues[0].message}`), true);
      return;
    }
    const msg = parsed.data;
    if (!job || msg.id !== job.id) return; // a late message of a cancelled run
    if (msg.type === 'progress') {
      job.options.onProgress?.(msg.progress);
      return;
    }
    this.current = null;
    if (msg.type === 'result') this.finish(job, () => job.resolve(msg.result));
    else {
      const { name, message, reason } = msg.error;
      const error = name === 'AnalysisRefusal' ? new AnalysisRefusal((reason ?? 'bad-setting') as RefusalReason, message) : Object.assign(new EngineError(message), { name: name === 'Error' ? 'EngineError' : name });
      this.finish(job, () => job.reject(error));
    }
    this.pump();
  }

  private cancel(job: Job): void {
    const queued = this.queue.indexOf(job);
    if (queued >= 0) {
      this.queue.splice(queued, 1);
      this.finish(job, () => job.reject(abortError()));
      return;
    }
    if (this.current === job) this.fail(job, abortError(), true);
  }

  /** Rejects the running job; with `restart`, drops the worker so that the next job starts a fresh one. */
  private fail(job: Job, error: unknown, restart = false): void {
    if (this.current === job) this.current = null;
    if (restart) this.stopWorker();
    this.finish(job, () => job.reject(error));
    this.pump();
  }

  private finish(job: Job, settle: () => void): void {
    if (job.onAbort) job.options.signal?.removeEventListener('abort', job.onAbort);
    settle();
  }
}
