/**
 * An NN-chain linkage on a worker thread of its own (issue 15), so that the thread that started it can draw and
 * calibrate the pairs meanwhile (shared/profiling/auto.ts). The worker runs shared/profiling/nn-chain.ts from its
 * source on the working copy in place, which must live in a SharedArrayBuffer (distance-threads.ts makes it there);
 * any other buffer is merged in this thread. The merges are the single-thread ones bit for bit: same code, same data.
 */
import { Worker } from 'node:worker_threads';
import { startChainInThread, type StartChain } from '../../shared/profiling/linkage';
import { nnChainMerges, nnChainSource } from '../../shared/profiling/nn-chain';
import { throwIfAborted } from '../../shared/profiling/util/abort';

// Shared counters (Int32Array): state (0 running, 1 done, 2 failed), progress in millionths, stop.
const STATE = 0;
const PROGRESS = 1;
const STOP = 2;
const RUNNING = 0;
const DONE = 1;

const WORKER_SOURCE = `
const { workerData: w } = require('node:worker_threads');
// Transpilers that keep function names (tsx) wrap functions in __name(fn, name).
const __name = (f) => f;
${nnChainSource()}
const ctl = new Int32Array(w.control);
const stop = { get aborted() { return Atomics.load(ctl, ${STOP}) !== 0; }, reason: undefined };
let state = 2;
try {
  const merges = ${nnChainMerges.name}(new Float64Array(w.work), w.n, w.method, (f) => Atomics.store(ctl, ${PROGRESS}, Math.round(f * 1e6)), stop);
  new Float64Array(w.merges).set(merges);
  state = ${DONE};
} catch (e) {
  state = 2;
}
Atomics.store(ctl, ${STATE}, state);
Atomics.notify(ctl, ${STATE});
`;

/** startChain on a worker thread when the working copy is shared; in this thread otherwise. */
export function startChainThread(): StartChain {
  return (work, n, method) => {
    if (!(work.buffer instanceof SharedArrayBuffer)) return startChainInThread(work, n, method);
    const control = new Int32Array(new SharedArrayBuffer(12));
    const merges = new Float64Array(new SharedArrayBuffer(8 * 4 * (n - 1)));
    new Worker(WORKER_SOURCE, { eval: true, workerData: { control: control.buffer, merges: merges.buffer, work: work.buffer, n, method } }).unref();
    return {
      finish(onProgress, signal) {
        try {
          for (let state = Atomics.load(control, STATE); state === RUNNING; state = Atomics.load(control, STATE)) {
            throwIfAborted(signal);
            Atomics.wait(control, STATE, RUNNING, 100);
            onProgress?.(Atomics.load(control, PROGRESS) / 1e6);
          }
        } catch (e) {
          Atomics.store(control, STOP, 1);
          throw e;
        }
        if (Atomics.load(control, STATE) !== DONE) throw new Error('the linkage worker thread failed');
        return merges;
      },
      cancel() {
        Atomics.store(control, STOP, 1);
      },
    };
  };
}
