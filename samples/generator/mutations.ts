/**
 * Seeded mutations of the valid and bad sample files, for the import fuzz run (`npm run bench -- fuzz`) and its small
 * sample in the unit tests: truncation, byte flips, NUL runs, re-encodings, huge fields, shuffled and dropped lines,
 * decompression bombs, and malformed XLSX, Parquet and Arrow. The same seed gives the same files on every machine.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { buildIPC, f64Col, utf8Col } from '../../shared/db/arrow-build';
import { Random } from './random';
import { handMadeXlsx, sheetRow, zipBombXlsx } from './xlsx-by-hand';

export interface FuzzFile {
  name: string;
  bytes: Uint8Array;
  /** The base file and the mutation, for the report. */
  from: string;
  mutation: string;
}

type Mutation = (bytes: Uint8Array, r: Random) => Uint8Array;

const enc = new TextEncoder();
const text = (b: Uint8Array) => new TextDecoder().decode(b);

function splice(bytes: Uint8Array, at: number, remove: number, insert: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes.length - remove + insert.length);
  out.set(bytes.subarray(0, at));
  out.set(insert, at);
  out.set(bytes.subarray(at + remove), at + insert.length);
  return out;
}

function utf16(s: string, littleEndian: boolean, bom: boolean): Uint8Array {
  const out = new Uint8Array((s.length + (bom ? 1 : 0)) * 2);
  const view = new DataView(out.buffer);
  let o = 0;
  if (bom) {
    view.setUint16(0, 0xfeff, littleEndian);
    o = 2;
  }
  for (let i = 0; i < s.length; i++) view.setUint16(o + 2 * i, s.charCodeAt(i), littleEndian);
  return out;
}

/** The mutations, by name: each takes the base bytes and the random source. */
export const MUTATIONS: Record<string, Mutation> = {
  truncate: (b, r) => b.subarray(0, r.int(0, Math.max(0, b.length - 1))),
  'truncate-near-end': (b, r) => b.subarray(0, Math.max(0, b.length - r.int(1, 12))),
  'flip-bytes': (b, r) => {
    const out = b.slice();
    for (let k = r.int(1, 12); k > 0 && out.length; k--) out[r.int(0, out.length - 1)] ^= 1 << r.int(0, 7);
    return out;
  },
  'random-bytes': (b, r) => {
    const out = b.slice();
    for (let k = r.int(1, 40); k > 0 && out.length; k--) out[r.int(0, out.length - 1)] = r.int(0, 255);
    return out;
  },
  'nul-run': (b, r) => splice(b, r.int(0, b.length), 0, new Uint8Array(r.int(1, 300))),
  'nul-line-at-end': (b) => splice(b, b.length, 0, new Uint8Array([...new Array(64).fill(0), 10])),
  'utf16le-bom': (b) => utf16(text(b), true, true),
  'utf16be-no-bom': (b) => utf16(text(b), false, false),
  latin1: (b) => Uint8Array.from(text(b), (c) => (c.charCodeAt(0) > 255 ? 63 : c.charCodeAt(0))),
  'invalid-utf8': (b, r) => splice(b, r.int(0, b.length), 0, new Uint8Array([0xc3, 0x28, 0xff, 0xfe])),
  'huge-field': (b, r) => {
    const s = text(b);
    const nl = s.indexOf('\n', r.int(0, Math.max(0, s.length - 1)));
    const at = nl < 0 ? s.length : nl;
    return enc.encode(s.slice(0, at) + 'x'.repeat(r.int(1, 4) * 1024 * 1024) + s.slice(at));
  },
  'long-line-of-delimiters': (b, r) => enc.encode(text(b) + ','.repeat(r.int(1000, 100000)) + '\n'),
  'drop-lines': (b, r) => enc.encode(text(b).split('\n').filter(() => !r.chance(0.2)).join('\n')),
  'shuffle-lines': (b, r) => {
    const lines = text(b).split('\n');
    for (let i = lines.length - 1; i > 0; i--) {
      const j = r.int(0, i);
      [lines[i], lines[j]] = [lines[j], lines[i]];
    }
    return enc.encode(lines.join('\n'));
  },
  'stray-quotes': (b, r) => {
    const s = text(b).split('');
    for (let k = r.int(1, 6); k > 0 && s.length; k--) s.splice(r.int(0, s.length), 0, '"');
    return enc.encode(s.join(''));
  },
  'control-characters': (b, r) => {
    const s = text(b).split('');
    for (let k = r.int(1, 10); k > 0 && s.length; k--) s.splice(r.int(0, s.length), 0, r.pick(['\u001b[31m', '\u202e', '\u0007', '\u0000', '\r', '\u0085']));
    return enc.encode(s.join(''));
  },
  'cr-only': (b) => enc.encode(text(b).replace(/\r?\n/g, '\r')),
  'no-final-newline': (b) => enc.encode(text(b).replace(/\s+$/, '')),
};

