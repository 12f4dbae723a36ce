/**
 * A workspace on disk with two cases, a sample without metadata, hostile sample names, a hostile extra
 * column and a hostile compound name, built from batch Arrow files (the columns of
 * shared/workspace/batch-columns.ts) until the import pipeline can make them from CSV.
 */
import { Bool, DateDay, Float64, Int32, Table, Utf8, tableToIPC, vectorFromArray, type DataType } from 'apache-arrow';
import { NodeFileStore } from '../../../node/files/node-file-store';
import { openNodeDatabase } from '../../../node/db/node-database';
import { Workspace } from '../../../shared/workspace/Workspace';
import { layout } from '../../../shared/workspace/paths';
import { openInDatabase } from '../../../shared/db/workspace-views';
import { loadDictionary } from '../../../shared/domain/workspace-dictionary';
import type { Database } from '../../../shared/db/Database';
import type { BatchKind } from '../../../shared/workspace/manifest';

export const ACTOR = { user: 'ana.analyst', appVersion: '0.1.0', now: () => new Date('2026-11-25T10:00:00Z') };

/** What a hostile submitter might type as a sample id: markup, spreadsheet formulas, a DDE payload. */
export const HOSTILE = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  '=HYPERLINK("http://evil","x")',
  "+cmd|' /C calc'!A0",
  '@SUM(1)',
  '-2+3',
  // Fullwidth equals sign: spreadsheets in East Asian locales read it as "=".
  '\uff1dHYPERLINK("http://evil","x")',
  // A right-to-left override: shows as "FS25-00001" reversed, a different-looking id.
  'FS25-\u202e10000',
  // An ANSI escape that recolours a terminal, and a C1 control.
  'S-\u001b[31mred\u009b',
] as const;

export const HOSTILE_COMPOUND = '=SUM(A1:A9)';
export const CASE_A = 'C-2026-001';
/** A case id that tries to end the report's <style> element from inside the page-header CSS string. */
export const CASE_B = 'C-2026-002"</style><script>alert(2)</script>';

type Col = [DataType, unknown[]];
const day = (iso: string | null) => (iso === null ? null : new Date(`${iso}T00:00:00Z`));

function ipc(columns: Record<string, Col>): Uint8Array {
  const vectors = Object.fromEntries(Object.entries(columns).map(([name, [type, values]]) => [name, vectorFromArray(values, type)]));
  return tableToIPC(new Table(vectors), 'stream');
}

interface SampleRow {
  id: string; seizure: string; kase: string; seized: string; region: string; city: string;
  lat: number; lon: number; form: string; mass: number; drug: string; purity: number; agency: string; notes: string;
}

export const SAMPLES: SampleRow[] = [
  { id: 'S-001', seizure: 'SZ-1', kase: CASE_A, seized: '2026-01-15', region: 'QC', city: 'Montréal', lat: 45.5017, lon: -73.5673, form: 'powder', mass: 12.5, drug: 'fentanyl', purity: 8.2, agency: 'SPVM', notes: 'bag A' },
  ...HOSTILE.map((id, i) => ({
    id, seizure: 'SZ-2', kase: CASE_A, seized: '2026-02-01', region: 'QC', city: 'Laval', lat: 45.6066, lon: -73.7124, form: 'tablet',
    mass: 0.3 + i, drug: 'fentanyl', purity: 3.5, agency: 'SQ', notes: i === 0 ? '=1+1' : '',
  })),
  { id: 'S-101', seizure: 'SZ-9', kase: CASE_B, seized: '2026-03-03', region: 'BC', city: 'Vancouver', lat: 49.2827, lon: -123.1207, form: 'powder', mass: 101.25, drug: 'fentanyl', purity: 22, agency: 'RCMP', notes: 'kept in evidence locker 4' },
];

