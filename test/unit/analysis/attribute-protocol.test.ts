/** The engine's `attribute` request and result: what the protocol accepts and refuses, and that nothing is lost on the way. */
import { describe, expect, it } from 'vitest';
import { packAttribution, unpackAttribution, type AttributionWire } from '../../../shared/analysis/attribute-protocol';
import { matrixPayload, runEngineRequest } from '../../../shared/analysis/engine';
import { EngineRequest, EngineResult, FromEngine, transferables, type AttributeRequest } from '../../../shared/analysis/engine-protocol';
import { attribute, type AttributionOptions } from '../../../shared/attribution/attribute';
import { DEFAULT_SIGNATURE_LIBRARY } from '../../../shared/attribution/default-library';
import { DEFAULT_COMPOUND_DICTIONARY } from '../../../shared/domain/default-compounds';
import { autoProfile } from '../../../shared/profiling/auto';
import { createSignatureMatrix } from '../../../shared/profiling/signature-matrix';
import { generateFentanyl, heldOutSplit, toMatrix } from '../attribution/generate';
import { simplePopulation } from '../../../shared/profiling/pair-population';
import { groupLrFor } from '../../util/group-lr';

const samples = generateFentanyl({ seed: 5, sourcesPerRoute: 4 });
const split = heldOutSplit(samples, 3);
const auto = autoProfile(toMatrix(samples),simplePopulation(samples.map((s) => s.seizure), samples.map((s) => s.caseId)), { pretreatment: 'n+s', score: 'euclidean' });
const cal = auto.calibration!;
const lr = groupLrFor(toMatrix(samples), 'n+s', 'euclidean', samples.map((s) => s.seizure), samples.map((s) => s.caseId));

/** A request as workspace-attribution.ts makes it (fresh arrays each time: a worker engine detaches them). */
function request(changes: Partial<AttributeRequest> = {}): AttributeRequest {
  return {
    kind: 'attribute',
    matrix: matrixPayload(toMatrix(samples)),
    library: DEFAULT_SIGNATURE_LIBRARY,
    drug: 'fentanyl',
    references: split.references.map((s) => ({ sampleId: s.id, route: s.route, source: s.source })),
    comparison: { pretreatment: 'n+s', score: 'euclidean', logOffset: 1, scaling: { centre: null, scale: Float64Array.from({ length: 14 }, (_, c) => 1 + c / 10), constant: new Uint8Array(14) } },
    calibration: { threshold: cal.threshold, lr: structuredClone(lr), unlinkedMedian: cal.unlinked.median, label: 'computed for the test' },
    classIds: Int32Array.from(auto.classIds!),
    precursorCompounds: ['4-AP', 'NPP'],
    dictionary: DEFAULT_COMPOUND_DICTIONARY,
    ...changes,
  };
}

function wireOf(r: AttributeRequest): AttributionWire {
  const result = runEngineRequest(r);
  if (result.kind !== 'attribute') throw new Error(`expected an attribution, got ${result.kind}`);
  return result.attribution;
}

const issuePaths = (r: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) => (r.error?.issues ?? []).map((i) => i.path.join('.'));

describe('attribute request', () => {
  it('accepts a real request, every field kept (typed arrays by reference)', () => {
    const r = request({ options: { k: 3, folds: 4, seed: 2, floor: 0.7, sourceRule: 'threshold-and-lr', topSources: 2 } });
    const parsed = EngineRequest.parse(r);
    expect(parsed).toEqual(r);
    expect((parsed as AttributeRequest).comparison.scaling!.scale).toBe(r.comparison.scaling!.scale);
  });

  it('keeps every attribution option (a new option must be added to the schema, or this fails to compile)', () => {
    const all: Required<AttributionOptions> = {
      k: 4, lda: { shrinkage: 0.2, priors: [1, 2, 1, 1, 1] }, folds: 3, seed: 9, foldPlan: { folds: new Int32Array([0, 1, 0]), k: 2, grouped: false, seed: 9 },
      floor: 0.5, disagreementLog10: 2, alpha: 0.05, gateFloor: 0.8, gateBySource: false, topSources: 5, sourceRule: 'threshold',
    };
    expect((EngineRequest.parse(request({ options: all })) as AttributeRequest).options).toEqual(all);
  });

  it('refuses malformed requests, naming the field', () => {
    const cases: [Partial<AttributeRequest> | Record<string, unknown>, string][] = [
      [{ classIds: [...auto.classIds!] }, 'classIds'],
      [{ classIds: auto.classIds!.subarray(1) }, 'classIds'],
      [{ comparison: { pretreatment: 'fourth-root', score: 'nearest' } }, 'comparison.score'],
      [{ calibration: { threshold: 1, label: 'no model' } }, 'calibration.lr'],
      [{ references: [{ sampleId: 'S0001', route: 'janssen' }] }, 'references.0.source'],
      [{ options: { sourceRule: 'closest' } }, 'options.sourceRule'],
      [{ options: { floor: 0 } }, 'options.floor'],
      [{ library: { ...DEFAULT_SIGNATURE_LIBRARY, schema_version: 2 } }, 'library.schema_version'],
      [{ dictionary: { ...DEFAULT_COMPOUND_DICTIONARY, compounds: [{ name: 'x', cas: null, role: 'catalyst' }] } }, 'dictionary.compounds.0.role'],
    ];
    for (const [change, path] of cases) expect(issuePaths(EngineRequest.safeParse({ ...request(), ...change })), path).toContain(path);
    const short = request();
    expect(issuePaths(EngineRequest.safeParse({ ...short, matrix: { ...short.matrix, values: short.matrix.values.subarray(1) } }))).toContain('matrix');
  });
});

