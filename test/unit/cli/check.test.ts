import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { auditLine, chainedLine, type AuditEntry } from '../../../shared/workspace/audit';
import { runCli } from '../../util/run-cli';
import { tempDir } from '../../util/temp-dir';

let root: string;
let cleanup: () => void;
/** A workspace with two imported batches (one with a quarantine file): the one every tampering starts from. */
let base: string;
let copies = 0;

beforeAll(async () => {
  ({ dir: root, cleanup } = tempDir('sigwb-check-'));
  base = path.join(root, 'base');
  expect((await runCli('init', base)).code).toBe(0);
  writeFileSync(path.join(root, 'a.csv'), 'sample_id,compound,area\nS1,4-ANPP,30\nS1,NPP,12\n');
  writeFileSync(path.join(root, 'b.csv'), 'sample_id,compound,area\nS2,4-ANPP,31\nS2,NPP,oops\n');
  expect((await runCli('import', '-w', base, path.join(root, 'a.csv'))).code).toBe(0);
  expect((await runCli('import', '-w', base, '--accept-partial', path.join(root, 'b.csv'))).code).toBe(0);
}, 120_000);
afterAll(() => cleanup());

/** A copy of the base workspace to tamper with. */
function copy(): string {
  const dir = path.join(root, `copy-${++copies}`);
  cpSync(base, dir, { recursive: true });
  return dir;
}

const read = (dir: string, f: string) => readFileSync(path.join(dir, f), 'utf8');
const write = (dir: string, f: string, text: string) => writeFileSync(path.join(dir, f), text);
const lines = (dir: string) => read(dir, 'audit.jsonl').trimEnd().split('\n');
const setLines = (dir: string, ls: string[]) => write(dir, 'audit.jsonl', ls.join('\n') + '\n');
const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

async function check(dir: string) {
  return runCli('check', '--workspace', dir);
}

/** The check's verdict: exit code and the inconsistencies it listed. */
async function problems(dir: string): Promise<{ code: number; listed: string[] }> {
  const r = await check(dir);
  return { code: r.code, listed: r.out.split('\n').filter((l) => l.startsWith('  ') && !l.startsWith('  note:')).map((l) => l.trim()) };
}