/** Mutations that only make sense on text files. */
const TEXT_ONLY = new Set(['utf16le-bom', 'utf16be-no-bom', 'latin1', 'huge-field', 'long-line-of-delimiters', 'drop-lines', 'shuffle-lines', 'stray-quotes', 'control-characters', 'cr-only', 'no-final-newline', 'nul-line-at-end']);

/** Malformed workbooks made whole (not mutated from a base): bombs, broken XML, odd cells. */
function madeWorkbooks(r: Random): FuzzFile[] {
  const row = (i: number) => sheetRow(i, [`FS25-${i}`, r.int(0, 3_000_000), { date: r.int(40_000, 47_000) }]);
  const body = (n: number) => [sheetRow(1, ['Sample ID', 'Fentanyl', 'Analysis Date']), ...Array.from({ length: n }, (_, i) => row(i + 2))].join('');
  const made: [string, Uint8Array][] = [
    ['bomb-honest', zipBombXlsx(r.int(20, 60))],
    ['broken-xml', handMadeXlsx(body(20).replace('</row>', '</rw>'))],
    ['unclosed-sheet', handMadeXlsx(body(20) + '<row r="99">')],
    ['huge-serial', handMadeXlsx(body(5) + sheetRow(50, ['FS25-X', 1, { date: 1e12 }]))],
    ['negative-serial', handMadeXlsx(body(5) + sheetRow(51, ['FS25-Y', 1, { date: -5 }]))],
    ['error-cells', handMadeXlsx(body(5) + sheetRow(52, ['FS25-Z', { error: '#REF!' }, { error: '#VALUE!' }]))],
    ['entities', handMadeXlsx(body(3).replace('FS25-2', 'FS25-&amp;&lt;&#x202E;&#27;'))],
    ['bad-entity', handMadeXlsx(body(3).replace('FS25-2', 'FS25-&nosuch;'))],
    ['far-column', handMadeXlsx(body(3) + '<row r="60"><c r="XFE60"><v>1</v></c></row>')],
    ['sparse-rows', handMadeXlsx(body(3) + sheetRow(1_000_000, ['FS25-last', 5, { date: 45_000 }]))],
    ['no-sheets', handMadeXlsx('').slice()],
  ];
  return made.map(([mutation, bytes]) => ({ name: `made-${mutation}.xlsx`, bytes, from: '(made)', mutation }));
}

/** The base files: every sample and bad file, and the first results file as Parquet and Arrow. */
export function baseFiles(samplesDir: string): { name: string; bytes: Uint8Array }[] {
  const out: { name: string; bytes: Uint8Array }[] = [];
  for (const sub of ['metadata', 'results', 'bad']) {
    for (const name of readdirSync(path.join(samplesDir, sub)).sort()) {
      if (name.endsWith('.json')) continue;
      out.push({ name, bytes: new Uint8Array(readFileSync(path.join(samplesDir, sub, name))) });
    }
  }
  const columns = { sample_id: ['FS25-00001', 'FS25-00002', 'FS25-00003'], compound: ['Fentanyl', '4-ANPP', 'Fentanyl'], area: [2345678, 45210, 1987340] };
  out.push({ name: 'results.parquet', bytes: new Uint8Array(parquetWriteBuffer({ columnData: Object.entries(columns).map(([name, data]) => ({ name, data })) })) });
  out.push({ name: 'results.arrow', bytes: buildIPC({ sample_id: utf8Col(columns.sample_id), compound: utf8Col(columns.compound), area: f64Col(columns.area) }) });
  return out;
}

/** `count` mutated files from the base files, seeded; the made workbooks come first. */
export function fuzzFiles(samplesDir: string, count: number, seed: number): FuzzFile[] {
  const r = new Random(seed);
  const bases = baseFiles(samplesDir);
  const files = madeWorkbooks(r);
  const names = Object.keys(MUTATIONS);
  while (files.length < count) {
    const base = r.pick(bases);
    const isText = /\.(csv|tsv|txt)$/.test(base.name);
    const mutation = r.pick(names.filter((m) => isText || !TEXT_ONLY.has(m)));
    files.push({ name: `${files.length}-${mutation}-${base.name}`, bytes: MUTATIONS[mutation](base.bytes, r), from: base.name, mutation });
  }
  return files.slice(0, count);
}