describe('attribute result', () => {
  const direct = attribute({ ...request(), matrix: toMatrix(samples) });

  it('comes back from the engine as attribute() gives it, through the protocol check and a structured clone', () => {
    const wire = wireOf(request());
    const message = { type: 'result', id: 7, result: { kind: 'attribute', attribution: wire } };
    const back = FromEngine.parse(structuredClone(message, { transfer: transferables(message) }));
    if (back.type !== 'result' || back.result.kind !== 'attribute') throw new Error('expected an attribution result');
    expect(unpackAttribution(back.result.attribution)).toEqual(direct);
    expect(direct.samples.some((s) => s.classifier?.lda && s.markers.probabilities) && direct.classes.some((c) => c.source !== null)).toBe(true);
  });

  it('packs and unpacks samples without classifiers, marker evidence or ranked routes beside full ones, and NaN figures', () => {
    const m = toMatrix(samples);
    const unmatched = createSignatureMatrix(m.sampleIds, m.compounds.map((c) => `unknown ${c}`), m.values, m.detected);
    const bare = attribute({ ...request(), matrix: unmatched, references: [], calibration: null });
    expect(bare.samples.every((s) => s.classifier === null && s.markers.probabilities === null && s.call.ranked.length === 0)).toBe(true);
    const mixed = { ...direct, samples: direct.samples.flatMap((s, i) => [s, bare.samples[i]]) };
    const checked = EngineResult.parse({ kind: 'attribute', attribution: packAttribution(mixed) });
    expect(checked.kind === 'attribute' && unpackAttribution(checked.attribution)).toEqual(mixed);
    const odd = { ...direct.samples[0], call: { ...direct.samples[0].call, probability: Number.NaN }, classifier: { ...direct.samples[0].classifier!, nearestReference: Number.POSITIVE_INFINITY } };
    expect(unpackAttribution(packAttribution({ ...direct, samples: [odd] })).samples).toEqual([odd]);
  });

  it('shares the marker rules between findings, as attribute() does, and sends each once', () => {
    const wire = packAttribution(direct);
    expect(wire.samples.rules.map((r) => r.id)).toEqual(DEFAULT_SIGNATURE_LIBRARY.drugs.find((d) => d.drug === 'fentanyl')!.markers.map((m) => m.id));
    const back = unpackAttribution(wire);
    expect(back.samples[0].markers.findings[0].rule).toBe(back.samples[1].markers.findings[0].rule);
  });

  it('refuses a result whose packed samples are out of step or point outside their tables', () => {
    const check = (change: (w: AttributionWire) => unknown) => issuePaths(EngineResult.safeParse({ kind: 'attribute', attribution: change(packAttribution(direct)) }));
    expect(check((w) => ({ ...w, samples: { ...w.samples, findings: { ...w.samples.findings, rule: w.samples.findings.rule.map(() => 99) } } }))).toContain('attribution.samples.findings');
    expect(check((w) => ({ ...w, samples: { ...w.samples, ranked: { ...w.samples.ranked, offsets: w.samples.ranked.offsets.map((o, i) => (i === 1 ? o + 1000 : o)) } } }))).toContain('attribution.samples.ranked');
    expect(check((w) => ({ ...w, samples: { ...w.samples, classIds: w.samples.classIds.subarray(1) } }))).toContain('attribution.samples.classIds');
    expect(check((w) => ({ ...w, samples: { ...w.samples, reason: w.samples.reason.map(() => 9) } }))).toContain('attribution.samples.reason');
    expect(check((w) => ({ ...w, classes: undefined }))).toContain('attribution.classes');
    expect(check((w) => ({ ...w, crossValidation: { ...w.crossValidation!, outOfFold: [...w.crossValidation!.outOfFold] } }))).toContain('attribution.crossValidation.outOfFold');
  });
});
