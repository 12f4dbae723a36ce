/**
 * Condensed distances on every core (issue 15): worker threads and this thread take ranges of rows from one shared
 * counter and write into one SharedArrayBuffer, each range by shared/profiling/condensed-rows.ts (shipped to the
 * workers as source), so the array is the single-thread one bit for bit.
 *
 * The workers start at once and this thread joins them when the caller asks for the distances (`finish`), so the
 * caller's own work in between (drawing and calibrating the pairs) runs beside them. `finish` is synchronous like
 * condensedDistances: this thread waits on the shared counters (Atomics.wait), so the numeric pipeline (autoProfile)
 * stays synchronous. A worker that starts late finds the ranges taken and ends; one that fails makes `finish` throw.
 * With `twin`, each range is also copied into a second array (the linkage's working copy) by the thread that made it.
 */
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { condensedLength } from '../../shared/profiling/condensed';
import { balancedRowRanges, condensedRows, condensedRowsSource } from '../../shared/profiling/condensed-rows';
import { prepareRows, startDistancesInThread, type StartDistances } from '../../shared/profiling/scores';
import { throwIfAborted } from '../../shared/profiling/util/abort';
import { functionSource } from '../../shared/profiling/util/function-source';

/** Samples below which one thread is faster than starting workers (~30 ms each on an idle machine). */
const PARALLEL_FROM_SAMPLES = 3_000;
/** Ranges per thread: small enough that a thread slowed by other work on the machine does not hold the rest up. */
const RANGES_PER_THREAD = 24;

// Shared counters (Int32Array): the next range to take, ranges done, a failed worker, stop.
const NEXT = 0;
const DONE = 1;
const FAILED = 2;
const STOP = 3;

/** One range: its rows, then its place in the condensed array (copied into the twin when there is one). */
function runRange(x: Float64Array, degenerate: Uint8Array, n: number, p: number, score: string, from: number, to: number, d: Float64Array, twin: Float64Array | null): void {
  condensedRows(x, degenerate, n, p, score, from, to, d);
  if (twin !== null) {
    const start = n * from - (from * (from + 1)) / 2;
    const end = n * to - (to * (to + 1)) / 2;
    twin.set(d.subarray(start, end), start);
  }
}

const WORKER_SOURCE = `
const { workerData: w } = require('node:worker_threads');
// Transpilers that keep function names (tsx) wrap functions in __name(fn, name).
const __name = (f) => f;
${condensedRowsSource()}
${functionSource([runRange])}
const ctl = new Int32Array(w.control);
const bounds = new Int32Array(w.bounds);
const x = new Float64Array(w.x);
const degenerate = new Uint8Array(w.degenerate);
const d = new Float64Array(w.d);
const twin = w.twin ? new Float64Array(w.twin) : null;
try {
  for (;;) {
    if (Atomics.load(ctl, ${STOP}) !== 0) break;
    const k = Atomics.add(ctl, ${NEXT}, 1);
    if (k >= bounds.length - 1) break;
    ${runRange.name}(x, degenerate, w.n, w.p, w.score, bounds[k], bounds[k + 1], d, twin);
    Atomics.add(ctl, ${DONE}, 1);
    Atomics.notify(ctl, ${DONE});
  }
} catch (e) {
  Atomics.store(ctl, ${FAILED}, 1);
  Atomics.notify(ctl, ${DONE});
}
`;

function sharedFloat64(length: number): Float64Array {
  return new Float64Array(new SharedArrayBuffer(8 * length));
}

/**
 * startDistances on `threads` threads (default: the machine's cores); in this thread alone below `fromSamples`
 * samples (default 3,000; tests lower it).
 */
export function startThreadedDistances(threads = os.availableParallelism(), fromSamples = PARALLEL_FROM_SAMPLES): StartDistances {
  return (matrix, score, options = {}) => {
    const n = matrix.sampleIds.length;
    if (threads < 2 || n < fromSamples) return startDistancesInThread(matrix, score, options);
    const p = matrix.compounds.length;
    const m = condensedLength(n);
    const rows = prepareRows(matrix.values, n, p, score);
    const x = sharedFloat64(rows.x.length);
    x.set(rows.x);
    const degenerate = new Uint8Array(new SharedArrayBuffer(n));
    degenerate.set(rows.degenerate);
    const d = sharedFloat64(m);
    const twin = options.twin === true ? sharedFloat64(m) : null;
    const ranges = balancedRowRanges(n, threads * RANGES_PER_THREAD);
    const bounds = new Int32Array(new SharedArrayBuffer(4 * ranges.length));
    bounds.set(ranges);
    const count = ranges.length - 1;
    const control = new Int32Array(new SharedArrayBuffer(16));
    const workerData = { control: control.buffer, bounds: bounds.buffer, x: x.buffer, degenerate: degenerate.buffer, d: d.buffer, twin: twin?.buffer ?? null, n, p, score };
    // The workers end on their own once the ranges are taken; they must not keep the process alive meanwhile.
    for (let t = 1; t < threads; t++) new Worker(WORKER_SOURCE, { eval: true, workerData }).unref();
    return {
      finish(onProgress, signal) {
        const report = (): void => onProgress?.(Atomics.load(control, DONE) / count);
        try {
          for (;;) {
            throwIfAborted(signal);
            const k = Atomics.add(control, NEXT, 1);
            if (k >= count) break;
            runRange(x, degenerate, n, p, score, ranges[k], ranges[k + 1], d, twin);
            Atomics.add(control, DONE, 1);
            report();
          }
          // Wait for the ranges the workers took; a failed worker ends the wait.
          for (let done = Atomics.load(control, DONE); done < count; done = Atomics.load(control, DONE)) {
            if (Atomics.load(control, FAILED) !== 0) throw new Error('a distance worker thread failed');
            Atomics.wait(control, DONE, done, 100);
            report();
          }
        } finally {
          Atomics.store(control, STOP, 1);
        }
        onProgress?.(1);
        return { dists: d, twin };
      },
      cancel() {
        Atomics.store(control, STOP, 1);
      },
    };
  };
}
