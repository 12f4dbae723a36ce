/**
 * The automatic mode recovers true sources where "different case" is not "different source" (the small, fast version
 * of `npm run bench -- accuracy`): two collections of the grid (bench/accuracy.ts: same generator, same seeds),
 * written into a workspace and classed by `runClasses` with no setting, as `sigwb cluster` does; the textbook pipeline
 * (N^1/4 + Pearson, average linkage, 2.5 % FPR on different-case pairs) beside it.
 */
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { runClasses } from '../../../shared/analysis/class-run';
import { Workspace } from '../../../shared/workspace/Workspace';
import { NodeFileStore } from '../../../node/files/node-file-store';
import { tempDir } from '../../util/temp-dir';
import { adjustedRandIndex } from './cluster-metrics';
import { addRows, openWorkspaceDb, TEST_ACTOR } from './make-workspace';
import { textbookAri, worldCollection } from './world-collection';

const author = { analyst: 'analyst-a', appVersion: '0.1.0', now: TEST_ACTOR.now };

describe('accuracy of the automatic mode on generated collections with known sources', () => {
  for (const cell of [
    { sources: 10, seizure: 0.05, sample: 0.04, lodArea: 500, seed: 1194 },
    { sources: 24, seizure: 0.03, sample: 0.02, lodArea: 500, seed: 1582 },
  ]) {
    it(`${cell.sources} sources, 4 cases each: ARI ≥ 0.95 against the sources, where the textbook pipeline stays under 0.7`, async () => {
      const c = worldCollection(cell);
      const t = tempDir();
      try {
        const ws = await Workspace.create(new NodeFileStore(path.join(t.dir, 'ws')), 'accuracy', TEST_ACTOR);
        await addRows(ws, c.rows.samples, c.rows.results);
        const o = await openWorkspaceDb(path.join(t.dir, 'ws'));
        const { run } = await runClasses(o.ws, o.db, { author });
        const bySample = new Map(c.matrix.sampleIds.map((id, i) => [id, c.source[i]]));
        const ari = adjustedRandIndex(run.classIds, run.sampleIds.map((id) => bySample.get(id) ?? '?'));
        expect(run.source.cut).toBe('held-out');
        expect(ari).toBeGreaterThanOrEqual(0.95);
        expect(textbookAri(c)).toBeLessThan(0.7);
        await o.db.close();
      } finally {
        t.cleanup();
      }
    }, 300_000);
  }
});
