/** The committed sample data: the generator reproduces it, and it imports in manifest order into sensible views. */
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { writeSampleSet } from '../../../samples/generate';
import { tempDir } from '../../util/temp-dir';
import { SAMPLES_DIR, expectStatus, sampleFile, testWorkspace } from './harness';

const manifest = JSON.parse(readFileSync(path.join(SAMPLES_DIR, 'manifest.json'), 'utf8')) as { files: { file: string; kind: string }[]; samples: number; without_metadata: string[] };

function files(dir: string, base = dir): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = path.join(dir, n);
    return statSync(p).isDirectory() ? files(p, base) : [path.relative(base, p)];
  });
}

describe('samples/', () => {
  it('is what samples/generate.ts writes (same seed, same bytes)', async () => {
    const t = tempDir('sigwb-samples-');
    try {
      await writeSampleSet(t.dir);
      const made = files(t.dir).sort();
      // The generator's sources, docs and its room's tsconfig.json are not sample data.
      expect(made).toEqual(files(SAMPLES_DIR).filter((f) => !f.endsWith('.ts') && !f.endsWith('.md') && f !== 'tsconfig.json').sort());
      for (const f of made) {
        expect(readFileSync(path.join(t.dir, f)).equals(readFileSync(path.join(SAMPLES_DIR, f))), `${f} differs: run node bin/run-ts.mjs samples/generate.ts`).toBe(true);
      }
    } finally {
      t.cleanup();
    }
  });

  it('stays small enough to commit', () => {
    const total = files(SAMPLES_DIR).reduce((s, f) => s + statSync(path.join(SAMPLES_DIR, f)).size, 0);
    expect(total).toBeLessThan(2 * 1024 * 1024);
  });

  it('imports in manifest order: every sample joined to its metadata but the ones sent without forms', async () => {
    const t = await testWorkspace();
    for (const f of manifest.files) {
      const o = expectStatus(await t.importBytes(path.basename(f.file), sampleFile(f.file)), 'imported');
      expect(o.kind, f.file).toBe(f.kind);
      expect(o.batch.rows_quarantined).toBe(0);
    }
    const [counts] = await t.rows('SELECT count(*)::INT AS n, count(*) FILTER (WHERE has_metadata)::INT AS meta, count(*) FILTER (WHERE has_results)::INT AS results FROM samples');
    expect(counts).toEqual({ n: manifest.samples, meta: manifest.samples - manifest.without_metadata.length, results: manifest.samples });
    expect((await t.rows('SELECT sample_id FROM samples WHERE NOT has_metadata ORDER BY 1')).map((r) => r.sample_id)).toEqual([...manifest.without_metadata].sort());
    // The Québec file writes its province and forms in French; the vocabularies read them as the terms, keeping the text.
    expect(await t.rows("SELECT DISTINCT city, region FROM samples WHERE region_raw = 'Québec' AND city LIKE 'Montr%'")).toEqual([{ city: 'Montréal', region: 'Quebec' }]);
    expect(await t.rows("SELECT form, string_agg(DISTINCT form_raw, ',' ORDER BY form_raw) AS written FROM samples WHERE form IS NOT NULL GROUP BY form ORDER BY form")).toEqual([
      { form: 'liquid', written: 'liquid,liquide' },
      { form: 'powder', written: 'poudre,powder' },
      { form: 'rock', written: 'rock' },
      { form: 'tablet', written: 'comprimé,tablet' },
    ]);
    expect(await t.rows('SELECT * FROM vocabulary_values WHERE canonical IS NULL')).toEqual([]);
    expect(await t.rows("SELECT compound FROM compounds WHERE role = 'unassigned'")).toEqual([{ compound: 'Unknown 14.62' }]);
    // Every sample has fentanyl and the internal standard, and one adulterant screen row per cut compound.
    const [m] = await t.rows("SELECT count(DISTINCT sample_id) FILTER (WHERE compound = 'fentanyl' AND detected)::INT AS fent, count(*) FILTER (WHERE role = 'internal_standard')::INT AS istd FROM measurements");
    expect(m).toEqual({ fent: manifest.samples, istd: manifest.samples });
  });

  it('makes scientific sense: samples of one seizure are closer than samples of different routes', async () => {
    const truth = readFileSync(path.join(SAMPLES_DIR, 'truth.csv'), 'utf8').trim().split(/\r?\n/).slice(1).map((l) => l.split(','));
    expect(new Set(truth.map((r) => r[4]))).toEqual(new Set(['Janssen', 'Siegfried', 'Gupta']));
    const t = await testWorkspace();
    expectStatus(await t.importBytes('gcms-impurities.csv', sampleFile('results/gcms-impurities.csv')), 'imported');
    const route = new Map(truth.map((r) => [r[0], r[4]]));
    const rows = await t.rows("SELECT sample_id, sum(area) FILTER (WHERE compound = 'benzylfentanyl') AS bf, sum(area) FILTER (WHERE compound = 'fentanyl') AS f FROM measurements GROUP BY 1");
    const janssenShare = (r: string) => {
      const of = rows.filter((x) => route.get(x.sample_id as string) === r);
      return of.filter((x) => x.bf !== null).length / of.length;
    };
    expect(janssenShare('Janssen')).toBeGreaterThan(0.8);
    expect(janssenShare('Siegfried')).toBe(0);
  });
});
