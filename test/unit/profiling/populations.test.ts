/**
 * Popovic et al.'s population rules R1–R4 on a seeded workbook of their shape: pairs, distances and ROC AUC equal to
 * an independent implementation of their R code in numpy / scipy / scikit-learn
 * (scripts/golden/make_population_fixtures.py → test/fixtures/profiling/populations.json).
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PairPopulation } from '../../../shared/profiling/pair-population';
import { buildPairs, pairDistances } from '../../../shared/profiling/pairs';
import { pretreat, type Pretreatment } from '../../../shared/profiling/pretreatment';
import { rocAuc } from '../../../shared/profiling/roc';
import type { Score } from '../../../shared/profiling/scores';
import { signatureMatrixFromRows } from '../../../shared/profiling/signature-matrix';

interface Row {
  rule: 'R1' | 'R2' | 'R3' | 'R4';
  pretreatment: Pretreatment;
  score: Score;
  linked: number;
  unlinked: number;
  auc: number;
}
interface Fixture {
  variables: string[];
  lookup: Record<string, string | null>[];
  gcms: number[][];
  aucs: Row[];
}
const fixture = JSON.parse(readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'profiling', 'populations.json'), 'utf8')) as Fixture;

/** The rules as the workbench's options state them (docs/CLI.md). */
function popovicRule(rule: Row['rule'], column: (name: string) => (string | null)[]): PairPopulation {
  const group = column('Group');
  const all = ['Group', 'PriR', 'Pre', 'PreR'].map(column);
  switch (rule) {
    case 'R1':
      return { linked: [group], unlinked: [group] };
    case 'R2':
      return { linked: [group], unlinked: [group], linkedGroupSize: { min: 2, max: 10 }, unlinkedSingletons: true };
    case 'R3':
      return { linked: all, unlinked: all };
    case 'R4':
      return { linked: all, unlinked: all, linkedGroupSize: { min: 2, max: 10 } };
  }
}

describe('population rules R1–R4 against their reference implementation', () => {
  const keep = fixture.variables.map((v, k) => (v === 'V04' ? -1 : k)).filter((k) => k >= 0);
  const matrix = signatureMatrixFromRows(
    fixture.lookup.map((r) => r.Specimen as string),
    keep.map((k) => fixture.variables[k]),
    fixture.gcms.map((row) => keep.map((k) => row[k])),
  );
  const column = (name: string) => fixture.lookup.map((r) => r[name]);

  for (const rule of ['R1', 'R2', 'R3', 'R4'] as const) {
    it(`${rule}: the same pairs, and every AUC to 1e-9 (N, N^1/2, N^1/4 × Pearson, Euclidean, Manhattan; V04 left out)`, () => {
      const pairs = buildPairs(popovicRule(rule, column));
      const rows = fixture.aucs.filter((r) => r.rule === rule);
      expect(rows).toHaveLength(9);
      for (const r of rows) {
        expect(pairs.linkedTotal).toBe(r.linked);
        expect(pairs.unlinkedTotal).toBe(r.unlinked);
        const x = pretreat(matrix, r.pretreatment);
        const auc = rocAuc(pairDistances(x, r.score, pairs.linked), pairDistances(x, r.score, pairs.unlinked));
        expect(Math.abs(auc - r.auc), `${rule} ${r.pretreatment} ${r.score}`).toBeLessThan(1e-9);
      }
    });
  }
});
