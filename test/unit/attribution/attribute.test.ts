import { describe, expect, it } from 'vitest';
import { attribute, type AttributionInput } from '../../../shared/attribution/attribute';
import { ATTRIBUTION_CSV_HEADER, attributionCsvRows } from '../../../shared/attribution/attribution-csv';
import { DEFAULT_SIGNATURE_LIBRARY } from '../../../shared/attribution/default-library';
import { callText, markerText, percent, sourceColumn, sourceText } from '../../../shared/attribution/evidence-text';
import { DEFAULT_COMPOUND_DICTIONARY } from '../../../shared/domain/default-compounds';
import { autoProfile } from '../../../shared/profiling/auto';
import { generateFentanyl, heldOutSplit, toMatrix } from './generate';
import { simplePopulation } from '../../../shared/profiling/pair-population';
import { groupLrFor } from '../../util/group-lr';

const samples = generateFentanyl({ seed: 11, sourcesPerRoute: 4 });
const split = heldOutSplit(samples, 3);
const matrix = toMatrix(samples);
const auto = autoProfile(matrix,simplePopulation(samples.map((s) => s.seizure), samples.map((s) => s.caseId)), { pretreatment: 'fourth-root', score: 'pearson' });
const cal = auto.calibration!;
const lr = groupLrFor(toMatrix(samples), 'fourth-root', 'pearson', samples.map((s) => s.seizure), samples.map((s) => s.caseId));
const base: AttributionInput = {
  matrix,
  library: DEFAULT_SIGNATURE_LIBRARY,
  drug: 'fentanyl',
  references: split.references.map((s) => ({ sampleId: s.id, route: s.route, source: s.source })),
  comparison: { pretreatment: 'fourth-root', score: 'pearson' },
  calibration: { threshold: cal.threshold, lr, unlinkedMedian: cal.unlinked.median, label: 'test calibration' },
  classIds: auto.classIds,
  precursorCompounds: DEFAULT_COMPOUND_DICTIONARY.compounds.filter((c) => c.role === 'precursor').map((c) => c.name),
  dictionary: DEFAULT_COMPOUND_DICTIONARY,
};
const truth = new Map(samples.map((s) => [s.id, s]));

