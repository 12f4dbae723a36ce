/**
 * Condensed distances on every core (issue 15): ranges of rows (range-threads.ts) computed by
 * shared/profiling/condensed-rows.ts into one SharedArrayBuffer, so the array is the single-thread one bit for bit.
 * With `twin`, each range is also copied into a second array (the linkage's working copy) by the thread that made it,
 * while the range is still in its cache.
 */
import os from 'node:os';
import { condensedLength } from '../../shared/profiling/condensed';
import { balancedRowRanges, condensedRows, condensedRowsSource } from '../../shared/profiling/condensed-rows';
import { prepareRows, startDistancesInThread, type StartDistances } from '../../shared/profiling/scores';
import { functionSource } from '../../shared/profiling/util/function-source';
import { sharedFloat64, startRanges } from './range-threads';

/** Samples below which one thread is faster than starting workers (~30 ms each on an idle machine). */
const PARALLEL_FROM_SAMPLES = 3_000;
/** Ranges per thread: small enough that a thread slowed by other work on the machine does not hold the rest up. */
const RANGES_PER_THREAD = 24;

interface DistanceBuffers {
  x: Float64Array;
  degenerate: Uint8Array;
  n: number;
  p: number;
  score: string;
  d: Float64Array;
  twin: Float64Array | null;
}

/** One range: its rows, and its place in the condensed array copied into the twin when there is one. */
function distanceRange(b: DistanceBuffers, from: number, to: number): void {
  condensedRows(b.x, b.degenerate, b.n, b.p, b.score, from, to, b.d);
  if (b.twin !== null) {
    const start = b.n * from - (from * (from + 1)) / 2;
    const end = b.n * to - (to * (to + 1)) / 2;
    b.twin.set(b.d.subarray(start, end), start);
  }
}

/** A worker's range function over the shared buffers (workerData: the buffers' SharedArrayBuffers). */
function distanceWorker(w: { x: SharedArrayBuffer; degenerate: SharedArrayBuffer; d: SharedArrayBuffer; twin: SharedArrayBuffer | null; n: number; p: number; score: string }): (from: number, to: number) => void {
  const b = { x: new Float64Array(w.x), degenerate: new Uint8Array(w.degenerate), d: new Float64Array(w.d), twin: w.twin ? new Float64Array(w.twin) : null, n: w.n, p: w.p, score: w.score };
  return (from, to) => distanceRange(b, from, to);
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
    const b: DistanceBuffers = {
      x: sharedFloat64(rows.x.length),
      degenerate: new Uint8Array(new SharedArrayBuffer(n)),
      n,
      p,
      score,
      d: sharedFloat64(m),
      twin: options.twin === true ? sharedFloat64(m) : null,
    };
    b.x.set(rows.x);
    b.degenerate.set(rows.degenerate);
    const data = { x: b.x.buffer, degenerate: b.degenerate.buffer, d: b.d.buffer, twin: b.twin?.buffer ?? null, n, p, score };
    const source = `${condensedRowsSource()}\n${functionSource([distanceRange, distanceWorker])}`;
    const pending = startRanges({ source, setup: distanceWorker.name, data, local: (from, to) => distanceRange(b, from, to) }, balancedRowRanges(n, threads * RANGES_PER_THREAD), threads);
    return {
      finish(onProgress, signal) {
        pending.finish(onProgress, signal);
        return { dists: b.d, twin: b.twin };
      },
      cancel: () => pending.cancel(),
    };
  };
}
