import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { calibrateWorkspace } from '../../../shared/analysis/calibrate-workspace';
import { workspacePca } from '../../../shared/analysis/workspace-pca';
import { tempDir } from '../../util/temp-dir';
import { makeWorkspace, openWorkspaceDb } from './make-workspace';
import { computePcaView } from '../../../shared/analysis/pca-view';
import { AnalysisRefusal } from '../../../shared/analysis/analysis-refusal';
import { pca } from '../../../shared/profiling/pca';
import { pretreat } from '../../../shared/profiling/pretreatment';
import { createSignatureMatrix } from '../../../shared/profiling/signature-matrix';
import { mulberry32 } from '../../../shared/profiling/util/rng';

function twoSources() {
  const rng = mulberry32(5);
  const a = [5, 1, 1, 0.2, 3];
  const b = [1, 4, 0.3, 2, 1];
  const values: number[] = [];
  for (let i = 0; i < 20; i++) for (const v of i < 10 ? a : b) values.push(v * Math.exp(0.05 * rng.nextNormal()) * (1 + i));
  return createSignatureMatrix(Array.from({ length: 20 }, (_, i) => `s${i}`), ['c1', 'c2', 'c3', 'c4', 'c5'], Float64Array.from(values));
}

describe('PCA view', () => {
  it('is the core PCA of the pretreated signatures (default fourth root)', () => {
    const m = twoSources();
    const view = computePcaView(m, { nComponents: 2 });
    const ref = pca(pretreat(m, 'fourth-root'), { nComponents: 2 });
    expect(view.pretreatment).toBe('fourth-root');
    expect(view.scores).toEqual(ref.scores);
    expect(view.loadings).toEqual(ref.loadings);
    expect(view.explainedVarianceRatio[0]).toBeGreaterThan(0.9);
    // The two sources fall on either side of PC1, whatever the sample amount.
    const pc1 = Array.from({ length: 20 }, (_, i) => view.scores[i * 2]);
    expect(new Set(pc1.slice(0, 10).map(Math.sign)).size).toBe(1);
    expect(Math.sign(pc1[0])).toBe(-Math.sign(pc1[19]));
  });

  it('takes other pretreatments and refuses fewer than two samples', () => {
    const m = twoSources();
    expect(computePcaView(m, { pretreatment: 'n+s' }).nComponents).toBe(5);
    expect(() => computePcaView(createSignatureMatrix(['a'], ['c'], new Float64Array([1])))).toThrow(AnalysisRefusal);
  });
});

describe('PCA of a workspace', () => {
  it('uses the pretreatment of the calibration in force, or fourth root without one', async () => {
    const t = tempDir();
    try {
      await makeWorkspace(path.join(t.dir, 'ws'), { sources: 6 });
      const { ws, db } = await openWorkspaceDb(path.join(t.dir, 'ws'));
      const before = await workspacePca(ws, db, { nComponents: 3 });
      expect(before.view.pretreatment).toBe('fourth-root');
      expect(before.view.scores.length).toBe(before.view.sampleIds.length * 3);
      expect(before.facts.seizureId).toHaveLength(before.view.sampleIds.length);
      const { record } = await calibrateWorkspace(ws, db, { author: { analyst: 'a', appVersion: '0' }, settings: { pretreatments: ['n+s'], scores: ['euclidean'] } });
      const after = await workspacePca(ws, db);
      expect(after.view.pretreatment).toBe('n+s');
      expect(record.column_scaling?.scale).toHaveLength(after.view.compounds.length);
      expect((await workspacePca(ws, db, { pretreatment: 'log' })).view.pretreatment).toBe('log');
      await db.close();
    } finally {
      t.cleanup();
    }
  });
});
