/**
 * `sigwb calibrate` with Popovic et al.'s population rules R1–R4, end to end through the real import: a seeded
 * workbook of their shape (test/fixtures/profiling/populations.json) written as the CSV files a lab would import, and,
 * where it is present, their own public workbook (not committed: it carries no licence; see docs/PROFILING.md),
 * whose R4 AUC for N^1/4 + Pearson is published as 0.9731269.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from '../../util/run-cli';
import { tempDir } from '../../util/temp-dir';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const FIXTURES = path.resolve(HERE, '..', '..', 'fixtures', 'profiling');
interface AucRow {
  rule: string;
  pretreatment: string;
  score: string;
  linked: number;
  unlinked: number;
  auc: number;
}
const synthetic = JSON.parse(readFileSync(path.join(FIXTURES, 'populations.json'), 'utf8')) as { variables: string[]; lookup: Record<string, string | null>[]; gcms: number[][]; aucs: AucRow[] };
const published = JSON.parse(readFileSync(path.join(FIXTURES, 'popovic-auc.json'), 'utf8')) as { sha256: string; published: AucRow; aucs: AucRow[] };

/** Their workbook, where a copy was put: $SIGWB_POPOVIC_WORKBOOK or test/fixtures/popovic/Profiles.xlsx (git-ignored). */
const WORKBOOK = [process.env.SIGWB_POPOVIC_WORKBOOK, path.resolve(HERE, '..', '..', 'fixtures', 'popovic', 'Profiles.xlsx')].find((f): f is string => !!f && existsSync(f));

const ALL = 'x_group,x_prir,x_pre,x_prer';
const RULES: Record<string, string[]> = {
  R1: ['--linked-by', 'x_group', '--unlinked-by', 'x_group'],
  R2: ['--linked-by', 'x_group', '--linked-group-size', '2-10', '--unlinked-by', 'x_group', '--unlinked-singletons'],
  R3: ['--linked-by', ALL, '--unlinked-by', ALL],
  R4: ['--linked-by', ALL, '--linked-group-size', '2-10', '--unlinked-by', ALL],
};

let tmp: ReturnType<typeof tempDir>;

/** Calibrates under a rule and returns the saved record (through --out). */
async function calibrate(ws: string, rule: string, name: string): Promise<{ out: string; record: { warnings: string[]; inputs: { pairs: { linked: number; unlinked: number } }; combinations: { pretreatment: string; score: string; auc: number }[] } }> {
  const file = path.join(tmp.dir, `${name}-${rule}.json`);
  const r = await runCli('calibrate', '-w', ws, '--exclude-compounds', 'V04', ...RULES[rule], '--out', file);
  expect(r.code, r.err).toBe(0);
  return { out: r.out, record: JSON.parse(readFileSync(file, 'utf8')) };
}

function expectAucs(record: Awaited<ReturnType<typeof calibrate>>['record'], rows: AucRow[], tolerance: number): void {
  for (const row of rows) {
    const c = record.combinations.find((k) => k.pretreatment === row.pretreatment && k.score === row.score);
    expect(c, `${row.rule} ${row.pretreatment} ${row.score}`).toBeDefined();
    expect(Math.abs((c?.auc ?? NaN) - row.auc), `${row.rule} ${row.pretreatment} ${row.score}: ${c?.auc} vs ${row.auc}`).toBeLessThan(tolerance);
    expect(record.inputs.pairs).toMatchObject({ linked: row.linked, unlinked: row.unlinked });
  }
}

let ws: string;
beforeAll(async () => {
  tmp = tempDir();
  ws = path.join(tmp.dir, 'ws');
  expect((await runCli('init', ws)).code).toBe(0);
  // Region tells the import this is sample metadata, as their workbook's Lookup sheet does.
  const meta = ['Specimen,Region,Group,PriR,Pre,PreR', ...synthetic.lookup.map((r) => [r.Specimen, 'VIC', r.Group, r.PriR ?? '', r.Pre ?? '', r.PreR ?? ''].join(','))].join('\n');
  const gcms = ['Specimen,' + synthetic.variables.join(','), ...synthetic.gcms.map((row, i) => [synthetic.lookup[i].Specimen, ...row].join(','))].join('\n');
  writeFileSync(path.join(tmp.dir, 'lookup.csv'), meta + '\n');
  writeFileSync(path.join(tmp.dir, 'gcms.csv'), gcms + '\n');
  for (const f of ['lookup.csv', 'gcms.csv']) {
    const r = await runCli('import', '-w', ws, path.join(tmp.dir, f));
    expect(r.code, r.err).toBe(0);
  }
});
afterAll(() => tmp.cleanup());

