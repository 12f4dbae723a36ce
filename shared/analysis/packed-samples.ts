/**
 * The per-sample part of an attribution packed into typed arrays for the trip from the engine worker. As row
 * objects, 10,000 samples are some 350,000 small objects that the interface thread must deserialise and check
 * (0.3–1 s measured in Node, structured clone and zod); packed, they are a few typed arrays to transfer and check
 * in O(n) (10–30 ms), and unpacking rebuilds the objects in 30–160 ms. Lists of varying length (ranked routes,
 * findings, scores) are ragged: `offsets` (n + 1 entries) into flat columns. Routes and marker rules travel once,
 * in tables (`names`, `rules`), and are referred to by index; unpacked findings share their rule objects, as
 * attribute() makes them.
 */
import { z } from 'zod';
import type { MarkerFinding, MarkerStatus } from '../attribution/marker-evidence';
import { ROUTE_CALL_REASONS, type RankedRoute, type RouteBasis, type RouteCallReason } from '../attribution/route-decision';
import { MarkerRule } from '../attribution/signature-library';
import type { RouteTypicality, SampleAttribution } from '../attribution/types';
import { f64, i32, u8 } from './protocol-values';

const REASON_CODE = Object.fromEntries(ROUTE_CALL_REASONS.map((r, k) => [r, k])) as Record<RouteCallReason, number>;
const BASIS_CODE: Record<RouteBasis, number> = { references: 0, markers: 1 };
const STATUS_CODE: Record<MarkerStatus, number> = { counts: 0, 'below-threshold': 1, 'not-detected': 2, 'not-measured': 3 };
const byCode = <K extends string>(codes: Record<K, number>): K[] => (Object.keys(codes) as K[]).sort((a, b) => codes[a] - codes[b]);
const REASONS = byCode(REASON_CODE);
const BASES = byCode(BASIS_CODE);
const STATUSES = byCode(STATUS_CODE);

const Ranked = z.object({ offsets: i32, route: i32, probability: f64 });
type Ranked = z.infer<typeof Ranked>;

const Shape = z.object({
  /** Route ids that `route` columns index. */
  names: z.array(z.string()),
  /** Marker rules that `findings.rule` indexes. */
  rules: z.array(MarkerRule),
  sampleIds: z.array(z.string()),
  classIds: i32,
  /**
   * The call: route index (−1 = undetermined), probability (where `hasProbability`), reason code, basis code (255 =
   * none), ranked routes, conflicting route index (−1 = none).
   */
  route: i32,
  probability: f64,
  hasProbability: u8,
  reason: u8,
  basis: u8,
  ranked: Ranked,
  conflict: i32,
  /** The classifier view (where `hasClassifier`); LDA where `hasLda`. */
  hasClassifier: u8,
  hasLda: u8,
  lda: Ranked,
  knn: Ranked,
  ensemble: Ranked,
  nearest: f64,
  /** Typicality per referenced route: route index, D², fits (ragged, like `ranked`). */
  typicality: z.object({ offsets: i32, route: i32, d2: f64, fits: u8 }),
  findings: z.object({ offsets: i32, rule: i32, status: u8, fraction: f64, hasFraction: u8, weight: f64 }),
  scores: z.object({ offsets: i32, values: f64 }),
  probabilities: z.object({ offsets: i32, values: f64, has: u8 }),
});
export type PackedSamples = z.infer<typeof Shape>;

/** True when `offsets` is a ragged index of n lists over `length` values. O(n). */
function raggedOk(offsets: Int32Array, n: number, length: number): boolean {
  if (offsets.length !== n + 1 || offsets[0] !== 0 || offsets[n] !== length) return false;
  for (let i = 0; i < n; i++) if (offsets[i + 1] < offsets[i]) return false;
  return true;
}

function indicesOk(index: Int32Array | Uint8Array, size: number, min = 0): boolean {
  for (const k of index) if (k < min || k >= size) return false;
  return true;
}

