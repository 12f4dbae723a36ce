/**
 * Bad command lines, as a user types them: each command says what happened and what to give instead, with the exit
 * code of docs/CLI.md (2 for usage, 1 for refused input such as a missing workspace or file).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { runCli } from '../../util/run-cli';
import { tempDir } from '../../util/temp-dir';

let root: string;
let cleanup: () => void;
let ws: string;

beforeAll(async () => {
  ({ dir: root, cleanup } = tempDir());
  ws = path.join(root, 'ws');
  expect((await runCli('init', ws)).code).toBe(0);
});
afterAll(() => cleanup());

/** A valid-looking command line per command that needs a workspace (the workspace goes last). */
const LINES: Record<string, (w: string) => string[]> = {
  import: (w) => ['import', 'x.csv', '-w', w],
  query: (w) => ['query', 'SELECT 1', '-w', w],
  export: (w) => ['export', '--format', 'csv', '--out', path.join(root, 'e.csv'), '-w', w],
  report: (w) => ['report', '--out', path.join(root, 'r.html'), '-w', w],
  calibrate: (w) => ['calibrate', '-w', w],
  cluster: (w) => ['cluster', '--out', path.join(root, 'c.csv'), '-w', w],
  attribute: (w) => ['attribute', '--reference', path.join(root, 'refs.csv'), '--out', path.join(root, 'a.csv'), '-w', w],
  verify: (w) => ['verify', path.join(root, 'r.html'), '-w', w],
  dictionary: (w) => ['dictionary', '--export', path.join(root, 'd.json'), '-w', w],
};

describe('bad command lines', () => {
  it.each(Object.keys(LINES))('%s: a workspace folder that does not exist is refused (exit 1), saying so and how to make one', async (name) => {
    const missing = path.join(root, 'no-such-ws');
    const r = await runCli(...LINES[name](missing));
    expect(r).toEqual({ code: 1, out: '', err: `sigwb ${name}: no workspace at ${missing}: the folder does not exist (check the path, or create a workspace there with sigwb init ${missing})\n` });
  });

  it.each(Object.keys(LINES))('%s: an unknown option is a usage error (exit 2) naming it, with the usage line', async (name) => {
    const r = await runCli(...LINES[name](ws), '--verbose');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(new RegExp(`^sigwb ${name}: unknown option --verbose; the options are in the usage line below\\nUsage: sigwb ${name} `));
  });

  it.each(['export', 'report', 'calibrate', 'cluster', 'attribute', 'dictionary'])('%s: a stray word is a usage error, not ignored', async (name) => {
    const r = await runCli(...LINES[name](ws), 'samples');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(new RegExp(`^sigwb ${name}: unexpected argument "samples": this command takes options only\\n`));
  });

  it('a mistyped option gets a suggestion; a missing value or a value given to a switch is named', async () => {
    expect((await runCli('cluster', '-w', ws, '--ouT', 'x.csv')).err).toMatch(/^sigwb cluster: unknown option --ouT \(did you mean --out\?\)/);
    expect((await runCli('export', '-w', ws, '--format', 'csv', '--out', 'x.csv', '--forse')).err).toMatch(/^sigwb export: unknown option --forse \(did you mean --force\?\)/);
    expect(await runCli('calibrate', '-w', ws, '--fpr')).toMatchObject({ code: 2, err: expect.stringMatching(/^sigwb calibrate: --fpr needs a value\n/) });
    expect(await runCli('cluster', '-w', ws, '-o', 'x.csv', '--force=yes')).toMatchObject({ code: 2, err: expect.stringMatching(/^sigwb cluster: --force is a switch and takes no value\n/) });
    expect(await runCli('query', '-w', '--format', 'csv', 'SELECT 1')).toMatchObject({
      code: 2,
      err: expect.stringMatching(/^sigwb query: --workspace needs a value, but the next word starts with "-"; a value that starts with "-" is written --workspace=<value>\n/),
    });
  });

  it('missing input files are refused (exit 1) with the file and the reason in words', async () => {
    const report = path.join(root, 'r.html');
    expect(await runCli('verify', report, '-w', ws)).toEqual({ code: 1, out: '', err: `sigwb verify: cannot read the report ${report}: no such file\n` });
    expect(await runCli('verify', root, '-w', ws)).toEqual({ code: 1, out: '', err: `sigwb verify: cannot read the report ${root}: it is a folder, not a file\n` });
    expect(await runCli('verify', '-w', ws)).toMatchObject({ code: 2, err: expect.stringMatching(/^sigwb verify: name the report file to verify \(\.html or \.pdf\)\n/) });
    const refs = path.join(root, 'refs.csv');
    expect(await runCli(...LINES.attribute(ws))).toEqual({ code: 1, out: '', err: `sigwb attribute: cannot read the reference file ${refs}: no such file\n` });
    const dict = path.join(root, 'edited.json');
    expect(await runCli('dictionary', '-w', ws, '--import', dict)).toEqual({ code: 1, out: '', err: `sigwb dictionary: cannot read the dictionary file ${dict}: no such file\n` });
  });
});