function samplesBatch(id: string): Uint8Array {
  const s = SAMPLES;
  return ipc({
    batch_id: [new Utf8(), s.map(() => id)],
    line: [new Int32(), s.map((_, i) => i + 2)],
    sample_id: [new Utf8(), s.map((r) => r.id)],
    seizure_id: [new Utf8(), s.map((r) => r.seizure)],
    case_id: [new Utf8(), s.map((r) => r.kase)],
    seized_on: [new DateDay(), s.map((r) => day(r.seized))],
    region: [new Utf8(), s.map((r) => r.region)],
    city: [new Utf8(), s.map((r) => r.city)],
    lat: [new Float64(), s.map((r) => r.lat)],
    lon: [new Float64(), s.map((r) => r.lon)],
    form: [new Utf8(), s.map((r) => r.form)],
    mass_g: [new Float64(), s.map((r) => r.mass)],
    main_drug: [new Utf8(), s.map((r) => r.drug)],
    purity_pct: [new Float64(), s.map((r) => r.purity)],
    agency: [new Utf8(), s.map((r) => r.agency)],
    x_notes: [new Utf8(), s.map((r) => r.notes || null)],
  });
}

/** [sample, compound_raw, area or null when not detected]; S-001 has two injections of 4-ANPP. */
export const MEASUREMENTS: [string, string, number | null][] = [
  ['S-001', '4-ANPP', 1000], ['S-001', '4-ANPP', 1200], ['S-001', 'Norfentanyl', null], ['S-001', 'xylazine', 50.5],
  ...HOSTILE.flatMap((id, i): [string, string, number | null][] => [[id, '4-ANPP', 200 + i], [id, 'Norfentanyl', 10 * (i + 1)], [id, 'xylazine', null]]),
  ['S-101', '4-ANPP', 5000], ['S-101', 'Norfentanyl', 75], ['S-101', HOSTILE_COMPOUND, 1],
  ['S-900', '4-ANPP', 42],
];

function resultsBatch(id: string): Uint8Array {
  const m = MEASUREMENTS;
  return ipc({
    batch_id: [new Utf8(), m.map(() => id)],
    line: [new Int32(), m.map((_, i) => i + 2)],
    sample_id: [new Utf8(), m.map((r) => r[0])],
    compound_raw: [new Utf8(), m.map((r) => r[1])],
    area: [new Float64(), m.map((r) => r[2])],
    detected: [new Bool(), m.map((r) => r[2] !== null)],
    nd_text: [new Utf8(), m.map((r) => (r[2] === null ? 'nd' : null))],
    rt_min: [new Float64(), m.map(() => 7.25)],
    unit: [new Utf8(), m.map(() => 'counts')],
    method: [new Utf8(), m.map(() => 'GC-MS impurity profile v3')],
    instrument: [new Utf8(), m.map(() => 'GCMS-02')],
    analysed_on: [new DateDay(), m.map(() => day('2026-04-10'))],
  });
}

async function add(ws: Workspace, id: string, kind: BatchKind, fileName: string, data: Uint8Array, rows: number): Promise<void> {
  await ws.addBatch(
    {
      id, kind, file_name: fileName, file_size: data.byteLength, file_sha256: (id === 'B0001' ? 'a' : 'b').repeat(64), format: 'csv', profile: null,
      analyst: ACTOR.user, imported_at: ACTOR.now().toISOString(), rows_read: rows, rows_imported: rows, rows_quarantined: 0,
      data_file: layout.batchFile(id), quarantine_file: null, supersedes: null,
    },
    data,
    null,
  );
}

/** Creates the workspace in `dir` (an empty folder). */
export async function createFixtureWorkspace(dir: string): Promise<Workspace> {
  const ws = await Workspace.create(new NodeFileStore(dir), 'Fentanyl 2026', ACTOR);
  await add(ws, 'B0001', 'samples', 'seizures Case C-2026-001.csv', samplesBatch('B0001'), SAMPLES.length);
  await add(ws, 'B0002', 'results', 'gcms-run-17.csv', resultsBatch('B0002'), MEASUREMENTS.length);
  return ws;
}

/** The fixture workspace opened in a fresh database. */
export async function openFixture(dir: string): Promise<{ ws: Workspace; db: Database }> {
  const ws = await createFixtureWorkspace(dir);
  const db = await openNodeDatabase();
  await openInDatabase(db, ws, await loadDictionary(ws));
  return { ws, db };
}
