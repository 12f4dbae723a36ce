/**
 * Links across labs: a batch's new samples compared, under this lab's calibration in force, with the profiles other
 * labs and partners shared (received packages and store pulls: shared/sharing/external-sources.ts), when those were
 * pretreated by a comparable method (shared/sharing/exchange-method.ts). Same threshold, same evidence function and
 * same kernel as the links within the lab (link-search.ts), so a cross-lab link means what a link means here; the
 * record names the source, the lab and its class, and the alert names where that class was seen. The sender's own
 * validation figures travel with its source record, for whoever weighs the link. A link's LR compares the two samples
 * as the calibration does for its own (censored, external-comparison.ts) when the partner sent detection flags;
 * otherwise on the row distance, saying so (link-evidence.ts).
 */
import type { CalibrationRecord } from '../analysis/calibration-record';
import { prepareRows, type PreparedRows, type Score } from '../profiling/scores';
import type { PairComparison } from '../profiling/pair-comparison';
import type { SignatureMatrix } from '../profiling/signature-matrix';
import { sharedMethodOf } from '../sharing/exchange-method';
import { linkableSources, type LinkableSources } from '../sharing/external-sources';
import type { Workspace } from '../workspace/Workspace';
import type { EvidenceModel } from './link-evidence';
import { externalPairDistance } from './external-comparison';
import type { AlertFacts } from './link-alerts';
import type { ClassSpan, LinkAlert, LinkEntry, LinksRecord, SampleLinks, SearchThresholdRecord } from './link-record';
import { searchLinks, type LinkRunner } from './link-search';

/** One external profile's facts, for spans. */
interface ExternalRow {
  lab: string;
  classId: number | null;
  seizedOn: string | null;
  region: string | null;
  port: string | null;
  agency: string | null;
  caseId: string | null;
}

export interface CrossLabLinks {
  /** Per new sample (index into the signature order): its links to external profiles, closest first. */
  links: Map<number, LinkEntry[]>;
  /** Span of each external class (or linked profile set) by `${source}\u0000${lab}\u0000${class}`. */
  spans: Map<string, ClassSpan>;
  /** `pair_comparison`: how its links' LRs compared the pair ('censored' with the partner's detection flags). */
  searched: { id: string; name: string; profiles: number; links: number; how: 'as-sent' | 'relative'; pair_comparison: PairComparison; search: SearchThresholdRecord[] }[];
  skipped: { id: string; name: string; reason: string }[];
}

export const spanKey = (source: string | undefined, lab: string | null, classId: number | null, sampleId: string): string => `${source}\u0000${lab}\u0000${classId ?? `sample:${sampleId}`}`;

const distinct = (values: (string | null)[]): string[] => [...new Set(values.filter((v): v is string => v !== null && v !== ''))].sort();

function spanOfRows(rows: ExternalRow[], lab: string, classId: number | null): ClassSpan {
  const dates = distinct(rows.map((r) => r.seizedOn));
  return {
    lab,
    class_id: classId,
    samples: rows.length,
    first_seen: dates[0] ?? null,
    last_seen: dates[dates.length - 1] ?? null,
    regions: distinct(rows.map((r) => r.region)),
    cases: distinct(rows.map((r) => r.caseId)),
    agencies: distinct(rows.map((r) => r.agency)),
    ports_of_entry: distinct(rows.map((r) => r.port)),
  };
}

/**
 * Searches every comparable external source for links of the new samples `fresh` (indices into `rows`, grouped by
 * drug with `drugOf`; `matrix`, the loaded signatures the rows were pretreated from, for LRs compared as censored).
 * O(new × external × compounds) time like the links within the lab.
 */
