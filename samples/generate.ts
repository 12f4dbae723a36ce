/**
 * Writes the sample data (see samples/README.md):
 *
 *   node bin/run-ts.mjs samples/generate.ts                    the committed set into samples/
 *   node bin/run-ts.mjs samples/generate.ts --out <dir>        the same set elsewhere (tests compare)
 *   node bin/run-ts.mjs samples/generate.ts --large <rows> --out <dir>   one long results CSV for benches
 */
import { mkdirSync, writeFileSync, openSync, writeSync, closeSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import writeXlsxFile from 'write-excel-file/node';
import { badFiles } from './generator/bad-files';
import { fixZipTimes } from './generator/zip-times';
import { gcmsLongCsv, gcmsQuebecTsv, lcmsWideRows, metadataCsv, metadataQuebecCsv, truthCsv, windows1252 } from './generator/writers';
import { generateWorld, type Sample } from './generator/world';

export const SEED = 20261125;
const enc = new TextEncoder();
const BOM = new Uint8Array([0xef, 0xbb, 0xbf]);

/** The files in the order the app's "Load sample data" imports them (metadata first, then results). */
export const SAMPLE_FILES = [
  { file: 'metadata/lims-seizures.csv', kind: 'samples', what: 'LIMS sample metadata, UTF-8 with BOM, English headers' },
  { file: 'metadata/quebec-saisies.csv', kind: 'samples', what: 'Québec sample metadata, Windows-1252, semicolons, decimal commas, French headers' },
  { file: 'results/gcms-impurities.csv', kind: 'results-long', what: 'GC-MS impurity results, MassHunter export with batch lines above the header' },
  { file: 'results/gcms-impurities-quebec.tsv', kind: 'results-long', what: 'Québec GC-MS results, tab-separated, decimal commas, n.d.' },
  { file: 'results/lcms-adulterants.xlsx', kind: 'results-wide', what: 'LC-MS adulterant and diluent screen, wide, XLSX (first sheet)' },
] as const;

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** The committed sample set, written under `dir`. */
export async function writeSampleSet(dir: string, seed = SEED): Promise<void> {
  const world = generateWorld(seed, { cases: 64, quebecShare: 0.18 });
  const quebec = world.filter((s) => s.place.region === 'Québec');
  const rest = world.filter((s) => s.place.region !== 'Québec');
  // Four samples arrive without their submission forms: results without metadata are flagged, not refused.
  const withoutForms = new Set(rest.filter((_, i) => i % 97 === 13).map((s) => s.sampleId));
  for (const sub of ['metadata', 'results', 'bad']) mkdirSync(path.join(dir, sub), { recursive: true });
  const put = (file: string, bytes: Uint8Array | string) => writeFileSync(path.join(dir, file), typeof bytes === 'string' ? enc.encode(bytes) : bytes);
  put('metadata/lims-seizures.csv', concat(BOM, enc.encode(metadataCsv(rest.filter((s) => !withoutForms.has(s.sampleId))))));
  put('metadata/quebec-saisies.csv', windows1252(metadataQuebecCsv(quebec)));
  put('results/gcms-impurities.csv', gcmsLongCsv(rest));
  put('results/gcms-impurities-quebec.tsv', gcmsQuebecTsv(quebec));
  const wide = lcmsWideRows(world);
  const sheet = [wide.header.map((h) => ({ value: h, fontWeight: 'bold' as const })), ...wide.rows.map((r) => r.map((v) => (v instanceof Date ? { value: v, type: Date, format: 'yyyy-mm-dd' } : { value: v })))];
  const method = [[{ value: 'Method' }, { value: 'ADULT-SCREEN-v2' }], [{ value: 'Instrument' }, { value: 'Agilent 6546 LC/Q-TOF' }], [{ value: 'Areas' }, { value: 'counts; ND = not detected' }]];
  put('results/lcms-adulterants.xlsx', fixZipTimes(new Uint8Array(await writeXlsxFile([{ sheet: 'Results', data: sheet }, { sheet: 'Method', data: method }]).toBuffer())));
  put('truth.csv', truthCsv(world));
  put('manifest.json', JSON.stringify({ seed, files: SAMPLE_FILES, truth: 'truth.csv', samples: world.length, without_metadata: [...withoutForms] }, null, 2) + '\n');
  const bad = await badFiles();
  for (const b of bad) put(`bad/${b.spec.file}`, b.bytes);
  put('bad/EXPECTED.json', JSON.stringify(bad.map((b) => b.spec), null, 2) + '\n');
}

/** A long results CSV of `rows` rows (GC-MS headers, no batch lines), written in blocks; returns its path. */
export function writeLargeLongCsv(dir: string, rows: number, seed = SEED): string {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `results-long-${rows}.csv`);
  const fd = openSync(file, 'w');
  try {
    writeSync(fd, 'Sample Name,Compound,RT,Resp.,Unit,Acq. Method,Instrument,Acq. Date\n');
    let written = 0;
    let round = 0;
    while (written < rows) {
      const world: Sample[] = generateWorld(seed + round, { cases: 2000, quebecShare: 0 });
      const lines: string[] = [];
      for (const s of world) {
        const id = `R${round}-${s.sampleId}`;
        const date = new Date(s.analysedOn * 86400000).toISOString().slice(0, 10);
        for (const p of s.peaks) {
          if (written + lines.length >= rows) break;
          lines.push(`${id},${p.name},${p.area === null ? '' : p.rt.toFixed(3)},${p.area ?? 'nd'},counts,FENT-IMP-v3.m,GCMS-5977B-01,${date}`);
        }
      }
      writeSync(fd, lines.join('\n') + '\n');
      written += lines.length;
      round++;
    }
  } finally {
    closeSync(fd);
  }
  return file;
}

async function cli(): Promise<void> {
  const { values } = parseArgs({ options: { out: { type: 'string' }, large: { type: 'string' }, seed: { type: 'string' } } });
  const seed = values.seed ? Number(values.seed) : SEED;
  const here = path.dirname(fileURLToPath(import.meta.url));
  if (values.large) {
    if (!values.out) throw new Error('--large needs --out <dir> (large files are not committed)');
    console.log(writeLargeLongCsv(values.out, Number(values.large), seed));
    return;
  }
  const out = values.out ?? here;
  await writeSampleSet(out, seed);
  console.log(`sample data written to ${out}`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await cli();
