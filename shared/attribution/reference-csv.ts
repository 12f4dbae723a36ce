/**
 * The reference file of `sigwb attribute --reference`: CSV (RFC 4180, comma or semicolon) with the columns
 * sample_id, route and optionally source. Every problem is reported as file:line:column so the analyst can go
 * straight to it; all problems are listed (up to 20), not just the first.
 */
import { drugLibrary, drugOfRoute, findRoute, type SignatureLibrary } from './signature-library';

export class ReferenceFileError extends Error {
  override name = 'ReferenceFileError';
  constructor(readonly problems: readonly string[]) {
    super(problems.join('\n'));
  }
}

/** One field with where it was read (1-based line and column). */
export interface Cell {
  readonly text: string;
  readonly line: number;
  readonly column: number;
}

/** Splits CSV text into records of cells with their positions (quoted fields may span lines). O(length). */
export function csvCells(text: string, delimiter: string): Cell[][] {
  const records: Cell[][] = [];
  let record: Cell[] = [];
  let line = 1;
  let column = 1;
  let i = 0;
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  while (i <= body.length) {
    const startLine = line;
    const startColumn = column;
    let value = '';
    if (body[i] === '"') {
      i++;
      column++;
      for (;;) {
        if (i >= body.length) throw new ReferenceFileError([`${startLine}:${startColumn}: a quoted field is not closed`]);
        const ch = body[i];
        if (ch === '"' && body[i + 1] === '"') {
          value += '"';
          i += 2;
          column += 2;
        } else if (ch === '"') {
          i++;
          column++;
          break;
        } else {
          value += ch;
          i++;
          if (ch === '\n') {
            line++;
            column = 1;
          } else column++;
        }
      }
    }
    while (i < body.length && body[i] !== delimiter && body[i] !== '\n' && body[i] !== '\r') {
      value += body[i];
      i++;
      column++;
    }
    record.push({ text: value, line: startLine, column: startColumn });
    if (body[i] === delimiter) {
      i++;
      column++;
      continue;
    }
    if (body[i] === '\r' && body[i + 1] === '\n') i++;
    i++;
    if (!(record.length === 1 && record[0].text.trim() === '')) records.push(record);
    record = [];
    line++;
    column = 1;
  }
  return records;
}

/** A reference row resolved against the library. */
export interface ReferenceRow {
  readonly sampleId: string;
  readonly drug: string;
  /** Route id of the library. */
  readonly route: string;
  readonly source: string | null;
  /** Where it was read, as file:line. */
  readonly where: string;
}

const MAX_PROBLEMS = 20;

/**
 * Parses a reference file and resolves each route (id, name or synonym) in the library, for `drug` when given, else
 * in whichever drug's library names it. Throws ReferenceFileError listing file:line:column problems. O(length).
 */
export function parseReferenceCsv(file: string, text: string, library: SignatureLibrary, drug?: string): ReferenceRow[] {
  const firstLine = text.replace(/^\ufeff/, '').split(/\r?\n/, 1)[0];
  const delimiter = !firstLine.includes(',') && firstLine.includes(';') ? ';' : ',';
  let records: Cell[][];
  try {
    records = csvCells(text, delimiter);
  } catch (e) {
    if (e instanceof ReferenceFileError) throw new ReferenceFileError(e.problems.map((p) => `${file}:${p}`));
    throw e;
  }
  if (records.length === 0) throw new ReferenceFileError([`${file}:1:1: the file is empty; expected a header sample_id,route[,source]`]);
  const header = records[0].map((c) => c.text.trim().toLowerCase());
  const col = (name: string) => header.indexOf(name);
  const problems: string[] = [];
  const at = (c: Cell) => `${file}:${c.line}:${c.column}`;
  for (const name of ['sample_id', 'route']) if (col(name) < 0) problems.push(`${file}:1:1: missing column "${name}" (header: ${header.join(', ')})`);
  if (problems.length > 0) throw new ReferenceFileError(problems);
  const fixed = drug === undefined ? null : drugLibrary(library, drug);
  if (drug !== undefined && fixed === null) throw new ReferenceFileError([`${file}: the signature library has no routes for ${drug}`]);
  const seen = new Map<string, string>();
  const rows: ReferenceRow[] = [];
  for (const rec of records.slice(1)) {
    if (problems.length >= MAX_PROBLEMS) break;
    const cell = (name: string): Cell | null => (col(name) >= 0 && col(name) < rec.length ? rec[col(name)] : null);
    const idCell = cell('sample_id');
    const routeCell = cell('route');
    const sourceCell = cell('source');
    const line = rec[0].line;
    if (rec.length > header.length) {
      problems.push(`${at(rec[header.length])}: ${rec.length} fields but the header has ${header.length}`);
      continue;
    }
    const id = idCell?.text.trim() ?? '';
    if (idCell === null || id === '') {
      problems.push(`${file}:${line}:${idCell?.column ?? 1}: sample_id is empty`);
      continue;
    }
    const previous = seen.get(id);
    if (previous !== undefined) {
      problems.push(`${at(idCell)}: sample ${id} is already listed at ${previous}`);
      continue;
    }
    seen.set(id, `${file}:${line}`);
    const routeName = routeCell?.text.trim() ?? '';
    if (routeCell === null || routeName === '') {
      problems.push(`${file}:${line}:${routeCell?.column ?? 1}: route is empty for sample ${id}`);
      continue;
    }
    const lib = fixed ?? drugOfRoute(library, routeName);
    const route = lib === null ? null : findRoute(lib, routeName);
    if (lib === null || route === null) {
      const known = (fixed ? [fixed] : library.drugs).flatMap((d) => d.routes.map((r) => r.id)).join(', ');
      problems.push(`${at(routeCell)}: route "${routeName}" is not in the signature library${fixed ? ` for ${fixed.drug}` : ''} (known: ${known}); add it to the library first`);
      continue;
    }
    const source = sourceCell?.text.trim() ?? '';
    rows.push({ sampleId: id, drug: lib.drug, route: route.id, source: source === '' ? null : source, where: `${file}:${line}` });
  }
  if (problems.length > 0) throw new ReferenceFileError(problems);
  if (rows.length === 0) throw new ReferenceFileError([`${file}:2:1: no reference samples under the header`]);
  return rows;
}
