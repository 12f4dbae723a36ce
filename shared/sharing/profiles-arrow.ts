/**
 * The profiles table of an exchange package and of a received or pulled source, as an Arrow IPC file: one row per
 * sample, the fact columns (`lab`, `sample_id`, `class_id`, `drug`, `seized_on` as YYYY-MM-DD text, `region`,
 * `port_of_entry`, and `agency`, `case_id`, `seizure_id` only when they were allowed out), then one float64 column per
 * compound, named by the compound, holding the pretreated value, then one `n:<compound>` column per compound holding
 * its relative area (N: the area over the sample's sum of target areas, 0 when not detected), from which a receiver
 * whose calibration chose another N-based pretreatment derives its own (external-sources.ts), and, when the package
 * carries its detection part (detection-part.ts), one uint8 `detected:<compound>` column per compound and the sample's
 * `detection_limit`. Plain columns on purpose: a partner reads it with any
 * Arrow reader (docs/SHARING.md has the DuckDB query). Built without apache-arrow's code-generating builders
 * (shared/db/arrow-build.ts).
 */
import { Float64, makeData, makeVector, Precision, Table, tableFromIPC, tableToIPC, Type, Uint8, type Float, type Int, type Vector } from 'apache-arrow';
import { int32Vector, utf8Vector } from '../db/arrow-build';
import { checkDetection, detectedColumn, LIMIT_COLUMN, type DetectionFlags } from './detection-part';
import { FACT_COLUMNS, type FactColumn } from './shared-profiles';

/** Columns every profiles table has; the rest of FACT_COLUMNS are optional (redaction). */
export const REQUIRED_COLUMNS = ['lab', 'sample_id', 'class_id', 'drug', 'seized_on', 'region', 'port_of_entry'] as const;

/** Profiles in columns, as read from or written to Arrow. Missing optional columns are null throughout. */
export interface ProfileColumns {
  n: number;
  lab: (string | null)[];
  facts: Record<Exclude<FactColumn, 'class_id'>, (string | null)[] | null> & { class_id: (number | null)[] };
  compounds: string[];
  /** n × compounds, row-major. */
  values: Float64Array;
  /** Relative areas (N), n × compounds, row-major; null when the table has none. */
  relative: Float64Array | null;
  /** Detection flags and limits (detection-part.ts), when written or asked for; null otherwise. */
  detection?: DetectionFlags | null;
}

/** The column of a compound's relative area. */
export const relativeColumn = (compound: string): string => `n:${compound}`;

export class ProfilesFormatError extends Error {
  override name = 'ProfilesFormatError';
}

/** Arrow IPC file bytes of profiles. O(n × compounds). */
export function profilesToArrow(p: ProfileColumns): Uint8Array {
  const clash = p.compounds.find((c) => c === 'lab' || (FACT_COLUMNS as readonly string[]).includes(c) || (p.detection && c === LIMIT_COLUMN));
  if (clash) throw new ProfilesFormatError(`a compound is named "${clash}", like a fact column; rename it in the dictionary before sharing`);
  const cols: Record<string, Vector> = { lab: utf8Vector(p.lab) };
  for (const name of FACT_COLUMNS) {
    if (name === 'class_id') cols.class_id = int32Vector(p.facts.class_id);
    else if (p.facts[name] !== null) cols[name] = utf8Vector(p.facts[name]!);
  }
  const k = p.compounds.length;
  p.compounds.forEach((c, j) => {
    const data = new Float64Array(p.n);
    for (let i = 0; i < p.n; i++) data[i] = p.values[i * k + j];
    cols[c] = makeVector(makeData({ type: new Float64(), length: p.n, data }));
  });
  if (p.relative) {
    const rel = p.relative;
    p.compounds.forEach((c, j) => {
      const data = new Float64Array(p.n);
      for (let i = 0; i < p.n; i++) data[i] = rel[i * k + j];
      cols[relativeColumn(c)] = makeVector(makeData({ type: new Float64(), length: p.n, data }));
    });
  }
  if (p.detection) {
    if (!p.relative) throw new ProfilesFormatError('detection flags go with relative areas, which these profiles lack');
    const { detected, limits } = p.detection;
    p.compounds.forEach((c, j) => {
      const data = new Uint8Array(p.n);
      for (let i = 0; i < p.n; i++) data[i] = detected[i * k + j];
      cols[detectedColumn(c)] = makeVector(makeData({ type: new Uint8(), length: p.n, data }));
    });
    cols[LIMIT_COLUMN] = makeVector(makeData({ type: new Float64(), length: p.n, data: Float64Array.from(limits) }));
  }
  return tableToIPC(new Table(cols), 'file');
}

