/**
 * Class runs of schema 4 carried class ids over by the earlier rule, the Jaccard index over every member of the new
 * class (new samples counted: shared/profiling/class-ids.ts). They read as made by that rule, their ids are read as
 * saved, and the reports made from them still verify. The fixture test/fixtures/workspaces/class-run-schema-4/ was
 * made with the workbench of 2026-12-02 at 2f0e4d4: `sigwb init`, `sigwb import` of samples/metadata/lims-seizures.csv,
 * samples/metadata/quebec-saisies.csv and samples/results/gcms-impurities.csv, `sigwb calibrate`, `sigwb cluster
 * --graph` (R0001), `sigwb import` of samples/results/gcms-impurities-quebec.tsv, `sigwb cluster --graph` (R0002,
 * extending R0001: class 8 of 5 samples joined by 16 new ones became class 9, 8 retired) and `sigwb report --classes
 * 1,9 --out report-classes.html` (its engine/ cache folder left out).
 */
import { describe, expect, it } from 'vitest';
import { cpSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { classRunDataFromArrow, readClassRunRecord } from '../../../shared/analysis/class-run-record';
import { runCli } from '../../util/run-cli';
import { tempDir } from '../../util/temp-dir';
import { savedWorkspace } from './saved-workspace';

const SAVED = savedWorkspace('class-run-schema-4');

describe('class runs of schema 4, with ids carried over by the earlier rule', () => {
  it('read as made by that rule, with their ids, retired ids and Jaccard indices as saved', () => {
    const raw = SAVED.json('class-run-R0002.json') as { schema_version: number; classes: { class_id: number; previous_class_id: number | null; jaccard: number }[]; retired_class_ids: number[] };
    expect(raw.schema_version).toBe(4);
    const run = readClassRunRecord(raw);
    expect(run.settings.class_id_rule).toBe('jaccard-all-members');
    expect(run.classes).toEqual(raw.classes);
    expect(run.retired_class_ids).toEqual(raw.retired_class_ids);
    const data = classRunDataFromArrow(readFileSync(path.join(SAVED.dir, 'workspace', 'classes', 'R0002.arrow')));
    const earlier = classRunDataFromArrow(readFileSync(path.join(SAVED.dir, 'workspace', 'classes', 'R0001.arrow')));
    const before = new Map(earlier.sampleIds.map((s, i) => [s, earlier.classIds[i]]));
    // The retired class's members are all in one class under a new id: the earlier rule counted the new samples.
    for (const id of run.retired_class_ids) {
      const now = new Set(data.sampleIds.filter((s) => before.get(s) === id).map((s) => data.classIds[data.sampleIds.indexOf(s)]));
      expect(now.size).toBe(1);
      const [to] = now;
      expect(run.classes.find((c) => c.class_id === to)?.previous_class_id).toBeNull();
    }
  });

  it('its class report verifies; a new run after it carries ids by the samples both runs hold, and its report verifies', async () => {
    const t = tempDir();
    try {
      cpSync(SAVED.dir, t.dir, { recursive: true });
      const ws = path.join(t.dir, 'workspace');
      const old = await runCli('verify', path.join(t.dir, 'report-classes.html'), '-w', ws);
      expect(old.err).toBe('');
      expect(old.out).toMatch(/^Reproduced exactly/);
      expect(readFileSync(path.join(t.dir, 'report-classes.html'), 'utf8')).toMatch(/the same class as class 1 of run R0001 \(Jaccard 0\.82\)/);
      const run = await runCli('cluster', '-w', ws, '--graph', '--out', path.join(t.dir, 'classes.csv'));
      expect(run.code, run.err).toBe(0);
      const r3 = readClassRunRecord(JSON.parse(readFileSync(path.join(ws, 'config', 'class-run-R0003.json'), 'utf8')));
      expect(r3.settings.class_id_rule).toBe('jaccard-shared-samples');
      const r2 = readClassRunRecord(SAVED.json('class-run-R0002.json'));
      // The same samples, the same classes: every id of R0002 is kept, each class whole (Jaccard 1).
      expect(r3.classes.map((c) => [c.class_id, c.size, c.previous_class_id, c.jaccard])).toEqual(r2.classes.map((c) => [c.class_id, c.size, c.class_id, 1]));
      const file = path.join(t.dir, 'new.html');
      const made = await runCli('report', '-w', ws, '--classes', '1', '--out', file);
      expect(made.code, made.err).toBe(0);
      expect(readFileSync(file, 'utf8')).toMatch(/the same class as class 1 of run R0002 \(Jaccard 1\.00 on the samples both runs hold\)/);
      expect((await runCli('verify', file, '-w', ws)).out).toMatch(/^Reproduced exactly/);
      expect((await runCli('verify', path.join(t.dir, 'report-classes.html'), '-w', ws)).out).toMatch(/^Reproduced exactly/);
    } finally {
      t.cleanup();
    }
  }, 180_000);
});
