import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import type { Database } from '../../../shared/db/Database';
import { DEFAULT_COMPOUND_DICTIONARY } from '../../../shared/domain/default-compounds';
import { workspaceVariableHelp } from '../../../shared/analysis/variable-help';
import { tempDir } from '../../util/temp-dir';
import { makeWorkspace, openWorkspaceDb } from './make-workspace';

let cleanup: () => void;
let db: Database;

beforeAll(async () => {
  const t = tempDir();
  cleanup = t.cleanup;
  await makeWorkspace(path.join(t.dir, 'ws'), { sources: 9 });
  ({ db } = await openWorkspaceDb(path.join(t.dir, 'ws')));
});
afterAll(async () => {
  await db.close();
  cleanup();
});

describe('variable-selection help', () => {
  it('reports presence, within- vs between-seizure variation and roles for the production compounds', async () => {
    const help = await workspaceVariableHelp(db);
    expect(help.samples).toBe(9 * 2 * 2 * 3);
    expect(help.replicatedSeizures).toBe(9 * 2 * 2);
    const byName = new Map(help.compounds.map((c) => [c.compound, c]));
    // Route markers: phenethyl-4-ANPP only in the one-pot route (a third of the sources).
    expect(byName.get('phenethyl-4-ANPP')?.presenceRate).toBeCloseTo(1 / 3, 1);
    const dictionary = new Map(DEFAULT_COMPOUND_DICTIONARY.compounds.map((c) => [c.name, c.role]));
    for (const c of help.compounds) expect(c.role).toBe(dictionary.get(c.compound) ?? 'unassigned');
    expect(byName.get('NPP')?.role).toBe('precursor');
    expect(byName.get('unknown RT 12.31')?.role).toBe('unassigned');
    for (const c of help.compounds.filter((x) => x.presenceRate > 0.9)) {
      expect(c.discrimination).toBeGreaterThan(1); // sources differ far more than samples of one seizure
      expect(c.suggested).toBe(true);
    }
    expect(help.suggested).not.toContain('phenethyl-4-ANPP');
    for (const p of help.correlatedPairs) expect(Math.abs(p.r)).toBeGreaterThan(0.7);
  });

  it('can assess any roles the analyst picks', async () => {
    const help = await workspaceVariableHelp(db, { roles: ['adulterant', 'diluent'] });
    expect(help.compounds.map((c) => c.compound)).toEqual(['caffeine', 'xylazine']);
    expect(help.compounds.every((c) => c.role === 'adulterant')).toBe(true);
  });
});
