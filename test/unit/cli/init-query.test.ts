import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runCli } from '../../util/run-cli';
import { snapshotTree, tempDir } from '../../util/temp-dir';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));
function folder() {
  const t = tempDir();
  cleanups.push(t.cleanup);
  return t.dir;
}

describe('sigwb init and query', () => {
  it('creates a workspace whose views answer queries', async () => {
    const dir = path.join(folder(), 'ws');
    const init = await runCli('init', dir, '--name', 'Fentanyl 2026');
    expect(init).toMatchObject({ code: 0, err: '' });
    expect(init.out).toContain('Created workspace "Fentanyl 2026"');
    expect(existsSync(path.join(dir, 'workspace.json'))).toBe(true);

    const q = await runCli('query', '--workspace', dir, 'SELECT count(*) AS n FROM samples');
    expect(q).toEqual({ code: 0, out: 'n\n0\n', err: '' });

    const j = await runCli('query', '--workspace', dir, '--format', 'json', "SELECT compound, role FROM compounds WHERE compound = 'xylazine'");
    expect(JSON.parse(j.out)).toEqual([{ compound: 'xylazine', role: 'adulterant' }]);
  });

  it('refuses writing statements with exit 1 and changes nothing', async () => {
    const dir = path.join(folder(), 'ws');
    await runCli('init', dir);
    const before = snapshotTree(dir);
    const q = await runCli('query', '--workspace', dir, 'DELETE FROM samples');
    expect(q.code).toBe(1);
    expect(q.err).toMatch(/^sigwb query: refused: only reading statements/);
    expect(snapshotTree(dir)).toEqual(before);
  });

  it('reports SQL errors and missing workspaces with exit 1, usage errors with exit 2', async () => {
    const dir = path.join(folder(), 'ws');
    await runCli('init', dir);
    expect(await runCli('query', '--workspace', dir, 'SELECT nope FROM samples')).toMatchObject({ code: 1, err: expect.stringMatching(/SQL error: Binder Error/) });
    expect(await runCli('query', '--workspace', path.join(dir, 'missing'), 'SELECT 1')).toMatchObject({ code: 1, err: expect.stringMatching(/not a Signature Workbench workspace/) });
    expect((await runCli('query', 'SELECT 1')).code).toBe(2);
    expect((await runCli('query', '--workspace', dir, '--format', 'xml', 'SELECT 1')).code).toBe(2);
    expect((await runCli('frobnicate')).code).toBe(2);
    expect((await runCli()).code).toBe(2);
  });

  it('refuses to init over a non-empty folder or an existing workspace', async () => {
    const dir = folder();
    writeFileSync(path.join(dir, 'notes.txt'), 'x');
    expect(await runCli('init', dir)).toMatchObject({ code: 1, err: expect.stringMatching(/is not empty/) });
    const ws = path.join(folder(), 'ws');
    await runCli('init', ws);
    expect(await runCli('init', ws)).toMatchObject({ code: 1, err: expect.stringMatching(/already holds a workspace/) });
  });
});
