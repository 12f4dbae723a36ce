/**
 * The analysis engine of the Node hosts (CLI, Electron's main process): in process, with the condensed distances of a
 * class run on every core (distance-threads.ts) and its linkage on a thread of its own while this one draws and
 * calibrates the pairs (linkage-thread.ts); the link search of a threshold-graph run on worker threads
 * (../linking/link-pool.ts). Results equal the single-thread engine's bit for bit.
 */
import { inProcessEngineWith, type Engine } from '../../shared/analysis/engine';
import { startThreadedDistances } from './distance-threads';
import { startChainThread } from './linkage-thread';
import { workerRunner } from '../linking/link-pool';

/** The in-process engine with threaded kernels; `threads` defaults to the machine's cores. */
export function nodeEngine(threads?: number): Engine {
  return inProcessEngineWith({ startDistances: startThreadedDistances(threads), startChain: threads === 1 ? undefined : startChainThread(), linkRunner: workerRunner(threads) });
}
