import { describe, expect, it } from 'vitest';
import { EngineClient, EngineError, type EngineWorker } from '../../../renderer/engine/engine-client';
import { handleEngineMessage } from '../../../renderer/engine/engine-handler';
import { AnalysisRefusal } from '../../../shared/analysis/analysis-refusal';
import { inProcessEngine } from '../../../shared/analysis/engine';
import type { CalibrateRequest, EngineProgress, FromEngine } from '../../../shared/analysis/engine-protocol';
import { mulberry32 } from '../../../shared/profiling/util/rng';
import { simplePopulation } from '../../../shared/profiling/pair-population';

/** Samples of three sources, three per seizure, two seizures per case. */
function calibrateRequest(): CalibrateRequest {
  const rng = mulberry32(4);
  const p = 6;
  const profiles = [0, 1, 2].map(() => Array.from({ length: p }, () => Math.exp(rng.nextNormal())));
  const values: number[] = [];
  const linked: string[] = [];
  const unlinked: string[] = [];
  for (let s = 0; s < 3; s++) {
    for (let z = 0; z < 8; z++) {
      for (let r = 0; r < 3; r++) {
        for (let c = 0; c < p; c++) values.push(profiles[s][c] * Math.exp(0.05 * rng.nextNormal()) * (1 + r));
        linked.push(`z${s}-${z}`);
        unlinked.push(`c${s}-${z >> 1}`);
      }
    }
  }
  const n = linked.length;
  return {
    kind: 'calibrate',
    matrix: { sampleIds: Array.from({ length: n }, (_, i) => `s${i}`), compounds: Array.from({ length: p }, (_, c) => `c${c}`), values: Float64Array.from(values), detected: null },
    population: simplePopulation(linked, unlinked),
    settings: { pretreatments: ['fourth-root', 'n'], scores: ['pearson', 'euclidean'] },
  };
}

/** A worker double: messages cross a structured clone with their transfer lists, as between threads. */
class ThreadlessWorker implements EngineWorker {
  onmessage: ((event: MessageEvent) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  terminated = false;
  received = 0;
  constructor(private readonly mode: 'run' | 'hang' | 'garbage' = 'run') {}
  postMessage(message: unknown, transfer: Transferable[]): void {
    const copy = structuredClone(message, { transfer });
    this.received++;
    if (this.mode === 'hang') return;
    setTimeout(() => {
      if (this.terminated) return;
      if (this.mode === 'garbage') return this.onmessage?.({ data: { type: 'result', id: 1, result: 42 } } as MessageEvent);
      handleEngineMessage(copy, (m: FromEngine, t) => {
        const back = structuredClone(m, { transfer: t });
        setTimeout(() => !this.terminated && this.onmessage?.({ data: back } as MessageEvent), 0);
      });
    }, 0);
  }
  terminate(): void {
    this.terminated = true;
  }
}

function clientWith(...workers: ThreadlessWorker[]) {
  const started: ThreadlessWorker[] = [];
  const client = new EngineClient(() => {
    const w = workers.shift() ?? new ThreadlessWorker();
    started.push(w);
    return w;
  });
  return { client, started };
}

describe('engine client and worker body', () => {
  it('computes what the in-process engine computes, transferring buffers and reporting progress', async () => {
    const expected = await inProcessEngine.run(calibrateRequest());
    const { client, started } = clientWith();
    const request = calibrateRequest();
    const progress: EngineProgress[] = [];
    const result = await client.run(request, { onProgress: (p) => progress.push(p) });
    expect(result).toEqual(expected);
    expect(result.calibration.distances.linked).toBeInstanceOf(Float64Array);
    expect(request.matrix.values.byteLength).toBe(0); // transferred to the worker
    expect([...new Set(progress.map((p) => p.stage))]).toEqual(['pairs', 'combinations', 'calibration', 'likelihood ratios']);
    expect(started).toHaveLength(1);
  });

  it('brings refusals back as AnalysisRefusal with their reason', async () => {
    const { client } = clientWith();
    const base = calibrateRequest();
    const own = base.matrix.sampleIds.map((_, i) => `own-${i}`);
    const request = { ...base, population: { ...base.population, linked: [own] } };
    const err = await client.run(request).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AnalysisRefusal);
    expect((err as AnalysisRefusal).reason).toBe('too-few-pairs');
    expect((err as Error).message).toMatch(/too few linked pairs: found 0/);
  });

  it('cancels by terminating the worker, and starts a fresh one for the next request', async () => {
    const hanging = new ThreadlessWorker('hang');
    const { client, started } = clientWith(hanging);
    const controller = new AbortController();
    const pending = client.run(calibrateRequest(), { signal: controller.signal });
    const queued = client.run(calibrateRequest());
    await new Promise((r) => setTimeout(r, 5));
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    expect(hanging.terminated).toBe(true);
    const next = await queued;
    expect(next.calibration.auc).toBe((await inProcessEngine.run(calibrateRequest())).calibration.auc);
    expect(started).toHaveLength(2);
    const already = new AbortController();
    already.abort();
    await expect(client.run(calibrateRequest(), { signal: already.signal })).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('runs requests one at a time, in order', async () => {
    const { client, started } = clientWith();
    const order: string[] = [];
    await Promise.all([
      client.run(calibrateRequest()).then(() => order.push('calibrate')),
      client.run({ kind: 'pca', matrix: calibrateRequest().matrix, nComponents: 2 }).then((r) => order.push(`pca ${r.pca.nComponents}`)),
    ]);
    expect(order).toEqual(['calibrate', 'pca 2']);
    expect(started[0].received).toBe(2);
  });

  it('checks messages with zod on both sides', async () => {
    const { client, started } = clientWith(new ThreadlessWorker('garbage'));
    await expect(client.run({ kind: 'pca', matrix: calibrateRequest().matrix })).rejects.toBeInstanceOf(EngineError);
    expect(started[0].terminated).toBe(true);
    const bad = { ...calibrateRequest(), settings: { acceptedFpr: 7 } };
    await expect(client.run(bad)).rejects.toThrow();
    const posted: FromEngine[] = [];
    handleEngineMessage({ type: 'run', id: 9, request: { kind: 'pca', matrix: { sampleIds: ['a'], compounds: [], values: [1] } } }, (m) => posted.push(m));
    expect(posted[0]).toMatchObject({ type: 'error', id: 9, error: { name: 'EngineProtocolError', message: expect.stringMatching(/^bad engine request: request\.matrix/) } });
  });

  it('fails the running request when the worker crashes', async () => {
    const crashing = new ThreadlessWorker('hang');
    const { client } = clientWith(crashing);
    const pending = client.run(calibrateRequest());
    await new Promise((r) => setTimeout(r, 1));
    crashing.onerror?.({ message: 'out of memory', preventDefault: () => undefined } as ErrorEvent);
    await expect(pending).rejects.toThrow(/the analysis engine stopped: out of memory/);
    expect(crashing.terminated).toBe(true);
  });
});
