/**
 * `sigwb pull`: the other labs' profiles from the national store, since the revision this workspace last reached, kept
 * as read-only sources that linking at import searches (shared/sharing/external-sources.ts), one source per method
 * (the sender's calibration). Rows are read in pages by revision (keyset), so a pull of 100,000 profiles holds one page
 * in memory at a time besides what it writes. A lab role also brings the submitting agency of each profile (from the
 * case details labs may read, so that alerts can say who seized what the class links to; never case or seizure ids)
 * and the links other labs published to its samples; a partner role reads profiles and classes only (the store
 * refuses it the rest).
 *
 * Profiles published with detection flags and limits (store schema 2) keep them in their source (record `detection`),
 * so that links to them compare non-detects as censored, as links to a received package of schema 2 do; a lab
 * method's rows without flags (published before the store carried them, or under a calibration without limits) go to a
 * source of their own, linked as before. Every pulled row's flags are checked against its relative areas before
 * anything is written: a contradiction refuses the whole pull, naming the lab, sample and compound.
 */
import type pg from 'pg';
import { profilesToArrow, type ProfileColumns } from '../../shared/sharing/profiles-arrow';
import { SharedMethod } from '../../shared/sharing/exchange-method';
import { saveSource, type SourceRecord } from '../../shared/sharing/external-sources';
import { checkDetection, DETECTION_PART } from '../../shared/sharing/detection-part';
import { readStoreSync, saveStoreEntry, type LastPull } from '../../shared/sharing/store-sync';
import type { Workspace } from '../../shared/workspace/Workspace';
import { maskUrl, requireSchema, StoreError, storeIdentity } from './store-client';

export const PULL_PAGE_ROWS = 20_000;

export interface PullOutcome {
  profiles: number;
  sources: SourceRecord[];
  labs: string[];
  revision: number;
  incomingLinks: LastPull['incoming_links'];
}

interface Group {
  method: SharedMethod;
  lab: string[];
  ids: string[];
  classId: (number | null)[];
  drug: (string | null)[];
  seizedOn: (string | null)[];
  region: (string | null)[];
  port: (string | null)[];
  agency: (string | null)[];
  values: number[];
  relative: number[];
  /** Flags (1 detected, 0 not; 255 a NULL flag, which the check names) and limits; null: rows without flags. */
  detected: number[] | null;
  limits: number[] | null;
}

