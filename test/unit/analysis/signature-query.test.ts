import { DEFAULT_VOCABULARIES } from '../../../shared/domain/default-vocabularies';
import { termLookup } from '../../../shared/domain/vocabulary';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import type { Database } from '../../../shared/db/Database';
import { AnalysisRefusal } from '../../../shared/analysis/analysis-refusal';
import { substituteNonDetects } from '../../../shared/profiling/non-detects';
import { effectiveValues } from '../../../shared/profiling/signature-matrix';
import { ALL_ROLES, loadSampleColumn, loadSignatures, requireMeasurements, signatureCompounds } from '../../../shared/analysis/signature-query';
import type { Workspace } from '../../../shared/workspace/Workspace';
import { tempDir } from '../../util/temp-dir';
import { addRows, makeWorkspace, openWorkspaceDb, SIGNATURE_COMPOUNDS, type GeneratedData } from './make-workspace';

let dir: string;
let cleanup: () => void;
let data: GeneratedData;
let ws: Workspace;
let db: Database;

beforeAll(async () => {
  ({ dir, cleanup } = tempDir());
  ({ data } = await makeWorkspace(path.join(dir, 'ws'), { sources: 6, casesPerSource: 2, seizuresPerCase: 2, samplesPerSeizure: 2 }));
  ({ ws, db } = await openWorkspaceDb(path.join(dir, 'ws')));
});
afterAll(async () => {
  await db.close();
  cleanup();
});

/** A one-batch data set's limit as a share (smallest detected area, any compound, over the median sample total) and each sample's total. */
function batchFigures(results: GeneratedData['results']): { rho: number; totals: Map<string, number> } {
  const lod = Math.min(...results.filter((r) => r.area !== null).map((r) => r.area!));
  const totals = new Map<string, number>();
  for (const r of results) {
    if ((SIGNATURE_COMPOUNDS as readonly string[]).includes(r.compound_raw)) totals.set(r.sample_id, (totals.get(r.sample_id) ?? 0) + (r.area ?? 0));
  }
  const sorted = [...totals.values()].sort((a, b) => a - b);
  const h = sorted.length;
  const median = h % 2 ? sorted[(h - 1) / 2] : (sorted[h / 2 - 1] + sorted[h / 2]) / 2;
  return { rho: lod / median, totals };
}

