/**
 * The analysis engine: one interface (`Engine`) with two implementations, the in-process one below (CLI, tests)
 * and the renderer's Web Worker client (renderer/engine/engine-client.ts), in the way of Mosaic's connectors.
 * Workspace-level functions (calibrate-workspace.ts, class-run.ts, ../attribution/workspace-attribution.ts) take an
 * Engine, so the same code reads DuckDB, computes in a worker or in process, and persists.
 */
import { attribute } from '../attribution/attribute';
import { createSignatureMatrix, type SignatureMatrix } from '../profiling/signature-matrix';
import { packAttribution } from './attribute-protocol';
import { computeCalibration } from './calibration-compute';
import { computeClassRun } from './class-run-compute';
import { EngineRequest, type EngineProgress, type EngineResult, type EngineResultOf, type MatrixPayload } from './engine-protocol';
import { computePcaView } from './pca-view';
import type { StartDistances } from '../profiling/scores';
import type { StartChain } from '../profiling/linkage';
import type { LinkRunner } from '../linking/link-search';
import { computeGraphClasses } from './class-run-graph-compute';

export interface EngineRunOptions {
  onProgress?: (progress: EngineProgress) => void;
  /** Cancels the run: the worker client terminates its worker; in process, checked between steps. */
  signal?: AbortSignal;
}

/** Kernels a host may supply in place of the single-thread ones (the Node host: node/profiling/node-engine.ts). */
export interface EngineKernels {
  /** Condensed distances of a class run; default startDistancesInThread. */
  startDistances?: StartDistances;
  /** NN-chain linkage of a class run; default in the calling thread. */
  startChain?: StartChain;
  /** Link search of a threshold-graph run; default inThreadRunner. */
  linkRunner?: LinkRunner;
}

export interface Engine {
  /** Runs one request; typed-array buffers of the request may be transferred (detached) by a worker engine. */
  run<R extends EngineRequest>(request: R, options?: EngineRunOptions): Promise<EngineResultOf<R>>;
}

/** The matrix payload of a signature matrix (no copy). */
export function matrixPayload(m: SignatureMatrix): MatrixPayload {
  return { sampleIds: m.sampleIds, compounds: m.compounds, values: m.values, detected: m.detected ?? null, ...(m.nonDetects === undefined ? {} : { nonDetects: m.nonDetects }), ...(m.limits === undefined ? {} : { limits: m.limits }) };
}

function matrixOf(p: MatrixPayload): SignatureMatrix {
  const m = createSignatureMatrix(p.sampleIds, p.compounds, p.values, p.detected ?? undefined, p.nonDetects);
  return p.limits === undefined ? m : { ...m, limits: p.limits };
}

/** Request kinds computed asynchronously (the link search awaits its runner): runEngineRequestAsync. */
export type AsyncEngineRequest = Extract<EngineRequest, { kind: 'graph-classes' }>;

/** Whether a request must go through runEngineRequestAsync. */
export function isAsyncRequest(request: EngineRequest): request is AsyncEngineRequest {
  return request.kind === 'graph-classes';
}

/** Runs a validated request of any kind (the worker's body for asynchronous kinds, and the in-process engine's). */
export async function runEngineRequestAsync(raw: EngineRequest, onProgress: (p: EngineProgress) => void = () => undefined, signal?: AbortSignal, kernels: EngineKernels = {}): Promise<EngineResult> {
  const request = EngineRequest.parse(raw);
  if (!isAsyncRequest(request)) return runEngineRequest(request, onProgress, signal, kernels);
  const { kind: _kind, matrix, ...input } = request;
  const graph = await computeGraphClasses(
    { ...input, matrix: matrixOf(matrix) },
    { runner: kernels.linkRunner, signal, onProgress: (stage, fraction) => onProgress({ stage, fraction: Math.min(1, Math.max(0, fraction)) }) },
  );
  return { kind: 'graph-classes', graph };
}

/** Runs a validated request synchronously (the worker's body, and the in-process engine's); not for asynchronous kinds (isAsyncRequest). */
export function runEngineRequest(raw: EngineRequest, onProgress: (p: EngineProgress) => void = () => undefined, signal?: AbortSignal, kernels: EngineKernels = {}): EngineResult {
  const request = EngineRequest.parse(raw);
  const report = (stage: string, fraction: number): void => onProgress({ stage, fraction: Math.min(1, Math.max(0, fraction)) });
  switch (request.kind) {
    case 'calibrate':
      return { kind: 'calibrate', calibration: computeCalibration(matrixOf(request.matrix), request.population, request.settings, report, signal) };
    case 'cluster':
      return {
        kind: 'cluster',
        run: computeClassRun(matrixOf(request.matrix), request.facts, request.population, request.settings, request.calibration, request.previous, report, signal, kernels),
      };
    case 'pca': {
      const scaling = request.scaling;
      return {
        kind: 'pca',
        pca: computePcaView(matrixOf(request.matrix), {
          pretreatment: request.pretreatment,
          nComponents: request.nComponents,
          logOffset: request.logOffset,
          scaling: scaling ? { centre: scaling.centre, scale: scaling.scale, constant: scaling.constant } : undefined,
        }),
      };
    }
    case 'attribute': {
      const { kind: _kind, matrix, ...input } = request;
      return { kind: 'attribute', attribution: packAttribution(attribute({ ...input, matrix: matrixOf(matrix) }, report, signal)) };
    }
    case 'graph-classes':
      throw new TypeError('classes from the threshold graph are computed asynchronously: runEngineRequestAsync');
  }
}

/** The engine on the calling thread with the given kernels (blocks while it computes). */
export function inProcessEngineWith(kernels: EngineKernels): Engine {
  return {
    async run<R extends EngineRequest>(request: R, options: EngineRunOptions = {}): Promise<EngineResultOf<R>> {
      return (await runEngineRequestAsync(request, options.onProgress, options.signal, kernels)) as EngineResultOf<R>;
    },
  };
}

/** The engine on the calling thread, single-threaded kernels: for tests and hosts without threads. */
export const inProcessEngine: Engine = inProcessEngineWith({});
