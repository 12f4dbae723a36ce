import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runCli } from '../../util/run-cli';
import { snapshotTree, tempDir } from '../../util/temp-dir';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

describe('sigwb vocabulary', () => {
  it('notes the mapping at import, exports the vocabularies, takes an edited copy back, and the samples view uses it', async () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const ws = path.join(t.dir, 'ws');
    await runCli('init', ws);
    writeFileSync(path.join(t.dir, 'm.csv'), 'sample_id,region,form\nS1,QC,poudre\nS2,Ontario,gel\n');
    const imported = await runCli('import', '-w', ws, path.join(t.dir, 'm.csv'));
    expect(imported.code, imported.err).toBe(0);
    expect(imported.out).toContain('  note: region: "QC" read as Quebec (1 row); the value as written is kept in region_raw\n');
    expect(imported.out).toContain('  note: form: "poudre" read as powder (1 row); the value as written is kept in form_raw\n');
    expect(imported.out).toContain('  note: form: "gel" (1 row) is in no vocabulary term: kept as written and flagged');
    expect((await runCli('query', '-w', ws, 'SELECT sample_id, region, form, form_raw FROM samples ORDER BY 1')).out).toBe('sample_id,region,form,form_raw\nS1,Quebec,powder,poudre\nS2,Ontario,gel,gel\n');

    const file = path.join(t.dir, 'v.json');
    expect((await runCli('vocabulary', '-w', ws, '--export', file)).out).toMatch(/^Wrote the vocabularies shipped-2026-11 \(\d+ region, \d+ form, \d+ main_drug terms\) to /);
    const doc = JSON.parse(readFileSync(file, 'utf8'));
    doc.version = 'lab-2026.1';
    doc.fields.form.find((t: { value: string }) => t.value === 'powder').synonyms.push('gel');
    writeFileSync(file, JSON.stringify(doc));
    const r = await runCli('vocabulary', '-w', ws, '--import', file);
    expect(r, r.err).toMatchObject({ code: 0, err: '' });
    expect(r.out).toContain('vocabularies are now lab-2026.1');
    expect(r.out).toContain('form: 1 synonym added');
    expect(r.out).toContain('saved as version V0001 in config/vocabularies-V0001.json');
    expect((await runCli('query', '-w', ws, "SELECT form FROM samples WHERE sample_id = 'S2'")).out).toBe('form\npowder\n');
    expect(readFileSync(path.join(ws, 'audit.jsonl'), 'utf8')).toMatch(/"action":"vocabularies\.save","summary":"Saved config\/vocabularies-V0001\.json .*form: 1 synonym added/);
  });

  it('refuses an invalid edit with where and why, and changes nothing', async () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const ws = path.join(t.dir, 'ws');
    await runCli('init', ws);
    const file = path.join(t.dir, 'v.json');
    await runCli('vocabulary', '-w', ws, '--export', file);
    const doc = JSON.parse(readFileSync(file, 'utf8'));
    doc.fields.form[1].synonyms.push('poudre');
    writeFileSync(file, JSON.stringify(doc));
    const before = snapshotTree(ws);
    const r = await runCli('vocabulary', '-w', ws, '--import', file);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/refused, nothing changed: .*v\.json: fields\.form\.1: "poudre" names both powder and tablet/);
    expect(snapshotTree(ws)).toEqual(before);
    expect((await runCli('vocabulary', '-w', ws, '--export', file)).err).toMatch(/already exists/);
    expect((await runCli('vocabulary', '-w', ws)).code).toBe(2);
  });
});