/** The packed samples, with every length and index checked, so that unpacking cannot read out of bounds. O(n). */
export const PackedSamplesSchema = Shape.superRefine((p, ctx) => {
  const n = p.sampleIds.length;
  const names = p.names.length;
  const bad = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
  for (const [key, column] of Object.entries({ classIds: p.classIds, route: p.route, probability: p.probability, hasProbability: p.hasProbability, reason: p.reason, basis: p.basis, conflict: p.conflict, hasClassifier: p.hasClassifier, hasLda: p.hasLda, nearest: p.nearest, has: p.probabilities.has })) {
    if (column.length !== n) bad(key, `${column.length} entries for ${n} samples`);
  }
  for (const [key, r] of Object.entries({ ranked: p.ranked, lda: p.lda, knn: p.knn, ensemble: p.ensemble })) {
    if (r.probability.length !== r.route.length || !raggedOk(r.offsets, n, r.route.length)) bad(key, 'ragged lists out of step');
    else if (!indicesOk(r.route, names)) bad(key, 'route index out of range');
  }
  const f = p.findings;
  const m = f.rule.length;
  if (![f.status, f.fraction, f.hasFraction, f.weight].every((c) => c.length === m) || !raggedOk(f.offsets, n, m)) bad('findings', 'ragged lists out of step');
  else if (!indicesOk(f.rule, p.rules.length) || !indicesOk(f.status, STATUSES.length)) bad('findings', 'rule or status out of range');
  if (!raggedOk(p.scores.offsets, n, p.scores.values.length)) bad('scores', 'ragged lists out of step');
  if (!raggedOk(p.probabilities.offsets, n, p.probabilities.values.length)) bad('probabilities', 'ragged lists out of step');
  if (p.route.length === n && !indicesOk(p.route, names, -1)) bad('route', 'route index out of range');
  if (p.reason.length === n && !indicesOk(p.reason, REASONS.length)) bad('reason', 'reason code out of range');
  if (p.basis.length === n && ![...p.basis].every((b) => b === 255 || b < BASES.length)) bad('basis', 'basis code out of range');
  if (p.conflict.length === n && !indicesOk(p.conflict, names, -1)) bad('conflict', 'route index out of range');
  const t = p.typicality;
  if (t.d2.length !== t.route.length || t.fits.length !== t.route.length || !raggedOk(t.offsets, n, t.route.length)) bad('typicality', 'ragged lists out of step');
  else if (!indicesOk(t.route, names)) bad('typicality', 'route index out of range');
});

/** Ragged offsets of one list per sample: list i spans offsets[i] … offsets[i + 1]. O(n). */
function offsetsOf(samples: readonly SampleAttribution[], length: (s: SampleAttribution) => number): Int32Array {
  const offsets = new Int32Array(samples.length + 1);
  samples.forEach((s, i) => (offsets[i + 1] = offsets[i] + length(s)));
  return offsets;
}

/** Packs the samples of an attribution. O(n·(routes + rules)). */
export function packSamples(samples: readonly SampleAttribution[]): PackedSamples {
  const n = samples.length;
  const names: string[] = [];
  const nameIndex = new Map<string, number>();
  const nameOf = (route: string) => {
    let k = nameIndex.get(route);
    if (k === undefined) nameIndex.set(route, (k = names.push(route) - 1));
    return k;
  };
  const rules: MarkerRule[] = [];
  const ruleIndex = new Map<MarkerRule, number>();
  const lists = (pick: (s: SampleAttribution) => readonly RankedRoute[] | null | undefined): Ranked => {
    const offsets = offsetsOf(samples, (s) => pick(s)?.length ?? 0);
    const route = new Int32Array(offsets[n]);
    const probability = new Float64Array(offsets[n]);
    samples.forEach((s, i) => {
      let at = offsets[i];
      for (const r of pick(s) ?? []) {
        route[at] = nameOf(r.route);
        probability[at++] = r.probability;
      }
    });
    return { offsets, route, probability };
  };
  const floats = (pick: (s: SampleAttribution) => Float64Array | null) => {
    const offsets = offsetsOf(samples, (s) => pick(s)?.length ?? 0);
    const values = new Float64Array(offsets[n]);
    samples.forEach((s, i) => values.set(pick(s) ?? [], offsets[i]));
    return { offsets, values, has: Uint8Array.from(samples, (s) => (pick(s) === null ? 0 : 1)) };
  };
  const fOffsets = offsetsOf(samples, (s) => s.markers.findings.length);
  const m = fOffsets[n];
  const findings = { offsets: fOffsets, rule: new Int32Array(m), status: new Uint8Array(m), fraction: new Float64Array(m), hasFraction: new Uint8Array(m), weight: new Float64Array(m) };
  samples.forEach((s, i) => {
    let at = fOffsets[i];
    for (const x of s.markers.findings) {
      let k = ruleIndex.get(x.rule);
      if (k === undefined) ruleIndex.set(x.rule, (k = rules.push(x.rule) - 1));
      findings.rule[at] = k;
      findings.status[at] = STATUS_CODE[x.status];
      findings.fraction[at] = x.fraction ?? 0;
      findings.hasFraction[at] = x.fraction === null ? 0 : 1;
      findings.weight[at++] = x.weight;
    }
  });
  const scores = floats((s) => s.markers.scores);
  const tOffsets = offsetsOf(samples, (s) => s.classifier?.typicality.length ?? 0);
  const typicality = { offsets: tOffsets, route: new Int32Array(tOffsets[n]), d2: new Float64Array(tOffsets[n]), fits: new Uint8Array(tOffsets[n]) };
  samples.forEach((s, i) => {
    let at = tOffsets[i];
    for (const x of s.classifier?.typicality ?? []) {
      typicality.route[at] = nameOf(x.route);
      typicality.d2[at] = x.d2;
      typicality.fits[at++] = x.fits ? 1 : 0;
    }
  });
  return {
    names,
    rules,
    sampleIds: samples.map((s) => s.sampleId),
    classIds: Int32Array.from(samples, (s) => s.classId),
    route: Int32Array.from(samples, (s) => (s.call.route === null ? -1 : nameOf(s.call.route))),
    probability: Float64Array.from(samples, (s) => s.call.probability ?? 0),
    hasProbability: Uint8Array.from(samples, (s) => (s.call.probability === null ? 0 : 1)),
    reason: Uint8Array.from(samples, (s) => REASON_CODE[s.call.reason]),
    basis: Uint8Array.from(samples, (s) => (s.call.basis === null ? 255 : BASIS_CODE[s.call.basis])),
    ranked: lists((s) => s.call.ranked),
    conflict: Int32Array.from(samples, (s) => (s.call.conflict === null ? -1 : nameOf(s.call.conflict))),
    hasClassifier: Uint8Array.from(samples, (s) => (s.classifier === null ? 0 : 1)),
    hasLda: Uint8Array.from(samples, (s) => (s.classifier?.lda ? 1 : 0)),
    lda: lists((s) => s.classifier?.lda),
    knn: lists((s) => s.classifier?.knn),
    ensemble: lists((s) => s.classifier?.ensemble),
    nearest: Float64Array.from(samples, (s) => s.classifier?.nearestReference ?? 0),
    typicality,
    findings,
    scores: { offsets: scores.offsets, values: scores.values },
    probabilities: floats((s) => s.markers.probabilities),
  };
}