export async function crossLabLinks(
  ws: Workspace,
  calibration: CalibrationRecord,
  evidence: EvidenceModel,
  fresh: { index: number[]; rows: PreparedRows; drugOf: (i: number) => string | null; matrix?: SignatureMatrix },
  options: { runner?: LinkRunner; signal?: AbortSignal; thresholdFor?: (drug: string | null, searched: number) => SearchThresholdRecord } = {},
): Promise<CrossLabLinks> {
  const out: CrossLabLinks = { links: new Map(), spans: new Map(), searched: [], skipped: [] };
  const sources: LinkableSources = await linkableSources(ws, await sharedMethodOf(calibration, evidence));
  out.skipped = sources.skipped.map((s) => ({ id: s.source.id, name: s.source.name, reason: s.reason }));
  const score = calibration.chosen.score as Score;
  const p = calibration.inputs.signature.compounds.length;
  // Each source is a store of its own: its search threshold follows its size (search-threshold.ts); without a
  // rule (callers before it), the calibration's pair threshold.
  const pairThreshold = calibration.threshold.distance;
  for (const { source, profiles, rows, values, how } of sources.blocks) {
    const f = profiles.facts;
    const labOf = (i: number): string => (source.kind === 'package' ? source.name : (profiles.lab[i] ?? source.name));
    const facts = (i: number): ExternalRow => ({ lab: labOf(i), classId: f.class_id[i], seizedOn: f.seized_on?.[i] ?? null, region: f.region?.[i] ?? null, port: f.port_of_entry?.[i] ?? null, agency: f.agency?.[i] ?? null, caseId: f.case_id?.[i] ?? null });
    // Class members per lab and class, for the spans alerts show.
    const members = new Map<string, ExternalRow[]>();
    for (const i of rows) {
      if (f.class_id[i] === null) continue;
      const k = spanKey(source.id, labOf(i), f.class_id[i], '');
      members.set(k, [...(members.get(k) ?? []), facts(i)]);
    }
    // Their detection flags, when sent, let the LR compare the pair exactly as for two samples of ours.
    const censored = fresh.matrix ? externalPairDistance(calibration, fresh.matrix, fresh.index, profiles, rows) : null;
    let found = 0;
    const search: SearchThresholdRecord[] = [];
    const drugs = new Set(fresh.index.map((i) => fresh.drugOf(i) ?? '\u0000'));
    for (const drug of drugs) {
      const theirs = rows.filter((i) => (f.drug?.[i] ?? '\u0000') === drug);
      const ours = fresh.index.filter((i) => (fresh.drugOf(i) ?? '\u0000') === drug);
      if (theirs.length === 0 || ours.length === 0) continue;
      const rule = options.thresholdFor?.(drug === '\u0000' ? null : drug, theirs.length) ?? null;
      if (rule) search.push(rule);
      const threshold = rule ? rule.threshold : pairThreshold;
      if (threshold === null) continue;
      const stored = prepareRows(gather(values, theirs, p), theirs.length, p, score);
      const mine = subsetRows(fresh.rows, ours);
      const r = await searchLinks(stored, mine, threshold, { runner: options.runner, signal: options.signal });
      for (let k = 0; k < r.distance.length; k++) {
        const i = theirs[r.storedIndex[k]];
        const a = ours[r.newIndex[k]];
        // Profiles without detection flags: the LR is on the row distance, and says so (link-evidence.ts).
        const e = censored ? evidence.of(r.distance[k], censored(a, i)) : evidence.ofWithoutFlags(r.distance[k]);
        const entry: LinkEntry = { sample_id: f.sample_id![i]!, lab: labOf(i), class_id: f.class_id[i], distance: r.distance[k], score_100: e.score100, lr: e.lr, log10_lr: e.log10Lr, verbal: e.verbal, source: source.id };
        out.links.set(a, [...(out.links.get(a) ?? []), entry]);
        const key = spanKey(source.id, entry.lab, entry.class_id, entry.sample_id);
        if (!out.spans.has(key)) out.spans.set(key, spanOfRows(entry.class_id !== null ? (members.get(key) ?? [facts(i)]) : [facts(i)], entry.lab!, entry.class_id));
        found++;
      }
    }
    out.searched.push({ id: source.id, name: source.name, profiles: rows.length, links: found, how, pair_comparison: censored ? 'censored' : 'substitute', search });
  }
  for (const list of out.links.values()) list.sort((x, y) => x.distance - y.distance || (x.lab ?? '').localeCompare(y.lab ?? '') || x.sample_id.localeCompare(y.sample_id));
  return out;
}

/** Rows `idx` of a row-major n × p matrix. */
function gather(values: Float64Array, idx: readonly number[], p: number): Float64Array {
  const x = new Float64Array(idx.length * p);
  idx.forEach((r, k) => x.set(values.subarray(r * p, r * p + p), k * p));
  return x;
}

function subsetRows(rows: PreparedRows, idx: readonly number[]): PreparedRows {
  const degenerate = new Uint8Array(idx.length);
  idx.forEach((r, k) => (degenerate[k] = rows.degenerate[r]));
  return { score: rows.score, n: idx.length, p: rows.p, x: gather(rows.x, idx, rows.p), degenerate };
}

