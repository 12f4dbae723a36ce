/**
 * Linking on every core: worker threads run the linking kernel (shared/linking/link-kernel.ts, shipped as its own
 * source, which imports nothing) on ranges of the stored profiles, read from one SharedArrayBuffer (no copy per
 * worker). Workers pull ranges until none is left, so a slow core does not hold the others up; Cancel terminates them.
 */
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { linkBlock, type LinkBlockResult } from '../../shared/linking/link-kernel';
import { inThreadRunner, offsetResult, type LinkRunner } from '../../shared/linking/link-search';
import type { PreparedRows } from '../../shared/profiling/scores';

/** Pairs (new × stored) below which one thread is faster than starting workers (~30 ms each). */
const PARALLEL_FROM_PAIRS = 20_000_000;

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
// Transpilers that keep function names (tsx) wrap inner functions in __name(fn, name).
const __name = (f) => f;
const linkBlock = ${linkBlock.toString()};
const d = workerData;
const stored = new Float64Array(d.stored);
const storedDegenerate = new Uint8Array(d.storedDegenerate);
const fresh = new Float64Array(d.fresh);
const freshDegenerate = new Uint8Array(d.freshDegenerate);
parentPort.on('message', (t) => {
  const r = linkBlock(stored, storedDegenerate, fresh.subarray(t.freshFrom * d.p, t.freshTo * d.p), freshDegenerate.subarray(t.freshFrom, t.freshTo), d.p, d.score, d.threshold, t.from, t.to);
  parentPort.postMessage({ task: t.k, newIndex: Int32Array.from(r.newIndex), storedIndex: Int32Array.from(r.storedIndex), distance: Float64Array.from(r.distance), nearest: r.nearest, nearestDistance: r.nearestDistance });
});
`;

function shared<T extends Float64Array | Uint8Array>(a: T): SharedArrayBuffer {
  if (a.buffer instanceof SharedArrayBuffer && a.byteOffset === 0 && a.byteLength === a.buffer.byteLength) return a.buffer;
  const sab = new SharedArrayBuffer(a.byteLength);
  new Uint8Array(sab).set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
  return sab;
}

/** A runner on `threads` worker threads (default: the machine's cores), in this thread for small jobs. */
export function workerRunner(threads = os.availableParallelism()): LinkRunner {
  return async (stored: PreparedRows, fresh: PreparedRows, threshold, tasks, onTaskDone, signal) => {
    if (threads < 2 || stored.n * fresh.n < PARALLEL_FROM_PAIRS || tasks.length < 2) return inThreadRunner(stored, fresh, threshold, tasks, onTaskDone, signal);
    const workerData = { stored: shared(stored.x), storedDegenerate: shared(stored.degenerate), fresh: shared(fresh.x), freshDegenerate: shared(fresh.degenerate), p: stored.p, score: stored.score, threshold };
    const workers = Array.from({ length: Math.min(threads, tasks.length) }, () => new Worker(WORKER_SOURCE, { eval: true, workerData }));
    const results: LinkBlockResult[] = [];
    let next = 0;
    const post = (w: Worker, k: number): void => w.postMessage({ ...tasks[k], k });
    try {
      await new Promise<void>((resolve, reject) => {
        let running = workers.length;
        const abort = (): void => reject(Object.assign(new Error('linking cancelled'), { name: 'AbortError' }));
        if (signal?.aborted) return abort();
        signal?.addEventListener('abort', abort, { once: true });
        for (const w of workers) {
          w.on('error', reject);
          w.on('message', (r: { task: number; newIndex: Int32Array; storedIndex: Int32Array; distance: Float64Array; nearest: Int32Array; nearestDistance: Float64Array }) => {
            const local = { newIndex: Array.from(r.newIndex), storedIndex: Array.from(r.storedIndex), distance: Array.from(r.distance), nearest: r.nearest, nearestDistance: r.nearestDistance };
            results.push(offsetResult(local, tasks[r.task].freshFrom, fresh.n));
            onTaskDone();
            if (next < tasks.length) post(w, next++);
            else if (--running === 0) resolve();
          });
          post(w, next++);
        }
      });
    } finally {
      await Promise.all(workers.map((w) => w.terminate()));
    }
    return results;
  };
}
