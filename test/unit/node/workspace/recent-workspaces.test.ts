import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { emptyRecent, loadRecent, MAX_RECENT, readRecent, RECENT_FORMAT, saveRecent, withRecent } from '../../../../node/workspace/recent-workspaces';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'sigwb-recent-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const entry = (n: number) => ({ path: `/data/ws${n}`, name: `WS ${n}`, opened_at: `2025-01-0${(n % 9) + 1}T00:00:00.000Z` });

describe('recent-workspaces.json', () => {
  it('a missing file is an empty list, without a problem', async () => {
    expect(await loadRecent(path.join(dir, 'none.json'))).toEqual({ recent: emptyRecent(), problem: null });
  });

  it('round-trips through an atomic write that leaves no temporary file', async () => {
    const file = path.join(dir, 'recent-workspaces.json');
    const list = withRecent(emptyRecent(), entry(1));
    await saveRecent(file, list);
    expect((await loadRecent(file)).recent).toEqual(list);
    expect(await readdir(dir)).toEqual(['recent-workspaces.json']);
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ format: RECENT_FORMAT, schema_version: 1 });
  });

  it('an unreadable file gives an empty list and says why', async () => {
    const file = path.join(dir, 'recent-workspaces.json');
    await writeFile(file, '{ not json');
    const { recent, problem } = await loadRecent(file);
    expect(recent).toEqual(emptyRecent());
    expect(problem).toContain(file);
  });

  it('refuses other formats and newer schema versions with the reason', () => {
    expect(() => readRecent({ format: 'x', schema_version: 1, workspaces: [] })).toThrow(/format/);
    expect(() => readRecent({ format: RECENT_FORMAT, schema_version: 2, workspaces: [] })).toThrow(/newer/);
    expect(() => readRecent({ format: RECENT_FORMAT, schema_version: 0, workspaces: [] })).toThrow(/schema_version/);
    expect(() => readRecent([])).toThrow();
  });

  it('withRecent puts the entry first, drops the older entry for the same folder and keeps MAX_RECENT', () => {
    let list = emptyRecent();
    for (let n = 0; n < MAX_RECENT + 3; n++) list = withRecent(list, entry(n));
    expect(list.workspaces).toHaveLength(MAX_RECENT);
    expect(list.workspaces[0].path).toBe(`/data/ws${MAX_RECENT + 2}`);
    list = withRecent(list, { ...entry(5), name: 'renamed' });
    expect(list.workspaces[0]).toMatchObject({ path: '/data/ws5', name: 'renamed' });
    expect(list.workspaces.filter((w) => w.path === '/data/ws5')).toHaveLength(1);
  });
});