/** "at port of entry Emerson, submitted by CBSA": the ports of entry and agencies an external class was seen at, where shared. */
function whereSeen(span: ClassSpan): string {
  const plural = (n: number, one: string, many: string): string => (n === 1 ? one : many);
  const parts = [];
  if (span.ports_of_entry.length) parts.push(`at ${plural(span.ports_of_entry.length, 'port', 'ports')} of entry ${span.ports_of_entry.join(', ')}`);
  if (span.agencies.length) parts.push(`submitted by ${span.agencies.join(', ')}`);
  return parts.join(', ');
}

/**
 * Alerts for links to other labs' and partners' classes: one per new sample and external class (or linked profile
 * when the partner shared no class), kind 'lab', plus region or border when that class was seen elsewhere.
 */
export function crossLabAlerts(batchId: string, samples: readonly SampleLinks[], facts: AlertFacts, ids: readonly string[], spans: ReadonlyMap<string, ClassSpan>): LinkAlert[] {
  const index = new Map(ids.map((id, i) => [id, i]));
  const alerts: LinkAlert[] = [];
  for (const s of samples) {
    const i = index.get(s.sample_id)!;
    const done = new Set<string>();
    for (const l of s.external_links) {
      const key = spanKey(l.source, l.lab, l.class_id, l.sample_id);
      if (done.has(key)) continue;
      done.add(key);
      const span = spans.get(key)!;
      const kinds: LinkAlert['kinds'] = ['lab'];
      if (span.regions.some((r) => r !== facts.region[i])) kinds.push('region');
      const port = facts.port[i];
      if (span.ports_of_entry.some((p) => p !== port)) kinds.push('border');
      const where = whereSeen(span);
      const at = where ? `; ${where}` : '';
      const what = l.class_id !== null ? `${l.lab}'s class ${l.class_id} (${span.samples} sample${span.samples === 1 ? '' : 's'})` : `${l.lab}'s profile ${l.sample_id}`;
      const here = s.class_id !== null ? ` (class ${s.class_id} here)` : s.candidate ? ` (candidate ${s.candidate} here)` : '';
      alerts.push({
        id: `${batchId}-${s.sample_id}-${l.source}-${l.class_id ?? l.sample_id}`,
        sample_id: s.sample_id,
        kinds,
        summary: `${s.sample_id}${here} (${facts.region[i] ?? 'region unknown'}${port ? `, port of entry ${port}` : ''}, ${facts.seizedOn[i] ?? 'date unknown'}) links to ${what} seen ${span.first_seen ?? '?'} to ${span.last_seen ?? '?'} in ${span.regions.join(', ') || 'regions not shared'}${at}`,
        strongest: l,
        span,
      });
    }
  }
  return alerts;
}

/**
 * One sentence per class of this lab (or candidate class, or lone sample) that the batch linked to other labs' classes,
 * e.g. "class 20 links to 2 samples of lab-a's class 14 (at port of entry Emerson, submitted by CBSA) and 5 of partner P's
 * class 3". The counts are the external class's samples as shared; ports of entry and agencies are named where the
 * other lab shared them (packages: under the redaction profile; the store: agencies reach labs, never partners).
 */
export function crossLabSummaries(samples: readonly SampleLinks[], alerts: readonly LinkAlert[]): string[] {
  const here = (s: SampleLinks): string => (s.class_id !== null ? `class ${s.class_id}` : s.candidate ? `candidate class ${s.candidate}` : `sample ${s.sample_id}`);
  const bySample = new Map(samples.map((s) => [s.sample_id, s]));
  const groups = new Map<string, Map<string, ClassSpan>>();
  for (const a of alerts) {
    if (!a.kinds.includes('lab')) continue;
    const s = bySample.get(a.sample_id);
    if (!s) continue;
    const g = groups.get(here(s)) ?? new Map<string, ClassSpan>();
    g.set(`${a.span.lab}\u0000${a.span.class_id ?? a.strongest.sample_id}`, a.span);
    groups.set(here(s), g);
  }
  return [...groups].map(([what, spans]) => {
    const parts = [...spans.values()].map((sp, k) => {
      const n = `${sp.samples}${k === 0 ? ` sample${sp.samples === 1 ? '' : 's'}` : ''}`;
      const where = whereSeen(sp);
      const at = where ? ` (${where})` : '';
      return `${n} of ${sp.lab}'s ${sp.class_id !== null ? `class ${sp.class_id}` : 'profiles'}${at}`;
    });
    return `${what} links to ${parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}` : parts[0]}`;
  });
}

/** The "Across labs" lines of `sigwb links` and Home: "B0003: class 20 links to …", per batch record in the order given. */
export function crossLabLines(records: readonly LinksRecord[]): string[] {
  return records.flatMap((r) => crossLabSummaries(r.samples, r.alerts).map((line) => `${r.batch_id}: ${line}`));
}
