/**
 * Linking at import: a results batch's samples compared with every stored profile of the same drug under the
 * calibration in force (its compounds, pretreatment, score and threshold), in O(new × stored × compounds) time and
 * O(stored × compounds) memory (link-search.ts), within the database-search threshold of each drug's store
 * (search-threshold.ts: the false links one search is expected to give stay within a stated figure). Each new
 * sample joins the class of the latest class run that its nearest link belongs to (class ids kept), is flagged when
 * its links reach several classes (single linkage would merge them: a bridge), or starts a candidate class with the new samples it links to (connected components of the
 * new samples' own links, which is single linkage at the threshold). Other labs' and partners' profiles are searched
 * too (cross-lab-links.ts): their links are kept apart and alert, without changing this lab's classes. Saved as
 * config/links-<batch>.json.
 */
import type { Database } from '../db/Database';
import { sqlIdent } from '../db/Database';
import { calibrationPairDistance } from '../analysis/calibration-comparison';
import { calibrationInForce, readCalibrationDistances } from '../analysis/calibration-store';
import { latestClassRun, readClassRunData } from '../analysis/class-run-store';
import { calibratedSignatures } from '../sharing/shared-profiles';
import { prepareRows, type PreparedRows, type Score } from '../profiling/scores';
import type { Workspace } from '../workspace/Workspace';
import { counted } from '../util/plural';
import { crossLabAlerts, crossLabLinks } from './cross-lab-links';
import { linkAlerts, loadAlertFacts } from './link-alerts';
import { evidenceModel } from './link-evidence';
import { LINKS_FORMAT, LINKS_PREFIX, LINKS_VERSION, LinksRecordSchema, type LinkEntry, type LinksRecord, type SampleLinks, type SearchThresholdRecord } from './link-record';
import { searchLinks, type LinkRunner, type LinkSearchResult } from './link-search';
import { differentSourceTail, SEARCH_DEFAULTS, searchRule, searchThreshold, type SearchSettings } from './search-threshold';

/** Links kept per new sample (the closest); the rest are counted. */
export const DEFAULT_LINKS_KEPT = 25;

export interface LinkBatchOptions {
  runner?: LinkRunner;
  author: { analyst: string; appVersion: string; now?: () => Date };
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
  /** The database-search rule; SEARCH_DEFAULTS (at most 1 false link expected per search) when absent. */
  search?: SearchSettings;
}

export type LinkBatchOutcome = { status: 'linked'; record: LinksRecord } | { status: 'skipped'; reason: string };

function subset(rows: PreparedRows, idx: readonly number[]): PreparedRows {
  const { p } = rows;
  const x = new Float64Array(idx.length * p);
  const degenerate = new Uint8Array(idx.length);
  idx.forEach((r, k) => {
    x.set(rows.x.subarray(r * p, r * p + p), k * p);
    degenerate[k] = rows.degenerate[r];
  });
  return { score: rows.score, n: idx.length, p, x, degenerate };
}

/** A new sample's links in a search result: positions [from, to), stored indices mapped through `stored`. */
interface LinkRun {
  stored: readonly number[];
  result: LinkSearchResult;
  from: number;
  to: number;
}

/** Connected components of new samples over their own links (union-find); labels by first member. O(links α). */
function components(n: number, pairs: [number, number][]): Int32Array {
  const parent = Int32Array.from({ length: n }, (_, i) => i);
  const find = (x: number): number => (parent[x] === x ? x : (parent[x] = find(parent[x])));
  for (const [a, b] of pairs) parent[find(a)] = find(b);
  return Int32Array.from({ length: n }, (_, i) => find(i));
}

