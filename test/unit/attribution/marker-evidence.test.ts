import { describe, expect, it } from 'vitest';
import { compoundKey } from '../../../shared/attribution/compound-match';
import { DEFAULT_SIGNATURE_LIBRARY } from '../../../shared/attribution/default-library';
import { evaluateMarkers, markerGrade, scoresToProbabilities } from '../../../shared/attribution/marker-evidence';
import { drugLibrary, MarkerRule } from '../../../shared/attribution/signature-library';
import { DEFAULT_COMPOUND_DICTIONARY } from '../../../shared/domain/default-compounds';
import { signatureMatrixFromRows } from '../../../shared/profiling/signature-matrix';

const fentanyl = drugLibrary(DEFAULT_SIGNATURE_LIBRARY, 'fentanyl')!;
const meth = drugLibrary(DEFAULT_SIGNATURE_LIBRARY, 'methamphetamine')!;
const scale = DEFAULT_SIGNATURE_LIBRARY.evidence_scale;
const rule = MarkerRule.parse({ id: 'r', compound: 'x', routes: ['a'], min_fraction: 0.01, strength: 'moderate', source: 'S', assumption: false });

describe('marker grade', () => {
  it('is 0 below the threshold, ½ at it, 1 from full_fraction (default 10 × threshold), log-linear between', () => {
    expect(markerGrade(0.0099, rule)).toBe(0);
    expect(markerGrade(0.01, rule)).toBe(0.5);
    expect(markerGrade(Math.sqrt(0.01 * 0.1), rule)).toBeCloseTo(0.75, 12);
    expect(markerGrade(0.1, rule)).toBe(1);
    expect(markerGrade(0.9, rule)).toBe(1);
    expect(markerGrade(0.02, { ...rule, full_fraction: 0.04 })).toBeCloseTo(0.75, 12);
  });

  it('turns log10 scores into probabilities over routes', () => {
    const p = scoresToProbabilities(Float64Array.from([1, 0, 0]));
    [10 / 12, 1 / 12, 1 / 12].forEach((v, k) => expect(p[k]).toBeCloseTo(v, 15));
  });
});

describe('evaluateMarkers', () => {
  // Names as a GC-MS method writes them: the dictionary folds them onto the library's canonical names.
  const compounds = ['4-ANPP', 'Phenethyl 4-ANPP', 'NPP', 'Benzyl fentanyl', 'Aniline'];
  const m = signatureMatrixFromRows(['one-pot', 'trace', 'janssen', 'empty'], compounds, [
    [800, 30, 150, null, 20],
    [900, 2, null, null, 98],
    [500, null, null, 300, 200],
    [null, null, null, null, null],
  ]);
  const key = compoundKey(DEFAULT_COMPOUND_DICTIONARY);
  const [onePot, trace, janssen, empty] = evaluateMarkers(m, [0, 1, 2, 3], fentanyl, scale, key);
  const routeIdx = (id: string) => fentanyl.routes.findIndex((r) => r.id === id);

  it('weighs abundance, not presence: phenethyl-4-ANPP at 3 % counts, at 0.2 % does not', () => {
    const f = onePot.findings.find((x) => x.rule.id === 'phenethyl-4-anpp-gupta')!;
    expect(f.status).toBe('counts');
    expect(f.fraction).toBeCloseTo(30 / 1000, 12);
    const t = trace.findings.find((x) => x.rule.id === 'phenethyl-4-anpp-gupta')!;
    expect(t.status).toBe('below-threshold');
    expect(t.fraction).toBeCloseTo(2 / 1000, 12);
    expect(trace.probabilities).toBeNull();
  });

  it('sums weights per route (NPP supports Siegfried and Gupta alike) and normalises them', () => {
    expect(onePot.scores[routeIdx('gupta')]).toBeGreaterThan(onePot.scores[routeIdx('siegfried')]);
    expect(onePot.scores[routeIdx('siegfried')]).toBeGreaterThan(0);
    expect(onePot.scores[routeIdx('janssen')]).toBe(0);
    const p = onePot.probabilities!;
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(p[routeIdx('gupta')]).toBe(Math.max(...p));
    expect(janssen.probabilities![routeIdx('janssen')]).toBe(Math.max(...janssen.probabilities!));
  });

  it('tells "not detected" from "not measured"', () => {
    expect(janssen.findings.find((x) => x.rule.compound === 'NPP')!.status).toBe('not-detected');
    expect(onePot.findings.find((x) => x.rule.compound === '4-AP')!).toMatchObject({ status: 'not-measured', fraction: null });
    expect(empty.findings.every((x) => x.status === 'not-detected' || x.status === 'not-measured')).toBe(true);
    expect(empty.probabilities).toBeNull();
  });

  it('lets a composite rule (aziridines) support every ephedrine route, and naphthalenes only HI/red P', () => {
    const mm = signatureMatrixFromRows(['a', 'b'], ['cis-aziridine', '1-benzyl-3-methylnaphthalene', 'N-formylmethamphetamine'], [
      [6, null, 994],
      [50, 10, 3],
    ]);
    const [a, b] = evaluateMarkers(mm, [0, 1], meth, scale, key);
    const idx = (id: string) => meth.routes.findIndex((r) => r.id === id);
    expect(a.scores[idx('ephedrine-hi-red-p')]).toBe(a.scores[idx('ephedrine-emde')]);
    expect(a.scores[idx('p2p-leuckart')]).toBeGreaterThan(a.scores[idx('ephedrine-hi-red-p')]);
    expect(b.scores[idx('ephedrine-hi-red-p')]).toBeGreaterThan(b.scores[idx('ephedrine-emde')]);
    expect(b.findings.find((f) => f.rule.compound === 'N-formylmethamphetamine')!.status).toBe('below-threshold');
  });
});