describe('sigwb check', () => {
  it('a fresh workspace is whole: exit 0, with its generation, counts and the chain head', async () => {
    const t = tempDir();
    try {
      const ws = path.join(t.dir, 'fresh');
      await runCli('init', ws);
      const r = await check(ws);
      expect(r).toMatchObject({ code: 0, err: '' });
      expect(r.out).toMatch(/^Checked .*fresh: generation 1, 0 batches, 0 documents, 1 audit line \(hash chain head [0-9a-f]{64}\)\nWhole: /);
    } finally {
      t.cleanup();
    }
  });

  it('after imports (a quarantine file included) the workspace is whole', async () => {
    const r = await check(base);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/generation 3, 2 batches, 0 documents, 3 audit lines/);
  });

  it('an edited audit line: exit 1 naming the line', async () => {
    const dir = copy();
    const ls = lines(dir);
    ls[1] = ls[1].replace('Imported a.csv', 'Imported z.csv');
    setLines(dir, ls);
    expect(await problems(dir)).toEqual({ code: 1, listed: ['audit.jsonl line 2: edited (its text no longer matches its SHA-256)'] });
  });

  it('a line rewritten with its own hash recomputed: the next line no longer follows it', async () => {
    const dir = copy();
    const ls = lines(dir);
    const entry = JSON.parse(ls[1]) as AuditEntry;
    const { prev, hash: _h, ...rest } = { ...entry, who: 'mallory' };
    ls[1] = (await chainedLine(rest, prev!)).text.trimEnd();
    setLines(dir, ls);
    const r = await problems(dir);
    expect(r.code).toBe(1);
    expect(r.listed).toContain('audit.jsonl line 3: does not follow line 2 (it names another line before it: line 2 was replaced or forged)');
  });

  it('a deleted audit line (in the middle, or the last one)', async () => {
    const dir = copy();
    const ls = lines(dir);
    setLines(dir, [ls[0], ls[2]]);
    const r = await problems(dir);
    expect(r.code).toBe(1);
    expect(r.listed).toContain('audit.jsonl line 2: line deleted before it (generation 2 missing after line 1)');

    const last = copy();
    setLines(last, lines(last).slice(0, 2));
    const t = await problems(last);
    expect(t.code).toBe(1);
    expect(t.listed).toContain('audit.jsonl ends at generation 2 (line 2) but workspace.json is at generation 3: audit lines deleted at the end, or the manifest edited');
  });

  it('reordered audit lines', async () => {
    const dir = copy();
    const ls = lines(dir);
    setLines(dir, [ls[0], ls[2], ls[1]]);
    const r = await problems(dir);
    expect(r.code).toBe(1);
    expect(r.listed).toContain('audit.jsonl line 3: out of order or inserted (generation 2 after generation 3 on line 2)');
  });

  it('a forged line, inserted in the middle or added at the end with a well-formed hash', async () => {
    const forged = async (prev: string, generation: number) =>
      (await chainedLine({ at: '2026-11-25T10:00:00.000Z', who: 'mallory', action: 'batch.import', summary: 'Imported nothing', written: [], generation }, prev)).text.trimEnd();
    const dir = copy();
    const ls = lines(dir);
    const first = JSON.parse(ls[0]) as AuditEntry;
    setLines(dir, [ls[0], await forged(first.hash!, 2), ls[1], ls[2]]);
    const r = await problems(dir);
    expect(r.code).toBe(1);
    expect(r.listed).toContain('audit.jsonl line 3: out of order or inserted (generation 2 after generation 2 on line 2)');

    const end = copy();
    const le = lines(end);
    setLines(end, [...le, await forged((JSON.parse(le[2]) as AuditEntry).hash!, 4)]);
    const t = await problems(end);
    expect(t.code).toBe(1);
    expect(t.listed).toEqual(['audit.jsonl line 4 names generation 4, after workspace.json\'s 3: a line added at the end, or an older manifest put back']);
  });

  it('a batch removed from the manifest', async () => {
    const dir = copy();
    const m = JSON.parse(read(dir, 'workspace.json'));
    m.batches = m.batches.filter((b: { id: string }) => b.id !== 'B0001');
    write(dir, 'workspace.json', JSON.stringify(m, null, 2) + '\n');
    const r = await problems(dir);
    expect(r.code).toBe(1);
    expect(r.listed).toContain('batch B0001 (imported on audit.jsonl line 2) is missing from workspace.json');
    expect(r.listed.some((l) => l.startsWith('workspace.json: not the manifest audit.jsonl line 3 recorded'))).toBe(true);
  });

  it('a flipped byte in a data file, and the same with its SHA-256 updated in the manifest', async () => {
    const flip = (dir: string) => {
      const file = path.join(dir, 'batches', 'B0002.arrow');
      const bytes = readFileSync(file);
      bytes[200] ^= 0x01;
      writeFileSync(file, bytes);
      return sha(bytes);
    };
    const dir = copy();
    flip(dir);
    const r = await problems(dir);
    expect(r.code).toBe(1);
    expect(r.listed).toEqual([expect.stringMatching(/^batches\/B0002\.arrow: its bytes changed since they were written \(SHA-256 [0-9a-f]{12}…, recorded [0-9a-f]{12}…\)$/)]);

    const hidden = copy();
    const newSha = flip(hidden);
    const m = JSON.parse(read(hidden, 'workspace.json'));
    m.batches[1].data_sha256 = newSha;
    write(hidden, 'workspace.json', JSON.stringify(m, null, 2) + '\n');
    const t = await problems(hidden);
    expect(t.code).toBe(1);
    expect(t.listed).toContain(`batches/B0002.arrow: workspace.json records SHA-256 ${newSha.slice(0, 12)}… but audit.jsonl line 3 recorded ${(JSON.parse(lines(hidden)[2]) as AuditEntry).written[0].sha256.slice(0, 12)}… when it was written`);
  });

  it('a quarantine file changed, a file nothing names, and an interrupted write', async () => {
    const dir = copy();
    write(dir, 'quarantine/B0002.arrow', 'not arrow');
    write(dir, 'batches/B0009.arrow', 'left over');
    write(dir, 'workspace.intent.json', read(dir, 'workspace.json'));
    const r = await problems(dir);
    expect(r.code).toBe(1);
    expect(r.listed).toEqual([
      expect.stringMatching(/^workspace\.intent\.json: unreadable/),
      expect.stringMatching(/^quarantine\/B0002\.arrow: its bytes changed since they were written/),
      'batches/B0009.arrow: not named by workspace.json (the next write moves it to lost-and-found/)',
    ]);
  });

  it('a log written before the chain: its first write starts the chain with a line that says so, and an old line edited later shows', async () => {
    const dir = copy();
    // The same workspace as an older workbench left it: manifest schema 1, audit lines without chain fields.
    const m = JSON.parse(read(dir, 'workspace.json'));
    delete m.generation;
    m.schema_version = 1;
    write(dir, 'workspace.json', JSON.stringify(m, null, 2) + '\n');
    setLines(dir, lines(dir).map((l) => {
      const { prev: _p, hash: _h, generation: _g, tx: _t, ...old } = JSON.parse(l) as AuditEntry;
      return auditLine({ ...old, written: old.written.filter((w) => w.path !== 'workspace.json') }).trimEnd();
    }));
    expect((await check(dir)).out).toContain('(no hash chain yet)');
    const exported = await runCli('dictionary', '-w', dir, '--export', path.join(root, `dict-${copies}.json`));
    expect(exported.code).toBe(0);
    expect((await runCli('dictionary', '-w', dir, '--import', path.join(root, `dict-${copies}.json`))).code).toBe(0);
    const ls = lines(dir);
    expect(JSON.parse(ls[3])).toMatchObject({ action: 'audit.chain-start', summary: expect.stringMatching(/^The audit log's hash chain starts here: the 3 lines before this one were written without it/), prev: sha(ls.slice(0, 3).join('\n') + '\n') });
    expect(JSON.parse(ls[4])).toMatchObject({ action: 'dictionary.save', generation: 1 });
    expect((await check(dir)).code).toBe(0);
    ls[0] = ls[0].replace('Created workspace', 'Made workspace');
    setLines(dir, ls);
    expect(await problems(dir)).toEqual({ code: 1, listed: ['audit.jsonl lines 1–3: changed since the chain started on line 4 (their SHA-256 is no longer the one it recorded)'] });
  });
});