describe('sigwb calibrate with population rules', () => {
  for (const rule of ['R1', 'R2', 'R3', 'R4']) {
    it(`${rule}: the pairs and AUCs of the reference implementation, V04 left out`, async () => {
      const { out, record } = await calibrate(ws, rule, 'synthetic');
      expectAucs(record, synthetic.aucs.filter((r) => r.rule === rule), 1e-9);
      expect(out).toMatch(/\(roles impurity, precursor, unassigned; without V04\)/);
    });
  }

  it('states the rule in words, and warns (not refuses) on a thin population', async () => {
    const { out, record } = await calibrate(ws, 'R2', 'words');
    expect(out).toMatch(/^Pairs: 218 linked \(same x_group \(groups of 2–10 samples by x_group\)\), 66 unlinked \(different x_group; only samples alone in their x_group\)/m);
    expect(record.warnings).toEqual([]);
    const file = path.join(tmp.dir, 'thin.json');
    const thin = await runCli('calibrate', '-w', ws, '--linked-by', ALL, '--linked-group-size', '3-3', '--unlinked-by', ALL, '--out', file);
    expect(thin.code, thin.err).toBe(0);
    expect(thin.out).toMatch(/^Pairs: 3 linked \(same x_group, x_prir, x_pre, x_prer \(groups of 3 samples by x_group\)\), 2,209 unlinked/m);
    expect(thin.out).toMatch(/^Warning: Thin population: only 3 linked pairs \(same x_group, x_prir, x_pre, x_prer \(groups of 3 samples by x_group\)\); below 20/m);
    expect((JSON.parse(readFileSync(file, 'utf8')) as { warnings: string[] }).warnings).toHaveLength(1);
  });

  it('names compounds by list, any case, or refuses names it does not know', async () => {
    const listed = await runCli('calibrate', '-w', ws, ...RULES.R1, '--compounds', 'v01,V02,V03');
    expect(listed.code, listed.err).toBe(0);
    expect(listed.out).toMatch(/^Calibration on 164 samples, 3 compounds \(listed compounds\)/);
    const unknown = await runCli('calibrate', '-w', ws, ...RULES.R1, '--exclude-compounds', 'V04,V99');
    expect(unknown).toMatchObject({ code: 1, out: '' });
    expect(unknown.err).toMatch(/^sigwb calibrate: --exclude-compounds: unknown compound "V99"; the workspace has measurements of V01, V02, /);
  });

  it('refuses malformed rules as usage errors (exit 2) and unknown columns (exit 1), saving nothing', async () => {
    const usage = async (...args: string[]) => {
      const r = await runCli('calibrate', '-w', ws, ...args);
      expect(r.code, args.join(' ')).toBe(2);
      return r.err;
    };
    expect(await usage('--linked-group-size', '1-10')).toMatch(/--linked-group-size is MIN-MAX samples per group, e\.g\. 2-10/);
    expect(await usage('--linked-group-size', '10-2')).toMatch(/2 ≤ MIN ≤ MAX/);
    expect(await usage('--linked-group-size', 'ten')).toMatch(/MIN-MAX/);
    expect(await usage('--linked-by', 'x_group,,x_pre')).toMatch(/--linked-by "x_group,,x_pre" has an empty name between commas/);
    expect(await usage('--unlinked-by', 'x_pre,x_pre')).toMatch(/--unlinked-by names "x_pre" twice/);
    expect(await usage('--linked-by', 'a,b,c,d,e,f,g,h,i')).toMatch(/at most 8/);
    expect(await usage('--roles', 'impurity', '--compounds', 'V01')).toMatch(/give --roles or --compounds, not both/);
    const col = await runCli('calibrate', '-w', ws, '--linked-by', 'x_group,x_route');
    expect(col.code).toBe(1);
    expect(col.err).toMatch(/the samples view has no column "x_route"/);
  });

  it.skipIf(WORKBOOK === undefined)('their public workbook: R1–R4 as their R code computes them, and R4 N^1/4 + Pearson = 0.9731269 as published', async () => {
    const file = WORKBOOK as string;
    expect(createHash('sha256').update(readFileSync(file)).digest('hex')).toBe(published.sha256);
    const pw = path.join(tmp.dir, 'popovic');
    expect((await runCli('init', pw)).code).toBe(0);
    for (const sheet of ['Lookup', 'GCMS']) expect((await runCli('import', '-w', pw, '--sheet', sheet, file)).code).toBe(0);
    for (const rule of ['R1', 'R2', 'R3', 'R4']) {
      const { record } = await calibrate(pw, rule, 'popovic');
      expectAucs(record, published.aucs.filter((r) => r.rule === rule), 1e-6);
      if (rule === 'R4') {
        const p = published.published;
        expect(Math.abs((record.combinations.find((c) => c.pretreatment === p.pretreatment && c.score === p.score)?.auc ?? NaN) - p.auc)).toBeLessThan(1e-6);
        expect(record.warnings[0]).toMatch(/^Thin population: only 13 linked pairs/);
      }
    }
    // Four calibrations of 35 combinations on up to 93,961 pairs: about a minute alone, more on a shared machine.
  }, 600_000);
});
