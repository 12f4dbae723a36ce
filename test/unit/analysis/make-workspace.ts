/**
 * A seeded generator of fentanyl profiling data with known ground truth, written straight into a workspace as
 * batch Arrow files (the columns of shared/workspace/batch-columns.ts), for the analysis tests and benches.
 *
 * Model: each production source (batch) follows one of three routes and has its own impurity profile (route
 * base × lognormal, sd 1.0 in log units); route markers are absent from the other routes (phenethyl-4-ANPP only
 * in the one-pot route, DOMAIN.md). Each source supplies several cases; each case several seizures; each seizure
 * several samples. Variation: seizure-level 6 %, sample-level 4 % (log sd), a random amount factor, and areas under
 * the detection limit reported "nd". Adulterants (xylazine, caffeine) and the diluent are added per seizure
 * (distribution, not production), and fentanyl itself is the main drug: none of them should enter a default
 * production signature.
 */
import { Bool, DateDay, Float64, Int32, Table, Utf8, makeData, makeVector, tableToIPC, vectorFromArray, type Vector } from 'apache-arrow';
import { NodeFileStore } from '../../../node/files/node-file-store';
import { openNodeDatabase } from '../../../node/db/node-database';
import { openInDatabase } from '../../../shared/db/workspace-views';
import type { Database } from '../../../shared/db/Database';
import { DEFAULT_COMPOUND_DICTIONARY } from '../../../shared/domain/default-compounds';
import { mulberry32 } from '../../../shared/profiling/util/rng';
import { RESULT_COLUMNS, SAMPLE_COLUMNS, type ColumnDef } from '../../../shared/workspace/batch-columns';
import { layout } from '../../../shared/workspace/paths';
import { Workspace, type Actor } from '../../../shared/workspace/Workspace';

/** The production signature compounds: dictionary precursors/impurities and one unknown peak (role unassigned). */
export const SIGNATURE_COMPOUNDS = [
  '4-ANPP',
  'NPP',
  'norfentanyl',
  'acetylfentanyl',
  'phenethyl-4-ANPP',
  'aniline',
  'N-phenylpropanamide',
  '4-piperidone',
  'phenethyl alcohol',
  '1-phenethylpiperidin-4-ol',
  'ethyl-4-ANPP',
  'benzylfentanyl',
  'unknown RT 12.31',
] as const;
export const ROUTES = ['Siegfried', 'Gupta one-pot', 'Janssen'] as const;
const REGIONS = ['ON', 'QC', 'BC', 'AB', 'MB', 'NS'];

export interface GeneratorOptions {
  /** Default 7. */
  seed?: number;
  /** Production sources; default 24. */
  sources?: number;
  /** Cases each source supplies; default 2. */
  casesPerSource?: number;
  /** Default 2. */
  seizuresPerCase?: number;
  /** Default 3. */
  samplesPerSeizure?: number;
}

export interface SampleTruth {
  source: number;
  route: string;
  seizure: string;
  case: string;
}

export interface SampleRow {
  sample_id: string;
  seizure_id: string;
  case_id: string;
  seized_on: string;
  region: string;
  city: string;
  main_drug: string;
}

export interface ResultRow {
  sample_id: string;
  compound_raw: string;
  area: number | null;
}

export interface GeneratedData {
  samples: SampleRow[];
  results: ResultRow[];
  truth: Map<string, SampleTruth>;
}

/** Route base levels per signature compound (0 = never formed by that route). */
function routeBase(route: number): number[] {
  const base = SIGNATURE_COMPOUNDS.map(() => 1);
  if (route !== 1) base[SIGNATURE_COMPOUNDS.indexOf('phenethyl-4-ANPP')] = 0;
  if (route !== 2) base[SIGNATURE_COMPOUNDS.indexOf('benzylfentanyl')] = 0;
  if (route === 0) base[SIGNATURE_COMPOUNDS.indexOf('NPP')] = 8;
  if (route === 1) base[SIGNATURE_COMPOUNDS.indexOf('4-ANPP')] = 10;
  return base;
}

