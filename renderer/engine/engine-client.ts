/**
 * The renderer's analysis engine: an Engine (shared/analysis/engine.ts) that runs each request in a module Web
 * Worker. Requests run one at a time, in order. The request's typed-array buffers are transferred to the worker
 * (the caller's arrays are detached afterwards) and the result's buffers come back the same way.
 *
 * Cancel: the numeric core checks its AbortSignal only synchronously, so an abort from this thread could never reach
 * a running computation; aborting terminates the worker instead, rejects with an AbortError, and the next request
 * starts a fresh worker (renderer/workers/worker-queue.ts).
 */
import { AnalysisRefusal, type RefusalReason } from '../../shared/analysis/analysis-refusal';
import type { Engine, EngineRunOptions } from '../../shared/analysis/engine';
import { EngineRequest, FromEngine, transferables, type EngineProgress, type EngineResult, type EngineResultOf, type ToEngine } from '../../shared/analysis/engine-protocol';
import { WorkerQueue, type QueueWorker } from '../workers/worker-queue';

/** What the client needs of a Worker (a real one, or a test double). */
export type EngineWorker = QueueWorker;

/** Starts the bundled engine worker. */
export function startEngineWorker(): EngineWorker {
  return new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module', name: 'analysis-engine' });
}

/** An engine failure that is not a refusal (a bug, or the worker crashing). */
export class EngineError extends Error {
  override name = 'EngineError';
}

export class EngineClient implements Engine {
  private readonly queue: WorkerQueue<EngineRequest, EngineResult, EngineProgress, Extract<FromEngine, { type: 'error' }>['error']>;

  constructor(startWorker: () => EngineWorker = startEngineWorker) {
    this.queue = new WorkerQueue({
      start: startWorker,
      label: 'the analysis engine',
      error: (message) => new EngineError(message),
      abortError: () => new DOMException('The analysis was cancelled', 'AbortError'),
      post: (request, id) => ({ message: { type: 'run', id, request } satisfies ToEngine, transfer: transferables(request) }),
      parse: (data) => FromEngine.safeParse(data),
      failure: ({ name, message, reason }) => (name === 'AnalysisRefusal' ? new AnalysisRefusal((reason ?? 'bad-setting') as RefusalReason, message) : undefined),
    });
  }

  /** Runs a request in the worker; `onProgress` gets stage and fraction, `signal` cancels (see the module doc). */
  run<R extends EngineRequest>(request: R, options: EngineRunOptions = {}): Promise<EngineResultOf<R>> {
    return this.queue.run(() => EngineRequest.parse(request), options) as Promise<EngineResultOf<R>>;
  }

  /** Stops the worker and fails every pending request. */
  dispose(): void {
    this.queue.dispose();
  }
}
