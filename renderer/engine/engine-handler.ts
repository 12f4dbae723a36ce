/**
 * The engine worker's body, apart from the worker global so that tests can drive it: validates a run message,
 * computes (shared/analysis/engine.ts: synchronously, or awaited for classes from the threshold graph), posts
 * throttled progress, then the result with its typed-array buffers transferred, or the error as { name, reason, message }.
 */
import { isAsyncRequest, runEngineRequest, runEngineRequestAsync } from '../../shared/analysis/engine';
import { ToEngine, transferables, type EngineProgress, type EngineResult, type FromEngine } from '../../shared/analysis/engine-protocol';

export type Post = (message: FromEngine, transfer: ArrayBuffer[]) => void;

/** Progress is posted when the stage changes or the fraction moves by at least this much. */
const PROGRESS_STEP = 0.01;

/** Handles one message posted to the engine worker; synchronous but for asynchronous kinds (isAsyncRequest), whose promise settles after the result is posted. */
export function handleEngineMessage(data: unknown, post: Post): void | Promise<void> {
  const parsed = ToEngine.safeParse(data);
  if (!parsed.success) {
    const id = typeof (data as { id?: unknown } | null)?.id === 'number' ? (data as { id: number }).id : -1;
    const issue = parsed.error.issues[0];
    post({ type: 'error', id, error: { name: 'EngineProtocolError', message: `bad engine request: ${issue.path.join('.') || '(root)'}: ${issue.message}` } }, []);
    return;
  }
  const { id, request } = parsed.data;
  let lastStage = '';
  let lastFraction = -1;
  const onProgress = (progress: EngineProgress): void => {
    if (progress.stage !== lastStage || progress.fraction - lastFraction >= PROGRESS_STEP || progress.fraction === 1) {
      lastStage = progress.stage;
      lastFraction = progress.fraction;
      post({ type: 'progress', id, progress }, []);
    }
  };
  const done = (result: EngineResult): void => {
    const message: FromEngine = { type: 'result', id, result };
    post(message, transferables(message));
  };
  const failed = (e: unknown): void => {
    const err = e instanceof Error ? e : new Error(String(e));
    const reason = (err as { reason?: unknown }).reason;
    post({ type: 'error', id, error: { name: err.name, message: err.message, reason: typeof reason === 'string' ? reason : undefined } }, []);
  };
  if (isAsyncRequest(request)) return runEngineRequestAsync(request, onProgress).then(done, failed);
  try {
    done(runEngineRequest(request, onProgress));
  } catch (e) {
    failed(e);
  }
}
