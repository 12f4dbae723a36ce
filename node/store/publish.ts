/**
 * `sigwb publish`: the workspace's profiles (shared/sharing/shared-profiles.ts: the same rows a package carries, with
 * their case details kept apart), classes and links pushed to the national store as the connected lab.
 *
 * Idempotent and resumable: every row carries the SHA-256 of its content; the store's hashes for this lab are read
 * first and only rows that are new or changed are sent, in chunks of `chunkRows`, each chunk one transaction holding
 * the profiles and their case details together (an upsert keyed by lab and sample, which changes a row only when its
 * hash differs). A publish cut anywhere (process killed, connection dropped) leaves whole chunks committed and nothing
 * of the cut one; the next publish sends what is missing and duplicates nothing. Classes and links follow, each in one
 * transaction; the publish is marked finished last. O(n × compounds) work and traffic for n changed rows.
 *
 * Each profile goes with its detection flags and limit (store schema 2, as in exchange packages: detection-part.ts),
 * so that a lab that pulls it compares non-detects as censored. They are checked against the relative areas before
 * anything is written: a contradiction is refused naming the sample and compound, and the store is left untouched.
 * A calibration without per-sample limits sends none (NULL), and its rows hash as they did before schema 2.
 */
import { createHash, randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { Database } from '../../shared/db/Database';
import { alertsSince } from '../../shared/linking/link-alerts-since';
import { LINKS_PREFIX } from '../../shared/linking/link-record';
import { collectSharedProfiles, type SharedProfiles } from '../../shared/sharing/shared-profiles';
import { checkDetection } from '../../shared/sharing/detection-part';
import { readStoreSync, saveStoreEntry } from '../../shared/sharing/store-sync';
import type { Workspace } from '../../shared/workspace/Workspace';
import { maskUrl, requireSchema, StoreError, storeIdentity } from './store-client';

/** Rows per transaction: 2,000 profiles of 25 compounds are about 1 MB of JSON, a second or so on a loaded server. */
export const DEFAULT_CHUNK_ROWS = 2_000;

export interface PublishOptions {
  url: string;
  chunkRows?: number;
  /** After each committed chunk: rows sent so far, rows to send. */
  onChunk?: (sent: number, total: number) => void | Promise<void>;
  /** Profiles already collected (the benchmark reuses them). */
  profiles?: SharedProfiles;
  now?: () => Date;
}

export interface PublishOutcome {
  publishId: string;
  labId: string;
  profiles: number;
  sent: number;
  unchanged: number;
  classes: number;
  links: number;
}

const sha = (value: unknown): string => createHash('sha256').update(JSON.stringify(value)).digest('hex');

/** Publishes (see the module doc); the workspace's store-sync record says what was covered. */
export async function publish(ws: Workspace, db: Database, client: pg.Client, o: PublishOptions): Promise<PublishOutcome> {
  await requireSchema(client, o.url);
  const me = await storeIdentity(client);
  if (me.kind !== 'lab' || !me.labId) throw new StoreError(`role "${me.role}" is a partner of this store: partners read, only labs publish`);
  const labId = me.labId;
  const p = o.profiles ?? (await collectSharedProfiles(ws, db));
  const k = p.method.compounds.length;
  const det = p.detection;
  // Before the first write, so that a contradiction leaves the store as it was.
  if (det) checkDetection(det, p.relative, p.facts.sample_id, p.method.compounds, 'refused, nothing written', (message) => new StoreError(message));
  const publishId = randomUUID();
  const at = (o.now ?? (() => new Date()))().toISOString();
  await client.query('INSERT INTO sigwb.publishes (publish_id, lab_id, workspace_id) VALUES ($1, $2, $3)', [publishId, labId, ws.manifest.id]);
  await client.query('INSERT INTO sigwb.methods (lab_id, method_key, method) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [labId, p.method.comparable_key + ':' + p.method.calibration_id, JSON.stringify(p.method)]);
  const methodKey = p.method.comparable_key + ':' + p.method.calibration_id;
  // What the store holds of ours, by hash: only the rest is sent.
  const held = new Map<string, string>();
  for (const r of (await client.query('SELECT sample_id, content_sha256 FROM sigwb.profiles WHERE lab_id = $1', [labId])).rows) held.set(r.sample_id, r.content_sha256);
  const f = p.facts;
  const rows: Record<string, unknown>[] = [];
  for (let i = 0; i < p.n; i++) {
    const row = {
      sample_id: f.sample_id[i],
      method_key: methodKey,
      class_id: f.class_id[i],
      drug: f.drug[i],
      seized_on: f.seized_on[i],
      region: f.region[i],
      port_of_entry: f.port_of_entry[i],
      compounds: p.method.compounds,
      pretreated: Array.from(p.values.subarray(i * k, i * k + k)),
      relative: Array.from(p.relative.subarray(i * k, i * k + k)),
      // Absent, not null, without flags: such rows hash as they did before the store carried flags.
      ...(det ? { detected: Array.from(det.detected.subarray(i * k, i * k + k), (f) => f === 1), detection_limit: det.limits[i] } : {}),
      case_id: f.case_id[i],
      seizure_id: f.seizure_id[i],
      agency: f.agency[i],
    };
    const h = sha(row);
    if (held.get(row.sample_id!) !== h) rows.push({ ...row, content_sha256: h });
  }
  const chunk = o.chunkRows ?? DEFAULT_CHUNK_ROWS;
  for (let from = 0; from < rows.length; from += chunk) {
    const part = JSON.stringify(rows.slice(from, from + chunk));
    try {
      await client.query('BEGIN');
      await client.query(
        `INSERT INTO sigwb.profiles (lab_id, sample_id, content_sha256, method_key, class_id, drug, seized_on, region, port_of_entry, compounds, pretreated, relative, detected, detection_limit, publish_id)
         SELECT $1, r.sample_id, r.content_sha256, r.method_key, r.class_id, r.drug, r.seized_on, r.region, r.port_of_entry, r.compounds, r.pretreated, r.relative, r.detected, r.detection_limit, $2
         FROM jsonb_to_recordset($3::jsonb) AS r(sample_id text, content_sha256 text, method_key text, class_id integer, drug text, seized_on date, region text, port_of_entry text, compounds text[], pretreated float8[], relative float8[], detected boolean[], detection_limit float8)
         ON CONFLICT (lab_id, sample_id) DO UPDATE SET content_sha256 = EXCLUDED.content_sha256, method_key = EXCLUDED.method_key, class_id = EXCLUDED.class_id, drug = EXCLUDED.drug,
           seized_on = EXCLUDED.seized_on, region = EXCLUDED.region, port_of_entry = EXCLUDED.port_of_entry, compounds = EXCLUDED.compounds, pretreated = EXCLUDED.pretreated,
           relative = EXCLUDED.relative, detected = EXCLUDED.detected, detection_limit = EXCLUDED.detection_limit, publish_id = EXCLUDED.publish_id, published_at = now(), revision = nextval('sigwb.revision_seq')
         WHERE sigwb.profiles.content_sha256 IS DISTINCT FROM EXCLUDED.content_sha256`,
        [labId, publishId, part],
      );
      await client.query(
        `INSERT INTO sigwb.sample_details (lab_id, sample_id, case_id, seizure_id, agency, content_sha256)
         SELECT $1, r.sample_id, r.case_id, r.seizure_id, r.agency, r.content_sha256
         FROM jsonb_to_recordset($2::jsonb) AS r(sample_id text, case_id text, seizure_id text, agency text, content_sha256 text)
         ON CONFLICT (lab_id, sample_id) DO UPDATE SET case_id = EXCLUDED.case_id, seizure_id = EXCLUDED.seizure_id, agency = EXCLUDED.agency, content_sha256 = EXCLUDED.content_sha256
         WHERE sigwb.sample_details.content_sha256 IS DISTINCT FROM EXCLUDED.content_sha256`,
        [labId, part],
      );
      await client.query('COMMIT');
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw new StoreError(`publish cut after ${from} of ${rows.length} changed profiles (${(e as Error).message}); what was committed stays, the next sigwb publish sends the rest`);
    }
    await o.onChunk?.(Math.min(from + chunk, rows.length), rows.length);
  }
  const classes = classRows(p);
  await inTransaction(client, () =>
    client.query(
      `INSERT INTO sigwb.classes (lab_id, class_id, class_run_id, samples, first_seen, last_seen, regions, ports_of_entry, content_sha256, publish_id)
       SELECT $1, r.class_id, r.class_run_id, r.samples, r.first_seen, r.last_seen, r.regions, r.ports_of_entry, r.content_sha256, $2
       FROM jsonb_to_recordset($3::jsonb) AS r(class_id integer, class_run_id text, samples integer, first_seen date, last_seen date, regions text[], ports_of_entry text[], content_sha256 text)
       ON CONFLICT (lab_id, class_id) DO UPDATE SET class_run_id = EXCLUDED.class_run_id, samples = EXCLUDED.samples, first_seen = EXCLUDED.first_seen, last_seen = EXCLUDED.last_seen,
         regions = EXCLUDED.regions, ports_of_entry = EXCLUDED.ports_of_entry, content_sha256 = EXCLUDED.content_sha256, publish_id = EXCLUDED.publish_id, revision = nextval('sigwb.revision_seq')
       WHERE sigwb.classes.content_sha256 IS DISTINCT FROM EXCLUDED.content_sha256`,
      [labId, publishId, JSON.stringify(classes.map((c) => ({ ...c, class_run_id: p.classRunId, content_sha256: sha([p.classRunId, c]) })))],
    ),
  );
  const { records } = await alertsSince(ws, null);
  const links = records.flatMap((r) =>
    r.samples.flatMap((s) => [...s.links.map((l) => ({ ...l, lab: l.lab ?? labId })), ...s.external_links].map((l) => ({ batch_id: r.batch_id, sample_id: s.sample_id, other_lab: l.lab, other_sample: l.sample_id, other_class: l.class_id, distance: l.distance, lr: l.lr, verbal: l.verbal, calibration_id: r.calibration_id, linked_at: r.created_at }))),
  );
  await inTransaction(client, async () => {
    for (let from = 0; from < links.length; from += 20_000) {
      await client.query(
        `INSERT INTO sigwb.links (lab_id, batch_id, sample_id, other_lab, other_sample, other_class, distance, lr, verbal, calibration_id, linked_at, publish_id)
         SELECT $1, r.batch_id, r.sample_id, r.other_lab, r.other_sample, r.other_class, r.distance, r.lr, r.verbal, r.calibration_id, r.linked_at, $2
         FROM jsonb_to_recordset($3::jsonb) AS r(batch_id text, sample_id text, other_lab text, other_sample text, other_class integer, distance float8, lr float8, verbal text, calibration_id text, linked_at timestamptz)
         ON CONFLICT DO NOTHING`,
        [labId, publishId, JSON.stringify(links.slice(from, from + 20_000))],
      );
    }
  });
  await client.query('UPDATE sigwb.publishes SET finished_at = now(), profiles = $2, classes = $3, links = $4 WHERE publish_id = $1', [publishId, rows.length, classes.length, links.length]);
  const url = maskUrl(o.url);
  const prior = (await readStoreSync(ws)).stores[url];
  await saveStoreEntry(
    ws,
    url,
    {
      role: me.role,
      kind: 'lab',
      lab_id: labId,
      last_pull: prior?.last_pull ?? null,
      last_publish: { at, publish_id: publishId, complete: true, profiles_sent: rows.length, profiles: p.n, classes: classes.length, links: links.length, calibration_id: p.method.calibration_id, class_run_id: p.classRunId, batches: ws.manifest.batches.filter((b) => b.kind === 'results').map((b) => b.id), links_records: Object.keys(ws.manifest.documents).filter((n) => n.startsWith(LINKS_PREFIX)) },
    },
    'store.publish',
    `published to ${url} as lab ${labId}: ${rows.length} new or changed profiles of ${p.n}, ${classes.length} classes, ${links.length} links (publish ${publishId})`,
    { publish_id: publishId, lab: labId, profiles_sent: rows.length, profiles: p.n, classes: classes.length, links: links.length },
  );
  return { publishId, labId, profiles: p.n, sent: rows.length, unchanged: p.n - rows.length, classes: classes.length, links: links.length };
}

async function inTransaction(client: pg.Client, work: () => Promise<unknown>): Promise<void> {
  try {
    await client.query('BEGIN');
    await work();
    await client.query('COMMIT');
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw new StoreError(`publish cut while writing classes or links (${(e as Error).message}); the next sigwb publish completes it`);
  }
}

/** Each class's span from the shared rows. */
function classRows(p: SharedProfiles): { class_id: number; samples: number; first_seen: string | null; last_seen: string | null; regions: string[]; ports_of_entry: string[] }[] {
  const by = new Map<number, number[]>();
  p.facts.class_id.forEach((c, i) => {
    if (c === null) return;
    const list = by.get(c);
    if (list) list.push(i);
    else by.set(c, [i]);
  });
  const distinct = (v: (string | null)[]) => [...new Set(v.filter((x): x is string => !!x))].sort();
  return [...by].sort((a, b) => a[0] - b[0]).map(([class_id, idx]) => {
    const dates = distinct(idx.map((i) => p.facts.seized_on[i]));
    return { class_id, samples: idx.length, first_seen: dates[0] ?? null, last_seen: dates.at(-1) ?? null, regions: distinct(idx.map((i) => p.facts.region[i])), ports_of_entry: distinct(idx.map((i) => p.facts.port_of_entry[i])) };
  });
}
