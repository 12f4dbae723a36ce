/**
 * One rule for every file a command writes outside the workspace (cli/output-file.ts): an existing file is refused
 * (exit 1, the message names the file and --force) and left as it was, and so is a folder that does not exist;
 * --force overwrites. A refused calibrate or cluster saves nothing in the workspace.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runCli } from '../../util/run-cli';
import { snapshotTree, tempDir } from '../../util/temp-dir';
import { makeWorkspace } from '../analysis/make-workspace';

let root: string;
let cleanup: () => void;
let ws: string;

beforeAll(async () => {
  ({ dir: root, cleanup } = tempDir());
  ws = path.join(root, 'ws');
  await makeWorkspace(ws, { sources: 6 });
});
afterAll(() => cleanup());

/** Each command that writes a file, with the option naming it and the arguments that make a valid run of it. */
const COMMANDS: { name: string; option: string; file: string; args: (file: string) => string[] }[] = [
  { name: 'calibrate', option: '--out', file: 'calibration.json', args: (f) => ['calibrate', '-w', ws, '--out', f] },
  { name: 'cluster', option: '--out', file: 'classes.csv', args: (f) => ['cluster', '-w', ws, '--out', f] },
  { name: 'export', option: '--out', file: 'samples.csv', args: (f) => ['export', '-w', ws, '--format', 'csv', '--out', f] },
  { name: 'report', option: '--out', file: 'list.html', args: (f) => ['report', '-w', ws, '--kind', 'sample-list', '--out', f] },
  { name: 'attribute', option: '--out', file: 'attribution.csv', args: (f) => ['attribute', '-w', ws, '--reference', path.join(root, 'refs.csv'), '--out', f] },
  { name: 'dictionary', option: '--export', file: 'dictionary.json', args: (f) => ['dictionary', '-w', ws, '--export', f] },
];

describe('output files: every command refuses an existing file without --force', () => {
  it.each(COMMANDS)('$name $option: an existing file is refused with exit 1, named with --force, and nothing changes', async (c) => {
    const file = path.join(root, `existing-${c.file}`);
    writeFileSync(file, 'the analyst’s own file\n');
    const before = snapshotTree(ws);
    const r = await runCli(...c.args(file));
    expect(r).toEqual({ code: 1, out: '', err: `sigwb ${c.name}: ${file} already exists; choose another ${c.option} or add --force to overwrite\n` });
    expect(readFileSync(file, 'utf8')).toBe('the analyst’s own file\n');
    expect(snapshotTree(ws)).toEqual(before);
  });

  it.each(COMMANDS)('$name $option: a folder that does not exist is refused with exit 1 and nothing changes', async (c) => {
    const nowhere = path.join(root, 'nowhere');
    const before = snapshotTree(ws);
    const r = await runCli(...c.args(path.join(nowhere, c.file)));
    expect(r).toEqual({ code: 1, out: '', err: `sigwb ${c.name}: folder ${nowhere} does not exist; create it or choose another ${c.option}\n` });
    expect(snapshotTree(ws)).toEqual(before);
  });

  it('calibrate --out and cluster --out overwrite with --force, and write afresh without it', async () => {
    const calibration = path.join(root, 'forced-calibration.json');
    writeFileSync(calibration, 'old\n');
    const cal = await runCli('calibrate', '-w', ws, '-o', calibration, '--force');
    expect(cal.code, cal.err).toBe(0);
    expect(cal.out).toContain(`Wrote the calibration record to ${calibration}\n`);
    expect(JSON.parse(readFileSync(calibration, 'utf8'))).toMatchObject({ id: 'C0001' });

    const classes = path.join(root, 'forced-classes.csv');
    writeFileSync(classes, 'old\n');
    const run = await runCli('cluster', '-w', ws, '-o', classes, '--force');
    expect(run.code, run.err).toBe(0);
    expect(readFileSync(classes, 'utf8')).toMatch(/^sample_id,class_id,/);

    const fresh = path.join(root, 'fresh-classes.csv');
    const again = await runCli('cluster', '-w', ws, '-o', fresh);
    expect(again.code, again.err).toBe(0);
    expect(again.out).toContain(`Wrote ${readFileSync(fresh, 'utf8').trimEnd().split('\r\n').length - 1} rows to ${fresh}\n`);
  });

  it('refuses an output path that is a folder', async () => {
    const r = await runCli('cluster', '-w', ws, '-o', root, '--force');
    expect(r).toEqual({ code: 1, out: '', err: `sigwb cluster: ${root} is a folder; give --out a file name\n` });
  });
});
