import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runCli } from '../../util/run-cli';
import { snapshotTree, tempDir } from '../../util/temp-dir';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

describe('sigwb dictionary', () => {
  it('exports the dictionary, takes an edited copy back, and the views use it', async () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const ws = path.join(t.dir, 'ws');
    await runCli('init', ws);
    writeFileSync(path.join(t.dir, 'r.csv'), 'sample_id,compound,area\nS1,Unknown 14.62,12\nS1,4-ANPP,30\n');
    expect((await runCli('import', '-w', ws, path.join(t.dir, 'r.csv'))).code).toBe(0);
    const before = await runCli('query', '-w', ws, "SELECT compound, role FROM measurements ORDER BY compound");
    expect(before.out).toBe('compound,role\n4-ANPP,precursor\nUnknown 14.62,unassigned\n');

    const file = path.join(t.dir, 'dict.json');
    const exported = await runCli('dictionary', '-w', ws, '--export', file);
    expect(exported.out).toMatch(/^Wrote the compound dictionary default-\S+ \(\d+ compounds\)/);
    const dict = JSON.parse(readFileSync(file, 'utf8'));
    dict.version = 'lab-2026.1';
    dict.compounds.push({ name: 'impurity RT 14.62', cas: null, role: 'impurity', synonyms: ['Unknown 14.62'] });
    writeFileSync(file, JSON.stringify(dict));
    const imported = await runCli('dictionary', '-w', ws, '--import', file);
    expect(imported).toMatchObject({ code: 0, err: '' });
    expect(imported.out).toContain('is now lab-2026.1');
    expect(imported.out).toContain('saved as version V0001 in config/compound-dictionary-V0001.json (copied to config/compound-dictionary.json)');

    const after = await runCli('query', '-w', ws, "SELECT compound, role FROM measurements ORDER BY compound");
    expect(after.out).toBe('compound,role\n4-ANPP,precursor\nimpurity RT 14.62,impurity\n');
    const audit = readFileSync(path.join(ws, 'audit.jsonl'), 'utf8');
    expect(audit).toContain('"action":"dictionary.save"');
  });

  it('refuses an invalid edit with where and why, and changes nothing', async () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const ws = path.join(t.dir, 'ws');
    await runCli('init', ws);
    const file = path.join(t.dir, 'dict.json');
    await runCli('dictionary', '-w', ws, '--export', file);
    const dict = JSON.parse(readFileSync(file, 'utf8'));
    dict.compounds[2].cas = 'not-a-cas';
    writeFileSync(file, JSON.stringify(dict));
    const before = snapshotTree(ws);
    const r = await runCli('dictionary', '-w', ws, '--import', file);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/refused, nothing changed: .*dict\.json: compounds\.2\.cas: CAS number like 437-38-7/);
    writeFileSync(file, '{"format":');
    expect((await runCli('dictionary', '-w', ws, '--import', file)).err).toMatch(/is not valid JSON/);
    expect(snapshotTree(ws)).toEqual(before);
    expect((await runCli('dictionary', '-w', ws, '--export', file)).err).toMatch(/already exists/);
    expect((await runCli('dictionary', '-w', ws)).code).toBe(2);
  });
});
