/**
 * Builds a results batch from a long file (one row per sample and compound) and checks each row: sample
 * id and compound present, area a non-negative number or a not-detected token, retention time a number,
 * analysis date a date, and no sample and compound twice. O(rows) plus one sort for the duplicates.
 */
import { Table } from 'apache-arrow';
import { FlagColumn, IntColumn, NumberColumn, TextColumn, constantText } from './column-builders';
import { DeferredDates, sampleIdReader, sourceMask, type BatchBuilder, type BuilderContext } from './batch-builder';
import { alsoOn, duplicateGroups } from './duplicates';
import { isNotDetected, numberHint } from './number-format';
import type { RowView } from './row-source';

export function resultsLongBuilder(ctx: BuilderContext): BatchBuilder {
  const { map, headers, log } = ctx;
  const col = (f: keyof typeof map.field) => map.field[f] ?? -1;
  const iS = col('sample_id');
  const iC = col('compound');
  const iA = col('area');
  const iR = col('rt_min');
  const iU = col('unit');
  const iM = col('method');
  const iI = col('instrument');
  const iD = col('analysed_on');
  const sid = sampleIdReader(headers[iS]);
  const lines = new IntColumn();
  const sample = new TextColumn();
  const compound = new TextColumn();
  const area = new NumberColumn();
  const detected = new FlagColumn();
  const ndText = new TextColumn();
  const rt = new NumberColumn();
  const unit = new TextColumn();
  const method = new TextColumn();
  const instrument = new TextColumn();
  const dates = new DeferredDates();
  let days: IntColumn | null = null;
  const warnings: string[] = sid.note ? [sid.note] : [];

  const handler = (r: RowView, line: number, row: number) => {
    lines.add(line);
    if (sid.note) {
      const s = sid.read(r.text(iS));
      if (s === '') log.add(row, line, iS + 1, headers[iS], '', 'missing sample id');
      sample.add(s === '' ? null : s);
    } else if (sample.addFrom(r, iS) < 0) log.add(row, line, iS + 1, headers[iS], '', 'missing sample id');
    if (compound.addFrom(r, iC) < 0) log.add(row, line, iC + 1, headers[iC], '', 'missing compound');
    const a = r.number(iA);
    if (a === a) {
      if (a < 0) log.add(row, line, iA + 1, headers[iA], r.text(iA), 'negative area');
      else if (a === Infinity) log.add(row, line, iA + 1, headers[iA], r.text(iA), 'area is not a finite number');
      area.add(a);
      detected.add(true);
      ndText.add(null);
    } else {
      const at = r.text(iA);
      if (isNotDetected(at)) {
        area.add(NaN);
        detected.add(false);
        ndText.add(at);
      } else {
        log.add(row, line, iA + 1, headers[iA], at, `area is not a number${numberHint(at, ctx.numberFormat)}`);
        area.add(NaN);
        detected.add(null);
        ndText.add(null);
      }
    }
    if (iR >= 0 && !r.empty(iR)) {
      const x = r.number(iR);
      if (x !== x) {
        const t = r.text(iR);
        if (!isNotDetected(t)) log.add(row, line, iR + 1, headers[iR], t, `retention time is not a number${numberHint(t, ctx.numberFormat)}`);
      } else if (x < 0) log.add(row, line, iR + 1, headers[iR], r.text(iR), 'negative retention time');
      rt.add(x);
    } else rt.add(NaN);
    unit.addFrom(r, iU);
    method.addFrom(r, iM);
    instrument.addFrom(r, iI);
    dates.addFrom(r, iD);
  };

  const check = (): string[] => {
    log.newPass();
    const n = lines.length;
    const resolved = dates.resolve(ctx.dateOrder, ctx.serialDates, log, (i) => ({ line: lines.data[i], column: iD + 1, header: headers[iD] }), 'analysis date');
    days = resolved.days;
    if (resolved.warning) warnings.push(resolved.warning);
    // Duplicates: the same sample and the same compound (synonyms of one compound count as the same).
    const keyIds = new Map<string, number>();
    const ckey = compound.values.map((v) => {
      const k = ctx.compoundKey(v);
      let id = keyIds.get(k);
      if (id === undefined) keyIds.set(k, (id = keyIds.size));
      return id;
    });
    const k = Math.max(1, keyIds.size);
    const keys = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const s = sample.indices[i];
      const c = compound.indices[i];
      keys[i] = s < 0 || c < 0 ? -1 : s * k + ckey[c];
    }
    for (const g of duplicateGroups(keys, n, sample.values.length * k)) {
      const gl = g.map((i) => lines.data[i]);
      g.forEach((i, j) => log.add(i, gl[j], iC + 1, headers[iC], compound.values[compound.indices[i]], `the same sample and compound twice (${alsoOn(gl, j)})`));
    }
    return warnings;
  };

  return {
    handler,
    rows: () => lines.length,
    check,
    build(batchId, dropRefused) {
      const mask = sourceMask(log, lines.length, dropRefused);
      const n = mask ? mask.kept : lines.length;
      return new Table({
        batch_id: constantText(batchId, n),
        line: lines.finish(mask),
        sample_id: sample.finish(mask),
        compound_raw: compound.finish(mask),
        area: area.finish(mask),
        detected: detected.finish(mask),
        nd_text: ndText.finish(mask),
        rt_min: rt.finish(mask),
        unit: unit.finish(mask),
        method: method.finish(mask),
        instrument: instrument.finish(mask),
        analysed_on: (days ?? new IntColumn(true)).finish(mask),
      });
    },
    keyOf(row) {
      const s = sample.indices[row];
      const c = compound.indices[row];
      return { sampleId: s >= 0 ? sample.values[s] : null, compound: c >= 0 ? compound.values[c] : null };
    },
    sampleIds(dropRefused) {
      const out = new Set<string>();
      for (let i = 0; i < sample.length; i++) if (sample.indices[i] >= 0 && !(dropRefused && log.isBad(i))) out.add(sample.values[sample.indices[i]]);
      return out;
    },
    compounds(dropRefused) {
      const seen = new Uint8Array(compound.values.length);
      for (let i = 0; i < compound.length; i++) if (compound.indices[i] >= 0 && !(dropRefused && log.isBad(i))) seen[compound.indices[i]] = 1;
      return compound.values.filter((_, i) => seen[i]);
    },
  };
}
