/**
 * Samples as points for the Map and Timeline: place, date, class and case, for the samples the filters
 * keep. One query, columns copied once into arrays (10,000 samples: a few milliseconds).
 */
import type { Database } from '../../shared/db/Database';
import { filterSql, type SampleFilters } from '../state/filters';

export interface SamplePoints {
  ids: string[];
  lat: (number | null)[];
  lon: (number | null)[];
  region: (string | null)[];
  city: (string | null)[];
  caseId: (string | null)[];
  seizureId: (string | null)[];
  /** ISO date or null. */
  seizedOn: (string | null)[];
  classId: (number | null)[];
}

/**
 * The last answer per database, so that moving between Map, Timeline and Network with the same filters costs no
 * query and no copy (10,000 rows through Arrow getters take tens of milliseconds of the UI thread).
 */
const cache = new WeakMap<Database, { key: string; value: Promise<SamplePoints> }>();

/** The points of the samples the filters keep; `version` changes when the helper tables were rebuilt. */
export function samplePoints(db: Database, filters: SampleFilters, selected: ReadonlySet<string>, version: number): Promise<SamplePoints> {
  const key = `${version}|${filterSql(filters, selected)}`;
  const hit = cache.get(db);
  if (hit?.key === key) return hit.value;
  const value = querySamplePoints(db, filters, selected);
  cache.set(db, { key, value });
  value.catch(() => cache.delete(db));
  return value;
}

async function querySamplePoints(db: Database, filters: SampleFilters, selected: ReadonlySet<string>): Promise<SamplePoints> {
  const t = await db.query(`SELECT s.sample_id, s.lat, s.lon, s.region, s.city, s.case_id, s.seizure_id, CAST(s.seized_on AS VARCHAR) AS seized_on, c.class_id
    FROM samples s LEFT JOIN ui_classes c USING (sample_id)
    WHERE ${filterSql(filters, selected)} ORDER BY s.sample_id`);
  const col = <T,>(name: string, map: (v: unknown) => T): T[] => {
    const c = t.getChild(name);
    return Array.from({ length: t.numRows }, (_, i) => map(c?.get(i)));
  };
  const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  const str = (v: unknown) => (v === null || v === undefined ? null : String(v));
  return {
    ids: col('sample_id', String),
    lat: col('lat', num),
    lon: col('lon', num),
    region: col('region', str),
    city: col('city', str),
    caseId: col('case_id', str),
    seizureId: col('seizure_id', str),
    seizedOn: col('seized_on', str),
    classId: col('class_id', num),
  };
}