/** Rebuilds the samples from a checked pack (PackedSamplesSchema). O(n·(routes + rules)). */
export function unpackSamples(p: PackedSamples): SampleAttribution[] {
  const list = (r: Ranked, i: number): RankedRoute[] => {
    const out: RankedRoute[] = [];
    for (let k = r.offsets[i]; k < r.offsets[i + 1]; k++) out.push({ route: p.names[r.route[k]], probability: r.probability[k] });
    return out;
  };
  const f = p.findings;
  const t = p.typicality;
  const typicalityOf = (i: number) => {
    const out: RouteTypicality[] = [];
    for (let k = t.offsets[i]; k < t.offsets[i + 1]; k++) out.push({ route: p.names[t.route[k]], d2: t.d2[k], fits: t.fits[k] === 1 });
    return out;
  };
  return p.sampleIds.map((sampleId, i): SampleAttribution => {
    const findings: MarkerFinding[] = [];
    for (let k = f.offsets[i]; k < f.offsets[i + 1]; k++) {
      findings.push({ rule: p.rules[f.rule[k]], status: STATUSES[f.status[k]], fraction: f.hasFraction[k] ? f.fraction[k] : null, weight: f.weight[k] });
    }
    const pr = p.probabilities;
    return {
      sampleId,
      classId: p.classIds[i],
      call: {
        route: p.route[i] < 0 ? null : p.names[p.route[i]],
        probability: p.hasProbability[i] ? p.probability[i] : null,
        reason: REASONS[p.reason[i]],
        basis: p.basis[i] === 255 ? null : BASES[p.basis[i]],
        ranked: list(p.ranked, i),
        conflict: p.conflict[i] < 0 ? null : p.names[p.conflict[i]],
      },
      classifier: p.hasClassifier[i]
        ? { lda: p.hasLda[i] ? list(p.lda, i) : null, knn: list(p.knn, i), ensemble: list(p.ensemble, i), nearestReference: p.nearest[i], typicality: typicalityOf(i) }
        : null,
      markers: {
        findings,
        scores: p.scores.values.slice(p.scores.offsets[i], p.scores.offsets[i + 1]),
        probabilities: pr.has[i] ? pr.values.slice(pr.offsets[i], pr.offsets[i + 1]) : null,
      },
    };
  });
}
