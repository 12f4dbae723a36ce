/**
 * Ranges of rows worked on every core (issue 15): worker threads and this thread take ranges from one shared counter,
 * each range by the same function (shipped to the workers as source: shared/profiling/util/function-source.ts),
 * writing into SharedArrayBuffers, so the result does not depend on which thread did which range.
 *
 * The workers start at once and this thread joins them when the caller asks (`finish`), so the caller's own work in
 * between runs beside them. `finish` is synchronous: this thread waits on the shared counters (Atomics.wait), so the
 * numeric pipeline (autoProfile) stays synchronous. A worker that starts late finds the ranges taken and ends; one
 * that fails makes `finish` throw.
 */
import { Worker } from 'node:worker_threads';
import type { ProgressCallback } from '../../shared/profiling/util/abort';
import { throwIfAborted } from '../../shared/profiling/util/abort';

// Shared counters (Int32Array): the next range to take, ranges done, a failed worker, stop.
const NEXT = 0;
const DONE = 1;
const FAILED = 2;
const STOP = 3;

/** Work cut into ranges: the same function on every thread. */
export interface RangeJob {
  /** Function declarations the workers need (functionSource), among them `setup`. */
  readonly source: string;
  /** Name of a declared function `(workerData) => (from, to) => void`: a worker's range function. */
  readonly setup: string;
  /** Its workerData: SharedArrayBuffers, numbers, strings. */
  readonly data: Record<string, unknown>;
  /** This thread's range function (the same computation on the same buffers). */
  readonly local: (from: number, to: number) => void;
}

/** Ranges under way: `finish` works the ranges left, then waits for the workers' ones; `cancel` stops them. */
export interface PendingRanges {
  finish(onProgress?: ProgressCallback, signal?: AbortSignal): void;
  cancel(): void;
}

function workerSource(job: RangeJob): string {
  return `
const { workerData: w } = require('node:worker_threads');
// Transpilers that keep function names (tsx) wrap functions in __name(fn, name).
const __name = (f) => f;
${job.source}
const ctl = new Int32Array(w.control);
const bounds = new Int32Array(w.bounds);
try {
  const range = ${job.setup}(w.data);
  for (;;) {
    if (Atomics.load(ctl, ${STOP}) !== 0) break;
    const k = Atomics.add(ctl, ${NEXT}, 1);
    if (k >= bounds.length - 1) break;
    range(bounds[k], bounds[k + 1]);
    Atomics.add(ctl, ${DONE}, 1);
    Atomics.notify(ctl, ${DONE});
  }
} catch (e) {
  Atomics.store(ctl, ${FAILED}, 1);
  Atomics.notify(ctl, ${DONE});
}
`;
}

/** Starts `job` over the ranges [bounds[k], bounds[k + 1]) on `threads` threads (this one included, at `finish`). */
export function startRanges(job: RangeJob, bounds: readonly number[], threads: number): PendingRanges {
  const count = bounds.length - 1;
  const shared = new Int32Array(new SharedArrayBuffer(4 * bounds.length));
  shared.set(bounds);
  const control = new Int32Array(new SharedArrayBuffer(16));
  const source = workerSource(job);
  // The workers end on their own once the ranges are taken; they must not keep the process alive meanwhile.
  for (let t = 1; t < threads; t++) new Worker(source, { eval: true, workerData: { control: control.buffer, bounds: shared.buffer, data: job.data } }).unref();
  return {
    finish(onProgress, signal) {
      const report = (): void => onProgress?.(Atomics.load(control, DONE) / count);
      try {
        for (;;) {
          throwIfAborted(signal);
          const k = Atomics.add(control, NEXT, 1);
          if (k >= count) break;
          job.local(bounds[k], bounds[k + 1]);
          Atomics.add(control, DONE, 1);
          report();
        }
        // Wait for the ranges the workers took; a failed worker ends the wait.
        for (let done = Atomics.load(control, DONE); done < count; done = Atomics.load(control, DONE)) {
          if (Atomics.load(control, FAILED) !== 0) throw new Error('a worker thread failed');
          throwIfAborted(signal);
          Atomics.wait(control, DONE, done, 100);
          report();
        }
      } finally {
        Atomics.store(control, STOP, 1);
      }
      onProgress?.(1);
    },
    cancel() {
      Atomics.store(control, STOP, 1);
    },
  };
}

/** A Float64Array on a SharedArrayBuffer, for ranges worked on several threads. */
export function sharedFloat64(length: number): Float64Array {
  return new Float64Array(new SharedArrayBuffer(8 * length));
}
