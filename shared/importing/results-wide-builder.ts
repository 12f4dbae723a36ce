/**
 * Builds a results batch from a wide file (one row per sample, one column per compound), turned long:
 * each compound cell becomes a row with its compound named by the column header. Cells are checked as in
 * long files; a sample on two rows is refused, and so is a file naming one compound in two columns.
 */
import { Table } from 'apache-arrow';
import { FlagColumn, IntColumn, NumberColumn, TextColumn, constantText, type KeepMask } from './column-builders';
import { DeferredDates, sampleIdReader, type BatchBuilder, type BuilderContext } from './batch-builder';
import { alsoOn, duplicateGroups } from './duplicates';
import { isNotDetected, numberHint } from './number-format';
import type { RowView } from './row-source';
import type { MappedColumn } from './column-mapping';

/** Compounds named by two columns (after synonyms): a file-level problem, or null. */
export function repeatedCompoundColumns(columns: MappedColumn[], compoundKey: (raw: string) => string): string | null {
  const seen = new Map<string, string>();
  for (const c of columns) {
    if (c.role !== 'compound') continue;
    const key = compoundKey(c.target ?? c.header);
    const other = seen.get(key);
    if (other !== undefined) return `the columns "${other}" and "${c.header}" name the same compound`;
    seen.set(key, c.header);
  }
  return null;
}

export function resultsWideBuilder(ctx: BuilderContext): BatchBuilder {
  const { map, headers, log } = ctx;
  const col = (f: keyof typeof map.field) => map.field[f] ?? -1;
  const iS = col('sample_id');
  const iU = col('unit');
  const iM = col('method');
  const iI = col('instrument');
  const iD = col('analysed_on');
  const compoundCols = map.columns.filter((c) => c.role === 'compound');
  const sid = sampleIdReader(headers[iS]);
  // Per source row.
  const lines = new IntColumn();
  const sample = new TextColumn();
  const unit = new TextColumn();
  const method = new TextColumn();
  const instrument = new TextColumn();
  const dates = new DeferredDates();
  let days: IntColumn | null = null;
  // Per cell (output row).
  const src = new IntColumn();
  const compound = new TextColumn();
  const area = new NumberColumn();
  const detected = new FlagColumn();
  const ndText = new TextColumn();
  const warnings: string[] = sid.note ? [sid.note] : [];
  const handler = (r: RowView, line: number, row: number) => {
    lines.add(line);
    const s = sid.read(r.text(iS));
    if (s === '') log.add(row, line, iS + 1, headers[iS], '', 'missing sample id');
    sample.add(s === '' ? null : s);
    unit.addFrom(r, iU);
    method.addFrom(r, iM);
    instrument.addFrom(r, iI);
    dates.addFrom(r, iD);
    for (const c of compoundCols) {
      src.add(row);
      compound.add(c.target ?? c.header);
      const a = r.number(c.index);
      if (a === a) {
        if (a < 0) log.add(row, line, c.index + 1, c.header, r.text(c.index), 'negative area');
        else if (a === Infinity) log.add(row, line, c.index + 1, c.header, r.text(c.index), 'area is not a finite number');
        area.add(a);
        detected.add(true);
        ndText.add(null);
        continue;
      }
      const at = r.text(c.index);
      if (isNotDetected(at)) {
        area.add(NaN);
        detected.add(false);
        ndText.add(at);
      } else {
        log.add(row, line, c.index + 1, c.header, at, `area is not a number${numberHint(at, ctx.numberFormat)}`);
        area.add(NaN);
        detected.add(null);
        ndText.add(null);
      }
    }
  };

  const check = (): string[] => {
    log.newPass();
    const n = lines.length;
    const resolved = dates.resolve(ctx.dateOrder, ctx.serialDates, log, (i) => ({ line: lines.data[i], column: iD + 1, header: headers[iD] }), 'analysis date');
    days = resolved.days;
    if (resolved.warning) warnings.push(resolved.warning);
    for (const g of duplicateGroups(sample.indices, n, sample.values.length)) {
      const gl = g.map((i) => lines.data[i]);
      g.forEach((i, j) => log.add(i, gl[j], iS + 1, headers[iS], sample.values[sample.indices[i]], `the same sample twice (${alsoOn(gl, j)})`));
    }
    return warnings;
  };

  /** Source-row values repeated for each of the row's cells. */
  const expand = <T extends IntColumn | TextColumn>(perRow: T, make: () => T, mask: KeepMask | null): T => {
    const out = make();
    const vals = perRow instanceof TextColumn ? perRow.values : null;
    for (let k = 0; k < src.length; k++) {
      if (mask && !mask.keep[k]) continue;
      const r = src.data[k];
      if (out instanceof TextColumn && perRow instanceof TextColumn) out.add(perRow.indices[r] < 0 ? null : vals![perRow.indices[r]]);
      else if (out instanceof IntColumn && perRow instanceof IntColumn) out.add(perRow.data[r] === IntColumn.NULL ? NaN : perRow.data[r]);
    }
    return out;
  };

  return {
    handler,
    rows: () => lines.length,
    check,
    build(batchId, dropRefused) {
      let mask: KeepMask | null = null;
      if (dropRefused && log.badRows > 0) {
        const keep = new Uint8Array(src.length);
        let kept = 0;
        for (let k = 0; k < src.length; k++) {
          if (log.isBad(src.data[k])) continue;
          keep[k] = 1;
          kept++;
        }
        mask = { keep, kept };
      }
      const n = mask ? mask.kept : src.length;
      return new Table({
        batch_id: constantText(batchId, n),
        line: expand(lines, () => new IntColumn(), mask).finish(null),
        sample_id: expand(sample, () => new TextColumn(), mask).finish(null),
        compound_raw: compound.finish(mask),
        area: area.finish(mask),
        detected: detected.finish(mask),
        nd_text: ndText.finish(mask),
        rt_min: nulls(n),
        unit: expand(unit, () => new TextColumn(), mask).finish(null),
        method: expand(method, () => new TextColumn(), mask).finish(null),
        instrument: expand(instrument, () => new TextColumn(), mask).finish(null),
        analysed_on: expand(days ?? new IntColumn(true), () => new IntColumn(true), mask).finish(null),
      });
    },
    keyOf(row) {
      const s = sample.indices[row];
      // A wide row is refused whole: every compound of it is missing for the sample.
      return { sampleId: s >= 0 ? sample.values[s] : null, compound: null };
    },
    sampleIds(dropRefused) {
      const out = new Set<string>();
      for (let i = 0; i < sample.length; i++) if (sample.indices[i] >= 0 && !(dropRefused && log.isBad(i))) out.add(sample.values[sample.indices[i]]);
      return out;
    },
    compounds() {
      return compoundCols.map((c) => c.target ?? c.header);
    },
  };
}

/** A column of n null doubles (wide files have no retention times). */
function nulls(n: number) {
  const c = new NumberColumn();
  for (let i = 0; i < n; i++) c.add(NaN);
  return c.finish(null);
}
