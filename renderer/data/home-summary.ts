/** The figures of the Home view, in two queries over the workspace views. */
import type { Database } from '../../shared/db/Database';
import { plainRows, columnNames, type PlainValue } from '../../shared/db/arrow-values';

export interface HomeCounts {
  samples: number;
  measurements: number;
  batches: number;
  compounds: number;
  quarantined: number;
  unmapped: number;
  withoutMetadata: number;
  withoutResults: number;
  /** Samples with a value in quarantine and not imported since: missing, so left out of the signatures. */
  withMissing: number;
  /** Written values of region, form or main drug that no vocabulary term names. */
  unnamedValues: number;
  firstSeized: string | null;
  lastSeized: string | null;
}

export interface RecentBatch {
  batch_id: string;
  kind: string;
  file_name: string;
  imported_at: string;
  rows_imported: number;
  rows_quarantined: number;
  analyst: string;
  superseded_by: string | null;
}

function records(t: Awaited<ReturnType<Database['query']>>): Record<string, PlainValue>[] {
  const names = columnNames(t);
  return plainRows(t).map((r) => Object.fromEntries(names.map((n, i) => [n, r[i]])));
}

export async function homeCounts(db: Database): Promise<HomeCounts> {
  const [r] = records(
    await db.query(`SELECT
      (SELECT count(*) FROM samples) AS samples,
      -- Every measurement is counted in exactly one row of samples (the FULL OUTER JOIN keeps every sample_id group), so
      -- this is count(*) of measurements, read from the per-sample aggregate the engine file may keep materialised.
      (SELECT CAST(COALESCE(sum(n_measurements), 0) AS BIGINT) FROM samples) AS measurements,
      (SELECT count(*) FROM batches) AS batches,
      (SELECT count(*) FROM compounds) AS compounds,
      (SELECT count(*) FROM quarantine) AS quarantined,
      (SELECT count(*) FROM compounds WHERE role = 'unassigned') AS unmapped,
      (SELECT count(*) FROM samples WHERE NOT has_metadata) AS without_metadata,
      (SELECT count(*) FROM samples WHERE NOT has_results) AS without_results,
      (SELECT count(DISTINCT sample_id) FROM missing_values) AS with_missing,
      (SELECT count(*) FROM vocabulary_values WHERE canonical IS NULL) AS unnamed_values,
      (SELECT min(seized_on) FROM samples) AS first_seized,
      (SELECT max(seized_on) FROM samples) AS last_seized`),
  );
  return {
    samples: Number(r.samples),
    measurements: Number(r.measurements),
    batches: Number(r.batches),
    compounds: Number(r.compounds),
    quarantined: Number(r.quarantined),
    unmapped: Number(r.unmapped),
    withoutMetadata: Number(r.without_metadata),
    withoutResults: Number(r.without_results),
    withMissing: Number(r.with_missing),
    unnamedValues: Number(r.unnamed_values),
    firstSeized: (r.first_seized as string | null) ?? null,
    lastSeized: (r.last_seized as string | null) ?? null,
  };
}

export async function recentBatches(db: Database, limit = 6): Promise<RecentBatch[]> {
  return records(
    await db.query(`SELECT batch_id, kind, file_name, imported_at, rows_imported, rows_quarantined, analyst, superseded_by FROM batches ORDER BY imported_at DESC, batch_id DESC LIMIT ${Math.floor(limit)}`),
  ) as unknown as RecentBatch[];
}