function strings(t: Table, name: string): (string | null)[] | null {
  const col = t.getChild(name);
  if (!col) return null;
  const out = new Array<string | null>(t.numRows);
  for (let i = 0; i < out.length; i++) out[i] = (col.get(i) as string | null) ?? null;
  return out;
}

/**
 * Reads a profiles table; `compounds` names the signature columns in the order wanted (a partner's may stand in
 * another order, or hold more compounds). `values` is empty when the table lacks some of those pretreated columns but
 * has their relative areas. With `detection`, the detection flags and limits are read too and checked against the
 * relative areas (detection-part.ts checkDetection). Throws ProfilesFormatError naming `where`, and the column, or the
 * sample and compound, at fault.
 */
export function profilesFromArrow(bytes: Uint8Array, compounds: readonly string[], where: string, options: { detection?: boolean } = {}): ProfileColumns {
  let t: Table;
  try {
    t = tableFromIPC(bytes);
  } catch (e) {
    throw new ProfilesFormatError(`${where}: not an Arrow IPC file (${(e as Error).message})`);
  }
  const n = t.numRows;
  for (const c of REQUIRED_COLUMNS) if (!t.getChild(c)) throw new ProfilesFormatError(`${where}: no column ${c}`);
  const classCol = t.getChild('class_id')!;
  const class_id = Array.from({ length: n }, (_, i) => {
    const v = classCol.get(i) as number | null;
    return v === null || v === undefined ? null : Number(v);
  });
  const matrix = (name: (c: string) => string, what: string): Float64Array => {
    const out = new Float64Array(n * compounds.length);
    compounds.forEach((c, j) => {
      const col = t.getChild(name(c));
      const type = col?.type as Float | undefined;
      if (!col || type?.typeId !== Type.Float || type.precision !== Precision.DOUBLE) throw new ProfilesFormatError(`${where}: no float64 column for the ${what} of compound "${c}"`);
      const data = col.toArray() as Float64Array;
      for (let i = 0; i < n; i++) {
        const v = data[i];
        if (!Number.isFinite(v)) throw new ProfilesFormatError(`${where}: row ${i + 1}, ${what} of compound "${c}": ${v} is not a finite number`);
        out[i * compounds.length + j] = v;
      }
    });
    return out;
  };
  const hasPretreated = compounds.every((c) => t.getChild(c));
  const hasRelative = compounds.every((c) => t.getChild(relativeColumn(c)));
  if (!hasPretreated && !hasRelative) matrix((c) => c, 'pretreated value');
  const values = hasPretreated ? matrix((c) => c, 'pretreated value') : new Float64Array(0);
  const relative = hasRelative ? matrix(relativeColumn, 'relative area') : null;
  const get = (name: FactColumn): (string | null)[] | null => strings(t, name);
  const sampleIds = get('sample_id')!;
  let detection: DetectionFlags | null = null;
  if (options.detection) {
    if (!relative) throw new ProfilesFormatError(`${where}: detection flags are declared but the relative areas they go with are missing`);
    const detected = new Uint8Array(n * compounds.length);
    compounds.forEach((c, j) => {
      const col = t.getChild(detectedColumn(c));
      if (!col || col.type.typeId !== Type.Int || (col.type as Int).bitWidth !== 8 || (col.type as Int).isSigned) throw new ProfilesFormatError(`${where}: no uint8 column ${detectedColumn(c)}: the detection flags of compound "${c}" are missing`);
      for (let i = 0; i < n; i++) {
        const v = col.get(i) as number | null;
        // A null flag is neither 0 nor 1: checkDetection names it.
        detected[i * compounds.length + j] = v === null ? 255 : v;
      }
    });
    const lim = t.getChild(LIMIT_COLUMN);
    const limType = lim?.type as Float | undefined;
    if (!lim || limType?.typeId !== Type.Float || limType.precision !== Precision.DOUBLE) throw new ProfilesFormatError(`${where}: no float64 column ${LIMIT_COLUMN}: the samples' detection limits are missing`);
    const limits = Float64Array.from({ length: n }, (_, i) => (lim.get(i) as number | null) ?? NaN);
    detection = { detected, limits };
    const whole = t.schema.fields.filter((f) => f.name.startsWith('detected:')).length === compounds.length;
    checkDetection(detection, relative, sampleIds, compounds, where, (message) => new ProfilesFormatError(message), whole);
  }
  return {
    n,
    lab: strings(t, 'lab')!,
    facts: { sample_id: sampleIds, class_id, drug: get('drug'), seized_on: get('seized_on'), region: get('region'), port_of_entry: get('port_of_entry'), agency: get('agency'), case_id: get('case_id'), seizure_id: get('seizure_id') },
    compounds: [...compounds],
    values,
    relative,
    detection,
  };
}
