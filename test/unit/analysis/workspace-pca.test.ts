/**
 * The one PCA path (shared/analysis/workspace-pca.ts), from the workspace's measurements to the scores, against
 * sklearn (test/fixtures/analysis/pca-workspace.json, scripts/golden/make_pca_fixtures.py).
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { workspacePca } from '../../../shared/analysis/workspace-pca';
import { tempDir } from '../../util/temp-dir';
import { openWorkspaceDb } from './make-workspace';
import { goldenWorkspace, PCA_GOLDEN } from './pca-golden';

describe('the workspace PCA', () => {
  it('equals sklearn on the fourth-root signatures read from the workspace (scores, loadings, variances)', async () => {
    const t = tempDir();
    try {
      await goldenWorkspace(path.join(t.dir, 'ws'));
      const { ws, db } = await openWorkspaceDb(path.join(t.dir, 'ws'));
      const { view } = await workspacePca(ws, db, { nComponents: 8 });
      const g = PCA_GOLDEN;
      const k = g.pca.n_components;
      const p = g.compounds.length;
      expect(view.pretreatment).toBe('fourth-root');
      expect(view.nComponents).toBe(k);
      expect([...view.compounds].sort()).toEqual([...g.compounds].sort());
      const col = view.compounds.map((c) => g.compounds.indexOf(c));
      const row = new Map(g.sample_ids.map((id, i) => [id, i]));
      expect(view.sampleIds).toHaveLength(g.sample_ids.length);
      for (let c = 0; c < k; c++) {
        expect(view.explainedVarianceRatio[c]).toBeCloseTo(g.pca.explained_variance_ratio[c], 10);
        if (g.pca.explained_variance_ratio[c] < 1e-6) continue;
        view.sampleIds.forEach((id, i) => expect(view.scores[i * k + c]).toBeCloseTo(g.pca.scores[row.get(id)! * k + c], 8));
        col.forEach((j, jj) => expect(view.loadings[c * p + jj]).toBeCloseTo(g.pca.components[c * p + j], 8));
      }
      await db.close();
    } finally {
      t.cleanup();
    }
  });
});
