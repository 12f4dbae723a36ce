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

  it('names in its help every workspace view a new workspace answers', async () => {
    const dir = path.join(folder(), 'ws');
    await runCli('init', dir);
    const help = await runCli('query', '--help');
    const views = /over the workspace views \(([^)]*)\)/.exec(help.out)?.[1].split(', ') ?? [];
    expect(views).toEqual(['batches', 'samples', 'measurements', 'compounds', 'quarantine', 'missing_values']);
    for (const v of views) expect(await runCli('query', '--workspace', dir, `SELECT count(*) AS n FROM ${v}`), v).toMatchObject({ code: 0, err: '' });
  });

  it('refuses writing statements with exit 1 and changes nothing', async () => {
    const dir = path.join(folder(), 'ws');
    await runCli('init', dir);
    const before = snapshotTree(dir);
    const q = await runCli('query', '--workspace', dir, 'DELETE FROM samples');
    expect(q.code).toBe(1);
    expect(q.err).toMatch(/^sigwb query: refused: only a reading statement \(SELECT, .*it starts with DELETE/);
    expect(snapshotTree(dir)).toEqual(before);
  });

  it('reports SQL errors and missing workspaces with exit 1, usage errors with exit 2', async () => {
    const dir = path.join(folder(), 'ws');
    await runCli('init', dir);
    expect(await runCli('query', '--workspace', dir, 'SELECT nope FROM samples')).toMatchObject({ code: 1, err: expect.stringMatching(/SQL error: Binder Error/) });
    const missing = path.join(dir, 'missing');
    expect(await runCli('query', '--workspace', missing, 'SELECT 1')).toMatchObject({ code: 1, err: expect.stringMatching(/^sigwb query: no workspace at .*missing: the folder does not exist \(check the path, or create a workspace there with sigwb init /) });
    const plain = folder();
    expect(await runCli('query', '--workspace', plain, 'SELECT 1')).toEqual({
      code: 1,
      out: '',
      err: `sigwb query: ${plain} is not a Signature Workbench workspace (no workspace.json); give --workspace the folder that holds workspace.json, or create a workspace with sigwb init <new folder>\n`,
    });
    const manifest = path.join(dir, 'workspace.json');
    expect(await runCli('query', '--workspace', manifest, 'SELECT 1')).toEqual({ code: 1, out: '', err: `sigwb query: ${manifest} is a file, not a workspace folder; give its folder, ${dir}\n` });
    expect((await runCli('query', 'SELECT 1')).code).toBe(2);
    expect((await runCli('query', '--workspace', dir, '--format', 'xml', 'SELECT 1')).code).toBe(2);
    expect((await runCli('frobnicate')).code).toBe(2);
    expect((await runCli()).code).toBe(2);
  });

  it('refuses to init over a non-empty folder, a file or an existing workspace; usage errors say what to give', async () => {
    const dir = folder();
    writeFileSync(path.join(dir, 'notes.txt'), 'x');
    expect(await runCli('init', dir)).toMatchObject({ code: 1, err: expect.stringMatching(/is not empty/) });
    const notes = path.join(dir, 'notes.txt');
    expect(await runCli('init', notes)).toEqual({ code: 1, out: '', err: `sigwb init: ${notes} is a file; choose a new or empty folder for the workspace\n` });
    expect(await runCli('init')).toMatchObject({ code: 2, err: expect.stringMatching(/^sigwb init: name the folder to create the workspace in\nUsage: sigwb init /) });
    expect(await runCli('init', 'a', 'b')).toMatchObject({ code: 2, err: expect.stringMatching(/^sigwb init: init takes one folder, not 2 \(quote a path that holds spaces\)\n/) });
    expect(await runCli('init', '--nme', 'x', path.join(dir, 'new'))).toMatchObject({ code: 2, err: expect.stringMatching(/^sigwb init: unknown option --nme \(did you mean --name\?\)/) });
    const ws = path.join(folder(), 'ws');
    await runCli('init', ws);
    expect(await runCli('init', ws)).toMatchObject({ code: 1, err: expect.stringMatching(/already holds a workspace/) });
  });
});
