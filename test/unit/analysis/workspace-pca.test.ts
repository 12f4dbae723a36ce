/**
 * The one PCA path (shared/analysis/workspace-pca.ts), from the workspace's measurements to the scores, against
 * sklearn (test/fixtures/analysis/pca-workspace.json, scripts/golden/make_pca_fixtures.py).
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runClasses } from '../../../shared/analysis/class-run';
import { inProcessEngine } from '../../../shared/analysis/engine';
import { pcaScoreText } from '../../../shared/analysis/pca-view';
import { registerSampleClasses } from '../../../shared/analysis/sample-classes';
import { workspacePca } from '../../../shared/analysis/workspace-pca';
import { buildClassReport } from '../../../shared/reporting/class-report';
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

describe('the PCA the Classes view draws and the one the class report states', () => {
  it('are the same scores, in the class run\'s space, and equal sklearn', async () => {
    const t = tempDir();
    try {
      await goldenWorkspace(path.join(t.dir, 'ws'));
      const { ws, db } = await openWorkspaceDb(path.join(t.dir, 'ws'));
      const { record } = await runClasses(ws, db, { author: { analyst: 'a', appVersion: '0' }, settings: { pretreatment: 'fourth-root', score: 'pearson', linkage: 'average', k: 4 }, calibration: 'none' });
      await registerSampleClasses(db, ws);
      // The Classes view's panel: the latest run's record, through the engine (here in-process, as the worker runs it).
      const panel = await workspacePca(ws, db, { run: record, engine: inProcessEngine });
      const classId = record.classes[0].class_id;
      const report = await buildClassReport(ws, db, { scope: { by: 'classes', classIds: [classId] }, profile: 'internal', label: 'PROTECTED B', fileName: 'class.html' }, { analyst: 'a', appVersion: '0', now: new Date('2026-12-01T00:00:00Z'), exportId: 'R-20261201-0000cafe', selectionNonce: '00'.repeat(16) });
      const titles = [...report.html.matchAll(/<circle class="pca-member"[^>]*><title>([^<]*)<\/title>/g)].map((m) => m[1]);
      expect(titles).toHaveLength(record.classes[0].size);
      const row = new Map(panel.view.sampleIds.map((id, i) => [id, i]));
      const golden = new Map(PCA_GOLDEN.sample_ids.map((id, i) => [id, i]));
      const k = PCA_GOLDEN.pca.n_components;
      for (const title of titles) {
        const id = title.slice(0, title.indexOf(':'));
        // The report writes the scores with pcaScoreText, as the panel's tooltip does: the same text from the panel's view.
        expect(title.startsWith(pcaScoreText(id, panel.view, row.get(id)!, 0, 1))).toBe(true);
        const [, pc1, pc2] = /PC1 ([-\d.e+]+), PC2 ([-\d.e+]+)/.exec(title)!.map(Number);
        expect(pc1).toBeCloseTo(PCA_GOLDEN.pca.scores[golden.get(id)! * k], 3);
        expect(pc2).toBeCloseTo(PCA_GOLDEN.pca.scores[golden.get(id)! * k + 1], 3);
      }
      expect(report.html).toContain(`PC1 (${(PCA_GOLDEN.pca.explained_variance_ratio[0] * 100).toFixed(1)} %)`);
      await db.close();
    } finally {
      t.cleanup();
    }
  });
});
