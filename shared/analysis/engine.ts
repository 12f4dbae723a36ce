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

export interface EngineRunOptions {
  onProgress?: (progress: EngineProgress) => void;
  /** Cancels the run: the worker client terminates its worker; in process, checked between steps. */
  signal?: AbortSignal;
}

export interface Engine {
  /** Runs one request; typed-array buffers of the request may be transferred (detached) by a worker engine. */
  run<R extends EngineRequest>(request: R, options?: EngineRunOptions): Promise<EngineResultOf<R>>;
}

/** The matrix payload of a signature matrix (no copy). */
export function matrixPayload(m: SignatureMatrix): MatrixPayload {
  return { sampleIds: m.sampleIds, compounds: m.compounds, values: m.values, detected: m.detected ?? null };
}

function matrixOf(p: MatrixPayload): SignatureMatrix {
  return createSignatureMatrix(p.sampleIds, p.compounds, p.values, p.detected ?? undefined);
}

/** Runs a validated request synchronously (the worker's body, and the in-process engine's). */
export function runEngineRequest(raw: EngineRequest, onProgress: (p: EngineProgress) => void = () => undefined, signal?: AbortSignal): EngineResult {
  const request = EngineRequest.parse(raw);
  const report = (stage: string, fraction: number): void => onProgress({ stage, fraction: Math.min(1, Math.max(0, fraction)) });
  switch (request.kind) {
    case 'calibrate':
      return { kind: 'calibrate', calibration: computeCalibration(matrixOf(request.matrix), request.population, request.settings, report, signal) };
    case 'cluster':
      return {
        kind: 'cluster',
        run: computeClassRun(matrixOf(request.matrix), request.facts, request.population, request.settings, request.calibration, request.previous, report, signal),
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
  }
}

/** The engine on the calling thread: for the CLI and tests (blocks while it computes). */
export const inProcessEngine: Engine = {
  async run<R extends EngineRequest>(request: R, options: EngineRunOptions = {}): Promise<EngineResultOf<R>> {
    return runEngineRequest(request, options.onProgress, options.signal) as EngineResultOf<R>;
  },
};