describe('attribute', () => {
  const r = attribute(base);

  it('attributes every questioned sample, and only those', () => {
    const refIds = new Set(split.references.map((s) => s.id));
    expect(r.samples.length).toBe(samples.length - split.references.length);
    expect(r.samples.every((s) => !refIds.has(s.sampleId))).toBe(true);
    expect(r.routes).toEqual(['janssen', 'siegfried', 'gupta', '4-ap', '1-boc-4-ap']);
    expect(r.referenceRoutes).toEqual(['1-boc-4-ap', '4-ap', 'gupta', 'janssen', 'siegfried']);
    expect(r.references).toEqual({ used: split.references.length, sources: 15, missing: [] });
  });

  it('gives a ranked list with probabilities for each sample, from classifiers and markers', () => {
    for (const s of r.samples) {
      expect(s.call.ranked.length).toBe(5);
      expect(s.call.ranked.reduce((a, b) => a + b.probability, 0)).toBeCloseTo(1, 9);
      expect(s.classifier!.ensemble.reduce((a, b) => a + b.probability, 0)).toBeCloseTo(1, 9);
      if (s.call.route !== null) expect(s.call.probability).toBeGreaterThanOrEqual(0.6);
    }
    const called = r.samples.filter((s) => s.call.route !== null);
    const right = called.filter((s) => s.call.route === truth.get(s.sampleId)!.route);
    expect(called.length / r.samples.length).toBeGreaterThan(0.8);
    expect(right.length / called.length).toBeGreaterThan(0.85);
  });

  it('cross-validates by source and shows a confusion matrix over the reference routes', () => {
    const cv = r.crossValidation!;
    expect(cv.plan.grouped).toBe(true);
    expect(cv.ensemble.confusion.reduce((a, b) => a + b, 0)).toBe(split.references.length);
    expect(r.combinedCrossValidation!.classes).toEqual(r.routes);
    expect(r.notes).toEqual([]);
  });

  it('summarises classes: route, known source, precursors', () => {
    const knownIds = new Set(split.knownSource.map((s) => s.id));
    const known = r.classes.filter((c) => c.sampleIds.every((id) => knownIds.has(id)));
    expect(known.length).toBeGreaterThan(0);
    const right = known.filter((c) => c.source?.source === truth.get(c.sampleIds[0])!.source);
    expect(right.length / known.length).toBeGreaterThanOrEqual(0.75);
    for (const c of r.classes) {
      expect(c.precursors.members).toBe(c.sampleIds.length);
      expect(Object.values(c.memberCalls).reduce((a, b) => a + b, 0)).toBe(c.sampleIds.length);
      expect(c.source!.candidates.length).toBeLessThanOrEqual(3);
    }
  });

  it('writes the CSV rows with a short evidence text', () => {
    const rows = attributionCsvRows(r);
    expect(ATTRIBUTION_CSV_HEADER).toEqual(['sample_id', 'route', 'probability', 'source', 'evidence']);
    expect(rows.length).toBe(r.samples.length);
    for (const row of rows) {
      expect(typeof row[4] === 'string' && row[4].startsWith('route ')).toBe(true);
      expect(row[1] === 'undetermined' ? row[2] === null : typeof row[2] === 'number').toBe(true);
      expect(['no known source', ...Array.from({ length: 20 }, (_, i) => `L${String(i + 1).padStart(2, '0')}`)]).toContain(row[3]);
    }
  });

  it('falls back to marker rules when references hold fewer than two routes, and says so', () => {
    const one = attribute({ ...base, references: base.references.filter((x) => x.route === 'gupta') });
    expect(one.crossValidation).toBeNull();
    expect(one.samples.every((s) => s.classifier === null)).toBe(true);
    expect(one.notes[0]).toMatch(/at least 2 fentanyl routes \(found 1\)/);
  });

  it('reports references without a signature, and leaves sources unassessed without a calibration', () => {
    const r2 = attribute({ ...base, references: [...base.references, { sampleId: 'NOPE', route: 'gupta', source: 'X' }], calibration: null, classIds: null });
    expect(r2.references.missing).toEqual(['NOPE']);
    expect(r2.notes.join(' ')).toMatch(/1 reference sample\(s\) have no fentanyl signature.*NOPE.*No calibration in force/);
    expect(r2.classes.length).toBe(r2.samples.length);
    expect(r2.classes.every((c) => c.source === null)).toBe(true);
    expect(attributionCsvRows(r2).every((row) => row[3] === 'not assessed')).toBe(true);
  });

  it('still attributes, without cross-validation, when the references come from a single source', () => {
    const two = base.references.filter((x) => x.route === 'gupta' || x.route === 'janssen').map((x) => ({ ...x, source: 'one lab' }));
    const r3 = attribute({ ...base, references: two });
    expect(r3.crossValidation).toBeNull();
    expect(r3.notes).toContain('No cross-validation: cross-validation needs at least 2 reference sources, got 1.');
    expect(r3.samples[0].classifier).not.toBeNull();
  });

  it('refuses a drug the library lacks', () => {
    expect(() => attribute({ ...base, drug: 'cocaine' })).toThrow(/no routes for cocaine/);
  });
});

describe('evidence text', () => {
  it('states routes with probabilities, markers with abundances, and sources with the verbal scale', () => {
    expect(percent(0.0123)).toBe('1.2%');
    expect(percent(0.1)).toBe('10%');
    expect(callText({ route: null, probability: null, reason: 'weak', ranked: [{ route: 'gupta', probability: 0.48 }, { route: 'siegfried', probability: 0.45 }] }))
      .toBe('undetermined (no route reaches the floor: gupta 0.48, siegfried 0.45)');
    expect(callText({ route: null, probability: null, reason: 'no-evidence', ranked: [] })).toMatch(/no reference samples and no marker/);
    const r = attribute(base);
    const withMarker = r.samples.find((s) => s.markers.findings.some((f) => f.status === 'counts' && f.rule.id === 'phenethyl-4-anpp-gupta'))!;
    expect(markerText(withMarker.markers.findings)).toMatch(/phenethyl-4-ANPP \d+(\.\d+)?% \(≥ 0\.5%, proposed link\) → gupta/);
    const cls = r.classes.find((c) => c.source?.source !== null)!;
    expect(sourceText(cls.source)).toMatch(/^source L\d\d: LR [\d.,/]+( \(at the bound of the validation data\))?, (no support worth stating|weak|moderate|moderately strong|strong|very strong) support for (this source|another source)$/);
    expect(sourceColumn(null)).toBe('not assessed');
    expect(sourceText(null)).toBe('source not assessed');
  });
});