/** Generates the rows and the ground truth; the same options always give the same data. */
export function generateProfiles(options: GeneratorOptions = {}): GeneratedData {
  const rng = mulberry32(options.seed ?? 7);
  const sources = options.sources ?? 24;
  const casesPer = options.casesPerSource ?? 2;
  const seizuresPer = options.seizuresPerCase ?? 2;
  const samplesPer = options.samplesPerSeizure ?? 3;
  const total = sources * casesPer * seizuresPer * samplesPer;
  // Shuffled lab numbers, so that the sample order says nothing about the source.
  const numbers = Array.from({ length: total }, (_, i) => i);
  for (let i = total - 1; i > 0; i--) {
    const j = rng.nextInt(i + 1);
    [numbers[i], numbers[j]] = [numbers[j], numbers[i]];
  }
  const samples: SampleRow[] = [];
  const results: ResultRow[] = [];
  const truth = new Map<string, SampleTruth>();
  let next = 0;
  let caseNo = 0;
  let seizureNo = 0;
  for (let s = 0; s < sources; s++) {
    const route = s % ROUTES.length;
    const profile = routeBase(route).map((b) => b * Math.exp(1.0 * rng.nextNormal()));
    const home = REGIONS[rng.nextInt(REGIONS.length)];
    const start = Date.UTC(2024, 0, 1) + rng.nextInt(500) * 86_400_000;
    for (let c = 0; c < casesPer; c++) {
      const caseId = `C24-${String(++caseNo).padStart(4, '0')}`;
      const region = rng.next() < 0.7 ? home : REGIONS[rng.nextInt(REGIONS.length)];
      for (let z = 0; z < seizuresPer; z++) {
        const seizureId = `EX-${String(++seizureNo).padStart(5, '0')}`;
        const seizedOn = new Date(start + rng.nextInt(120) * 86_400_000).toISOString().slice(0, 10);
        const shift = profile.map(() => Math.exp(0.06 * rng.nextNormal()));
        const xylazine = rng.next() < 0.5 ? 2e5 * (0.5 + rng.next()) : null;
        const caffeine = rng.next() < 0.4 ? 5e4 * (0.5 + rng.next()) : null;
        for (let r = 0; r < samplesPer; r++) {
          const sampleId = `L24-${String(10000 + numbers[next++])}`;
          truth.set(sampleId, { source: s, route: ROUTES[route], seizure: seizureId, case: caseId });
          samples.push({ sample_id: sampleId, seizure_id: seizureId, case_id: caseId, seized_on: seizedOn, region, city: `${region}-city`, main_drug: 'fentanyl' });
          const amount = 0.3 + 2.7 * rng.next();
          SIGNATURE_COMPOUNDS.forEach((compound, k) => {
            const area = 1e4 * profile[k] * shift[k] * Math.exp(0.04 * rng.nextNormal()) * amount;
            results.push({ sample_id: sampleId, compound_raw: compound, area: area < 300 ? null : area });
          });
          results.push({ sample_id: sampleId, compound_raw: 'fentanyl', area: 5e6 * amount });
          results.push({ sample_id: sampleId, compound_raw: 'xylazine', area: xylazine === null ? null : xylazine * amount });
          results.push({ sample_id: sampleId, compound_raw: 'caffeine', area: caffeine === null ? null : caffeine * amount });
        }
      }
    }
  }
  return { samples, results, truth };
}

type Cell = string | number | boolean | null;

/** One Arrow vector of the given SQL type; dates are ISO texts. */
function vectorOf(def: ColumnDef, values: Cell[]): Vector {
  switch (def.type) {
    case 'VARCHAR':
      return vectorFromArray(values as (string | null)[], new Utf8());
    case 'DOUBLE':
      return vectorFromArray(values as (number | null)[], new Float64());
    case 'INTEGER':
      return vectorFromArray(values as (number | null)[], new Int32());
    case 'BOOLEAN':
      return vectorFromArray(values as (boolean | null)[], new Bool());
    case 'DATE': {
      const days = new Int32Array(values.length);
      const bitmap = new Uint8Array((values.length + 7) >> 3);
      let nullCount = 0;
      values.forEach((v, i) => {
        if (v === null) nullCount++;
        else {
          days[i] = Math.round(Date.parse(`${String(v)}T00:00:00Z`) / 86_400_000);
          bitmap[i >> 3] |= 1 << (i & 7);
        }
      });
      return makeVector(makeData({ type: new DateDay(), length: values.length, nullCount, nullBitmap: nullCount ? bitmap : null, data: days }));
    }
  }
}

function batchBytes(defs: readonly ColumnDef[], rows: Record<string, Cell>[]): Uint8Array {
  const vectors: Record<string, Vector> = {};
  for (const def of defs) vectors[def.name] = vectorOf(def, rows.map((r) => r[def.name] ?? null));
  return tableToIPC(new Table(vectors), 'stream');
}

export const TEST_ACTOR: Actor = { user: 'analyst-a', appVersion: '0.1.0', now: () => new Date('2026-11-25T10:00:00Z') };

/** Adds one samples batch and one results batch holding the given rows. */
export async function addRows(ws: Workspace, samples: SampleRow[], results: ResultRow[]): Promise<void> {
  let line = 1;
  const sampleRows = samples.map((s) => ({ ...s, line: ++line }));
  line = 1;
  const resultRows = results.map((r) => ({ ...r, line: ++line, detected: r.area !== null, nd_text: r.area === null ? 'nd' : null, unit: 'area', method: 'GC-MS fentanyl v1', instrument: 'GCMS-2', analysed_on: '2025-06-01' }));
  for (const [kind, defs, rows] of [['samples', SAMPLE_COLUMNS, sampleRows], ['results', RESULT_COLUMNS, resultRows]] as const) {
    const id = ws.nextBatchId();
    const data = batchBytes(defs, rows.map((r) => ({ ...r, batch_id: id })));
    await ws.addBatch(
      {
        id,
        kind,
        file_name: `${kind}-${id}.csv`,
        file_size: data.byteLength,
        file_sha256: id.padEnd(64, '0').toLowerCase().replace(/[^0-9a-f]/g, '0'),
        format: 'csv',
        profile: null,
        analyst: 'analyst-a',
        imported_at: '2026-11-25T09:00:00Z',
        rows_read: rows.length,
        rows_imported: rows.length,
        rows_quarantined: 0,
        data_file: layout.batchFile(id),
        quarantine_file: null,
        supersedes: null,
      },
      data,
      null,
    );
  }
}

/** Creates a workspace in `dir` holding the generated data (two batches). */
export async function makeWorkspace(dir: string, options: GeneratorOptions = {}): Promise<{ ws: Workspace; data: GeneratedData }> {
  const ws = await Workspace.create(new NodeFileStore(dir), 'Generated fentanyl profiles', TEST_ACTOR);
  const data = generateProfiles(options);
  await addRows(ws, data.samples, data.results);
  return { ws, data };
}

/** Opens a workspace folder with a fresh database holding its views. */
export async function openWorkspaceDb(dir: string): Promise<{ ws: Workspace; db: Database }> {
  const ws = await Workspace.open(new NodeFileStore(dir), TEST_ACTOR);
  const db = await openNodeDatabase();
  await openInDatabase(db, ws, DEFAULT_COMPOUND_DICTIONARY);
  return { ws, db };
}