/** Pulls (see the module doc). */
export async function pull(ws: Workspace, client: pg.Client, o: { url: string; now?: () => Date; onPage?: (rows: number) => void }): Promise<PullOutcome> {
  await requireSchema(client, o.url);
  const me = await storeIdentity(client);
  const url = maskUrl(o.url);
  const prior = (await readStoreSync(ws)).stores[url];
  const from = prior?.last_pull?.revision ?? 0;
  const at = (o.now ?? (() => new Date()))().toISOString();
  const methods = new Map<string, SharedMethod>();
  for (const r of (await client.query('SELECT lab_id, method_key, method FROM sigwb.methods')).rows) methods.set(`${r.lab_id}\u0000${r.method_key}`, SharedMethod.parse(r.method));
  const groups = new Map<string, Group>();
  let revision = from;
  let total = 0;
  // Partners have no privilege on sample_details at all: the join would be refused.
  const agency = me.kind === 'lab' ? 'd.agency' : 'NULL::text AS agency';
  const details = me.kind === 'lab' ? 'LEFT JOIN sigwb.sample_details d ON d.lab_id = p.lab_id AND d.sample_id = p.sample_id' : '';
  for (;;) {
    const page = await client.query(
      `SELECT p.lab_id, p.sample_id, p.revision, p.method_key, p.class_id, p.drug, to_char(p.seized_on, 'YYYY-MM-DD') AS seized_on, p.region, p.port_of_entry, ${agency}, p.compounds, p.pretreated, p.relative, p.detected, p.detection_limit
       FROM sigwb.profiles p ${details} WHERE p.revision > $1 AND p.lab_id IS DISTINCT FROM $2 ORDER BY p.revision LIMIT $3`,
      [revision, me.labId, PULL_PAGE_ROWS],
    );
    if (page.rowCount === 0) break;
    for (const r of page.rows) {
      const methodKey = `${r.lab_id}\u0000${r.method_key}`;
      const flagged = r.detected !== null || r.detection_limit !== null;
      // One source holds rows with flags or rows without, never both (its record says which).
      const key = `${methodKey}\u0000${flagged}`;
      let g = groups.get(key);
      if (!g) {
        const method = methods.get(methodKey);
        if (!method) continue;
        g = { method, lab: [], ids: [], classId: [], drug: [], seizedOn: [], region: [], port: [], agency: [], values: [], relative: [], detected: flagged ? [] : null, limits: flagged ? [] : null };
        groups.set(key, g);
      }
      // The store keeps each row's own compound order; the method's order is the source's.
      const order = g.method.compounds.map((c) => (r.compounds as string[]).indexOf(c));
      g.lab.push(r.lab_id);
      g.ids.push(r.sample_id);
      g.classId.push(r.class_id);
      g.drug.push(r.drug);
      g.seizedOn.push(r.seized_on);
      g.region.push(r.region);
      g.port.push(r.port_of_entry);
      g.agency.push(r.agency);
      for (const j of order) {
        g.values.push((r.pretreated as number[])[j]);
        g.relative.push((r.relative as number[])[j]);
      }
      if (g.detected && g.limits) {
        const flags = (r.detected as (boolean | null)[] | null) ?? [];
        for (const j of order) g.detected.push(flags[j] === true ? 1 : flags[j] === false ? 0 : 255);
        g.limits.push(r.detection_limit === null ? NaN : Number(r.detection_limit));
      }
      revision = Math.max(revision, Number(r.revision));
    }
    total += page.rowCount ?? 0;
    o.onPage?.(total);
  }
  // Every group checked before the first source is written: a refused pull writes nothing.
  const flagsOf = new Map<Group, { detected: Uint8Array; limits: Float64Array }>();
  for (const g of groups.values()) {
    if (!g.detected || !g.limits) continue;
    const flags = { detected: Uint8Array.from(g.detected), limits: Float64Array.from(g.limits) };
    const labs = [...new Set(g.lab)].sort().join(', ');
    checkDetection(flags, Float64Array.from(g.relative), g.ids, g.method.compounds, `refused, nothing written: ${url}, lab ${labs}`, (message) => new StoreError(message));
    flagsOf.set(g, flags);
  }
  const sources: SourceRecord[] = [];
  for (const g of groups.values()) {
    const detection = flagsOf.get(g) ?? null;
    const cols: ProfileColumns = {
      n: g.ids.length,
      lab: g.lab,
      facts: { sample_id: g.ids, class_id: g.classId, drug: g.drug, seized_on: g.seizedOn, region: g.region, port_of_entry: g.port, agency: g.agency.some((a) => a !== null) ? g.agency : null, case_id: null, seizure_id: null },
      compounds: g.method.compounds,
      values: Float64Array.from(g.values),
      relative: Float64Array.from(g.relative),
      detection,
    };
    const labs = [...new Set(g.lab)].sort();
    sources.push(
      await saveSource(
        ws,
        (id, data) => ({ format: 'signature-workbench/external-source', schema_version: 2, id, kind: 'store', name: `store ${labs.join(', ')}`, received_at: at, received_by: ws.analyst, method: g.method, package: null, store: { url, labs, from_revision: from, to_revision: revision }, data, detection: detection ? DETECTION_PART : null }),
        profilesToArrow(cols),
        cols.n,
        'store.pull',
      ),
    );
  }
  const incoming: LastPull['incoming_links'] = [];
  if (me.kind === 'lab') {
    const l = await client.query('SELECT lab_id, batch_id, other_sample, sample_id, distance, lr, verbal FROM sigwb.links WHERE other_lab = $1 AND lab_id <> $1 ORDER BY lab_id, batch_id, sample_id LIMIT 10000', [me.labId]);
    for (const r of l.rows) incoming.push({ lab_id: r.lab_id, batch_id: r.batch_id, sample_id: r.other_sample, other_sample: r.sample_id, distance: Number(r.distance), lr: Number(r.lr), verbal: r.verbal });
  }
  const labs = [...new Set([...groups.values()].flatMap((g) => g.lab))].sort();
  await saveStoreEntry(
    ws,
    url,
    { role: me.role, kind: me.kind, lab_id: me.labId, last_publish: prior?.last_publish ?? null, last_pull: { at, revision, profiles: total, sources: sources.map((s) => s.id), incoming_links: incoming } },
    'store.pull',
    `pulled ${total} profiles of ${labs.length} other lab${labs.length === 1 ? '' : 's'} from ${url} (revisions ${from + 1}–${revision}) into ${sources.map((s) => s.id).join(', ') || 'no new source'}; ${incoming.length} links other labs made to this lab's samples`,
    { from_revision: from, to_revision: revision, profiles: total, sources: sources.map((s) => s.id) },
  );
  return { profiles: total, sources, labs, revision, incomingLinks: incoming };
}