/** Links the samples of results batch `batchId` (see the module doc) and saves the record. */
export async function linkBatch(ws: Workspace, db: Database, batchId: string, options: LinkBatchOptions): Promise<LinkBatchOutcome> {
  const calibration = await calibrationInForce(ws);
  if (!calibration) return { status: 'skipped', reason: 'no calibration yet (calibrate in the app or with sigwb calibrate): links need its threshold and evidence' };
  const compounds = calibration.inputs.signature.compounds;
  const { loaded, values } = await calibratedSignatures(db, calibration);
  const ids = loaded.matrix.sampleIds;
  const inBatch = new Set((await db.query(`SELECT DISTINCT sample_id FROM ${sqlIdent(`batch_${batchId}`)}`)).getChild('sample_id')!.toArray() as string[]);
  const facts = await loadAlertFacts(db, loaded);
  const score = calibration.chosen.score as Score;
  const rows = prepareRows(values, ids.length, compounds.length, score);
  const pairThreshold = calibration.threshold.distance;
  const evidence = await evidenceModel(ws, calibration);
  // A found link's LR compares its two samples by the calibration's rule (O(p) per link; the search is unchanged).
  const lrDistance = calibrationPairDistance(calibration, loaded.matrix);
  const settings = options.search ?? SEARCH_DEFAULTS;
  const tail = differentSourceTail(calibration, await readCalibrationDistances(ws, calibration));
  const thresholdFor = (drug: string | null, searched: number): SearchThresholdRecord => searchThreshold(tail, pairThreshold, searched, drug, evidence.score100, settings);
  const byDrug: SearchThresholdRecord[] = [];
  const run = await latestClassRun(ws);
  const classOf = new Map<string, number>();
  if (run) {
    const data = await readClassRunData(ws, run);
    data.sampleIds.forEach((id, i) => classOf.set(id, data.classIds[i]));
  }
  // Same drug only: a null main drug is a group of its own.
  const drugs = new Map<string, { fresh: number[]; stored: number[] }>();
  ids.forEach((id, i) => {
    const key = facts.drug[i] ?? '\u0000';
    const g = drugs.get(key) ?? { fresh: [], stored: [] };
    (inBatch.has(id) ? g.fresh : g.stored).push(i);
    drugs.set(key, g);
  });
  const fresh = ids.flatMap((id, i) => (inBatch.has(id) ? [i] : []));
  // Each new sample's links to stored profiles: its run of the search's result (sorted by distance, then stored index,
  // which is the sample index: a group's stored rows are in sample order), read in place (a loose threshold gives
  // millions of links, so no object per link).
  const linksOf = new Map<number, LinkRun>();
  const nearestOf = new Map<number, { j: number; d: number }>();
  const newPairs: [number, number][] = [];
  const freshPos = new Map(fresh.map((r, k) => [r, k]));
  let totalStored = 0;
  let done = 0;
  for (const [key, g] of drugs) {
    if (g.fresh.length === 0) continue;
    totalStored += g.stored.length;
    // Each new sample is searched against the stored profiles and the batch's other new samples of its drug.
    const search = thresholdFor(key === '\u0000' ? null : key, g.stored.length + g.fresh.length - 1);
    byDrug.push(search);
    if (search.threshold === null) {
      done += 2;
      continue;
    }
    const threshold = search.threshold;
    const f = subset(rows, g.fresh);
    // Against the stored profiles, then the batch's own samples among themselves (for candidate classes).
    for (const [target, against] of [[g.stored, subset(rows, g.stored)], [g.fresh, f]] as const) {
      const r = await searchLinks(against, f, threshold, { runner: options.runner, signal: options.signal, onProgress: (x) => options.onProgress?.((done + x) / (2 * drugs.size)) });
      done++;
      if (target === g.fresh) {
        for (let k = 0; k < r.distance.length; k++) {
          const a = g.fresh[r.newIndex[k]];
          const b = target[r.storedIndex[k]];
          if (a < b) newPairs.push([freshPos.get(a)!, freshPos.get(b)!]);
        }
      } else {
        for (let k = 0; k < r.distance.length; ) {
          let end = k + 1;
          while (end < r.distance.length && r.newIndex[end] === r.newIndex[k]) end++;
          linksOf.set(g.fresh[r.newIndex[k]], { stored: g.stored, result: r, from: k, to: end });
          k = end;
        }
      }
      if (target === g.stored) {
        // The nearest stored profile is exact when it is a link (the search screens out pairs that cannot link).
        g.fresh.forEach((a, k) => r.nearest[k] >= 0 && r.nearestDistance[k] <= threshold && nearestOf.set(a, { j: g.stored[r.nearest[k]], d: r.nearestDistance[k] }));
      }
    }
  }
  // Other labs' and partners' profiles (received packages, store pulls) under the same calibration.
  const external = await crossLabLinks(ws, calibration, evidence, { index: fresh, rows, drugOf: (i) => facts.drug[i], matrix: loaded.matrix }, { runner: options.runner, signal: options.signal, thresholdFor });
  const comp = components(fresh.length, newPairs);
  const hasNew = new Uint8Array(fresh.length);
  for (const [a, b] of newPairs) hasNew[a] = hasNew[b] = 1;
  const candidateName = new Map<number, string>();
  const samples: SampleLinks[] = fresh.map((i, k) => {
    const own = linksOf.get(i);
    const linkCount = own ? own.to - own.from : 0;
    const link = (q: number): { j: number; d: number } => ({ j: own!.stored[own!.result.storedIndex[own!.from + q]], d: own!.result.distance[own!.from + q] });
    const entry = (l: { j: number; d: number }): LinkEntry => {
      const e = evidence.of(l.d, lrDistance(i, l.j));
      return { sample_id: ids[l.j], lab: null, class_id: classOf.get(ids[l.j]) ?? null, distance: l.d, score_100: e.score100, lr: e.lr, log10_lr: e.log10Lr, verbal: e.verbal };
    };
    // The classes its links reach, and the class of its closest link that has one.
    const classes = new Set<number>();
    let closestClass: number | null = null;
    for (let q = 0; q < linkCount; q++) {
      const c = classOf.get(ids[link(q).j]);
      if (c === undefined) continue;
      classes.add(c);
      closestClass ??= c;
    }
    const nearest = nearestOf.get(i);
    const hasNewLinks = hasNew[k] === 1;
    let assignment: SampleLinks['assignment'] = 'none';
    let classId: number | null = null;
    let candidate: string | null = null;
    if (closestClass !== null) {
      classId = closestClass;
      assignment = classes.size > 1 ? 'bridge' : 'class';
    } else if (linkCount || hasNewLinks) {
      if (!candidateName.has(comp[k])) candidateName.set(comp[k], `${batchId}-N${candidateName.size + 1}`);
      candidate = candidateName.get(comp[k])!;
      assignment = 'candidate';
    }
    return {
      sample_id: ids[i],
      drug: facts.drug[i],
      assignment,
      class_id: classId,
      other_classes: [...classes].filter((c) => c !== classId).sort((a, b) => a - b),
      candidate,
      links: Array.from({ length: Math.min(linkCount, DEFAULT_LINKS_KEPT) }, (_, q) => entry(link(q))),
      more_links: Math.max(0, linkCount - DEFAULT_LINKS_KEPT),
      nearest: nearest ? { sample_id: ids[nearest.j], distance: nearest.d, score_100: evidence.score100(nearest.d) } : null,
      external_links: (external.links.get(i) ?? []).slice(0, DEFAULT_LINKS_KEPT),
    };
  });
  const alerts = [...linkAlerts(batchId, samples, facts, ids, classOf), ...crossLabAlerts(batchId, samples, facts, ids, external.spans)];
  const count = (a: SampleLinks['assignment']): number => samples.filter((x) => x.assignment === a).length;
  const record: LinksRecord = LinksRecordSchema.parse({
    format: LINKS_FORMAT,
    schema_version: LINKS_VERSION,
    batch_id: batchId,
    created_at: (options.author.now ?? (() => new Date()))().toISOString(),
    analyst: options.author.analyst,
    app_version: options.author.appVersion,
    calibration_id: calibration.id,
    class_run_id: run?.id ?? null,
    method: {
      pretreatment: calibration.chosen.pretreatment,
      score,
      threshold: pairThreshold,
      search: { ...searchRule(tail, settings), by_drug: byDrug },
      compounds: [...compounds], lr_model: evidence.description, lr_validated: evidence.validated, same_drug: true, external_sources: external.searched, external_skipped: external.skipped },
    counts: { new_samples: fresh.length, stored_profiles: totalStored, links: [...linksOf.values()].reduce((n, l) => n + l.to - l.from, 0), joined: count('class'), bridges: count('bridge'), candidates: candidateName.size, alerts: alerts.length },
    samples,
    alerts,
  });
  await ws.putDocument(`${LINKS_PREFIX}${batchId}`, record, 'links.save', {
    summary: `batch ${batchId}: ${counted(record.counts.new_samples, 'new sample')} against ${counted(record.counts.stored_profiles, 'stored profile')}, ${counted(record.counts.links, 'link')}, ${record.counts.joined} join a class, ${counted(record.counts.bridges, 'bridge class', 'bridge classes')}, ${counted(record.counts.candidates, 'candidate class', 'candidate classes')}, ${counted(alerts.length, 'alert')}`,
    details: { batch: batchId, calibration: calibration.id, class_run: run?.id ?? null, ...record.counts },
  });
  return { status: 'linked', record };
}