describe('loadSignatures', () => {
  it('pivots the production compounds of every sample, sorted by sample id, with nd as not detected at half the batch\'s limit', async () => {
    const { matrix, facts } = await loadSignatures(db);
    expect(matrix.compounds).toEqual([...SIGNATURE_COMPOUNDS].sort((a, b) => (a < b ? -1 : 1)));
    expect(matrix.sampleIds).toEqual(data.samples.map((s) => s.sample_id).sort());
    expect(matrix.nonDetects).toBe('half-lod');
    // One results batch: its limit is the smallest area detected in it, any compound; as a share, over the median
    // total signature area of its samples. A non-detect is half that share of its own sample's total.
    const { rho, totals } = batchFigures(data.results);
    const zero = (await loadSignatures(db, { nonDetects: 'zero' })).matrix;
    expect(zero.nonDetects).toBe('zero');
    const p = matrix.compounds.length;
    let nd = 0;
    for (const r of data.results) {
      const c = matrix.compounds.indexOf(r.compound_raw);
      if (c < 0) continue; // main drug and adulterants are not production compounds
      const k = matrix.sampleIds.indexOf(r.sample_id) * p + c;
      expect(matrix.detected?.[k]).toBe(r.area === null ? 0 : 1);
      const substitute = 0.5 * rho * totals.get(r.sample_id)!;
      if (r.area === null) expect(matrix.values[k]).toBeCloseTo(substitute, 9);
      else expect(matrix.values[k]).toBe(r.area);
      expect(effectiveValues(matrix)[k]).toBe(matrix.values[k]);
      expect(effectiveValues(zero)[k]).toBe(r.area ?? 0);
      if (r.area === null) nd++;
    }
    expect(nd).toBeGreaterThan(0);
    // The in-memory rule (generated collections, tests) gives the same matrix on the same one batch.
    const same = Float64Array.from(zero.values);
    substituteNonDetects(same, zero.detected!, p);
    for (let k = 0; k < same.length; k++) expect(same[k]).toBeCloseTo(matrix.values[k], 9);
    const i = matrix.sampleIds.indexOf(data.samples[5].sample_id);
    expect(facts.seizureId[i]).toBe(data.samples[5].seizure_id);
    expect(facts.caseId[i]).toBe(data.samples[5].case_id);
    expect(facts.seizedOn[i]).toBe(data.samples[5].seized_on);
    // Regions read through the shipped vocabulary: the generator's postal codes (NS) come out as the term (Nova Scotia).
    const region = data.samples[5].region;
    expect(facts.region[i]).toBe(region === null ? null : (termLookup(DEFAULT_VOCABULARIES).region.get(region.toLowerCase()) ?? region));
  });

  it('takes roles, explicit lists in their order, and sample filters', async () => {
    expect(await signatureCompounds(db, { roles: ['adulterant'] })).toEqual(['caffeine', 'xylazine']);
    expect(await signatureCompounds(db, { roles: [...ALL_ROLES] })).toContain('fentanyl');
    expect(await signatureCompounds(db, { roles: [] })).toEqual([]);
    const listed = await loadSignatures(db, { compounds: ['NPP', '4-ANPP', 'NPP'] });
    expect(listed.matrix.compounds).toEqual(['NPP', '4-ANPP']);
    const one = data.samples[0];
    const filtered = await loadSignatures(db, { sampleFilter: `seizure_id = '${one.seizure_id}'` });
    expect(filtered.matrix.sampleIds).toEqual(data.samples.filter((s) => s.seizure_id === one.seizure_id).map((s) => s.sample_id).sort());
  });

  it('averages replicate measurements of a sample instead of adding them up, non-detects at their substitute (a censored mean)', async () => {
    const t = tempDir();
    try {
      const { ws: w, data: { results: generated } } = await makeWorkspace(path.join(t.dir, 'ws'), { sources: 1, casesPerSource: 1, seizuresPerCase: 1, samplesPerSeizure: 2 });
      const { db: d } = await openWorkspaceDb(path.join(t.dir, 'ws'));
      const before = await loadSignatures(d);
      const id = before.matrix.sampleIds[0];
      const c = before.matrix.compounds.indexOf('NPP');
      const p = before.matrix.compounds.length;
      const area = before.matrix.values[c];
      expect(before.matrix.detected?.[c]).toBe(1);
      // A repeat injection of the same sample in a second results batch: 3 × the area, and an nd row. That batch
      // holds too few peaks for a limit of its own and borrows the first batch's; the nd row counts at half that
      // share of the sample's total (detected means), not as nothing and not left out.
      await addRows(w, [], [{ sample_id: id, compound_raw: 'NPP', area: 3 * area }, { sample_id: id, compound_raw: 'NPP', area: null }]);
      const { db: d2 } = await openWorkspaceDb(path.join(t.dir, 'ws'));
      const after = await loadSignatures(d2);
      const first = await loadSignatures(d);
      let total = 2 * area;
      for (let k = 0; k < p; k++) if (k !== c && first.matrix.detected?.[k]) total += first.matrix.values[k];
      const { rho } = batchFigures(generated);
      expect(after.matrix.values[c]).toBeCloseTo((area + 3 * area + 0.5 * rho * total) / 3, 6);
      expect(after.matrix.detected?.[c]).toBe(1);
      expect(after.matrix.values.slice(p)).toEqual(before.matrix.values.slice(p));
      // Records made before the rule was stated average the detected rows only (biased upwards), as they did.
      const old = await loadSignatures(d2, { nonDetects: 'zero' });
      expect(old.matrix.values[c]).toBeCloseTo(2 * area, 6);
      await d.close();
      await d2.close();
    } finally {
      t.cleanup();
    }
  });

  it('refuses an empty selection with the reason', async () => {
    const none = await loadSignatures(db, { roles: ['internal_standard'] });
    expect(none.matrix.sampleIds).toEqual([]);
    expect(() => requireMeasurements(none, { roles: ['internal_standard'] })).toThrow(AnalysisRefusal);
    expect(() => requireMeasurements(none, { roles: ['internal_standard'] })).toThrow(/no measurements: the workspace holds no results for compounds of the roles internal_standard/);
  });

  it('reads any samples column as the grouping of pairs, and refuses unknown ones', async () => {
    const loaded = await loadSignatures(db);
    expect(await loadSampleColumn(db, loaded, 'seizure_id')).toBe(loaded.facts.seizureId);
    const regions = await loadSampleColumn(db, loaded, 'region');
    expect(regions).toEqual(loaded.facts.region);
    await expect(loadSampleColumn(db, loaded, 'batch_no')).rejects.toThrow(/the samples view has no column "batch_no"/);
    expect(ws.manifest.batches).toHaveLength(2);
  });
});
