/**
 * Builds a sample-metadata batch: one row per sample, canonical fields typed and checked (seizure date a
 * date, latitude and longitude in range, mass not negative, purity 0–100 %), every other column kept as
 * text under an x_ name. A sample on two rows is refused.
 */
import { Table, type Vector } from 'apache-arrow';
import { IntColumn, NumberColumn, TextColumn, constantText } from './column-builders';
import { DeferredDates, sampleIdReader, sourceMask, type BatchBuilder, type BuilderContext } from './batch-builder';
import { alsoOn, duplicateGroups } from './duplicates';
import { isMissing, numberHint } from './number-format';
import type { RowView } from './row-source';
import type { SampleField } from './header-synonyms';

const TEXT_FIELDS: SampleField[] = ['seizure_id', 'case_id', 'region', 'city', 'form', 'main_drug', 'agency'];

/** Numeric fields with their label and the range they must fall in. */
const NUMBER_FIELDS: { field: SampleField; label: string; min: number; max: number }[] = [
  { field: 'lat', label: 'latitude', min: -90, max: 90 },
  { field: 'lon', label: 'longitude', min: -180, max: 180 },
  { field: 'mass_g', label: 'mass', min: 0, max: Infinity },
  { field: 'purity_pct', label: 'purity', min: 0, max: 100 },
];

export function samplesBuilder(ctx: BuilderContext): BatchBuilder {
  const { map, headers, log } = ctx;
  const iS = map.field.sample_id ?? -1;
  const iD = map.field.seized_on ?? -1;
  const sid = sampleIdReader(headers[iS]);
  const lines = new IntColumn();
  const sample = new TextColumn();
  const texts = TEXT_FIELDS.map((f) => ({ field: f, index: map.field[f] ?? -1, col: new TextColumn() }));
  const numbers = NUMBER_FIELDS.map((n) => ({ ...n, index: map.field[n.field] ?? -1, col: new NumberColumn() }));
  const extras = map.columns.filter((c) => c.role === 'extra').map((c) => ({ index: c.index, name: c.target!, col: new TextColumn() }));
  const dates = new DeferredDates();
  let days: IntColumn | null = null;
  const warnings: string[] = sid.note ? [sid.note] : [];

  const handler = (r: RowView, line: number, row: number) => {
    lines.add(line);
    const s = sid.read(r.text(iS));
    if (s === '') log.add(row, line, iS + 1, headers[iS], '', 'missing sample id');
    sample.add(s === '' ? null : s);
    for (const t of texts) t.col.addFrom(r, t.index);
    for (const n of numbers) {
      const x = n.index < 0 ? NaN : r.number(n.index);
      if (x !== x) {
        const v = n.index < 0 ? '' : r.text(n.index);
        if (!isMissing(v)) log.add(row, line, n.index + 1, headers[n.index], v, `${n.label} is not a number${numberHint(v, ctx.numberFormat)}`);
      } else if (x < n.min || x > n.max) log.add(row, line, n.index + 1, headers[n.index], r.text(n.index), `${n.label} out of range (${n.min} to ${n.max === Infinity ? 'any' : n.max})`);
      n.col.add(x);
    }
    for (const e of extras) e.col.addFrom(r, e.index);
    const d = iD >= 0 ? r.text(iD) : '';
    dates.add(isMissing(d) ? '' : d);
  };

  return {
    handler,
    rows: () => lines.length,
    check() {
      log.newPass();
      const resolved = dates.resolve(ctx.dateOrder, ctx.serialDates, log, (i) => ({ line: lines.data[i], column: iD + 1, header: headers[iD] }), 'seizure date');
      days = resolved.days;
      if (resolved.warning) warnings.push(resolved.warning);
      for (const g of duplicateGroups(sample.indices, lines.length, sample.values.length)) {
        const gl = g.map((i) => lines.data[i]);
        g.forEach((i, j) => log.add(i, gl[j], iS + 1, headers[iS], sample.values[sample.indices[i]], `the same sample twice (${alsoOn(gl, j)})`));
      }
      return warnings;
    },
    build(batchId, dropRefused) {
      const mask = sourceMask(log, lines.length, dropRefused);
      const n = mask ? mask.kept : lines.length;
      const t = (f: SampleField) => texts.find((x) => x.field === f)!.col.finish(mask);
      const num = (f: SampleField) => numbers.find((x) => x.field === f)!.col.finish(mask);
      const cols: Record<string, Vector> = {
        batch_id: constantText(batchId, n),
        line: lines.finish(mask),
        sample_id: sample.finish(mask),
        seizure_id: t('seizure_id'),
        case_id: t('case_id'),
        seized_on: (days ?? new IntColumn(true)).finish(mask),
        region: t('region'),
        city: t('city'),
        lat: num('lat'),
        lon: num('lon'),
        form: t('form'),
        mass_g: num('mass_g'),
        main_drug: t('main_drug'),
        purity_pct: num('purity_pct'),
        agency: t('agency'),
      };
      for (const e of extras) cols[e.name] = e.col.finish(mask);
      return new Table(cols);
    },
    keyOf(row) {
      const s = sample.indices[row];
      return { sampleId: s >= 0 ? sample.values[s] : null, compound: null };
    },
    sampleIds(dropRefused) {
      const out = new Set<string>();
      for (let i = 0; i < sample.length; i++) if (sample.indices[i] >= 0 && !(dropRefused && log.isBad(i))) out.add(sample.values[sample.indices[i]]);
      return out;
    },
    compounds: () => [],
  };
}
