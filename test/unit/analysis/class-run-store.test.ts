import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { NodeFileStore } from '../../../node/files/node-file-store';
import { workspaceStores } from '../../../cli/context';
import type { FileStore } from '../../../shared/workspace/file-store';
import { runCli } from '../../util/run-cli';
import { tempDir } from '../../util/temp-dir';
import { makeWorkspace } from './make-workspace';

let root: string;
let cleanup: () => void;
let ws: string;

beforeAll(async () => {
  ({ dir: root, cleanup } = tempDir('sigwb-run-once-'));
  ws = path.join(root, 'ws');
  await makeWorkspace(ws, { sources: 6, casesPerSource: 2, seizuresPerCase: 2, samplesPerSeizure: 2 });
  expect((await runCli('calibrate', '-w', ws)).code).toBe(0);
  expect((await runCli('cluster', '-w', ws, '--out', path.join(root, 'classes.csv'))).code).toBe(0);
});
afterAll(() => cleanup());

/** Runs a command with a store that counts the reads of each file. */
async function counting(args: string[]): Promise<Map<string, number>> {
  const reads = new Map<string, number>();
  const open = workspaceStores.open;
  workspaceStores.open = (dir) => {
    const real = new NodeFileStore(dir);
    const store: FileStore = Object.create(real);
    store.read = (p) => (reads.set(p, (reads.get(p) ?? 0) + 1), real.read(p));
    return store;
  };
  try {
    const r = await runCli(...args);
    expect(r, r.err).toMatchObject({ code: 0 });
  } finally {
    workspaceStores.open = open;
  }
  return reads;
}

describe('a class run, read and loaded once', () => {
  it('a class report reads the run\'s data file once, though the class tables, the report and its data all use it', async () => {
    const reads = await counting(['report', '-w', ws, '--classes', '1', '--out', path.join(root, 'report.html')]);
    expect(reads.get('classes/R0001.arrow')).toBe(1);
  });

  it('an export of the samples with their classes reads it once too', async () => {
    const reads = await counting(['export', '-w', ws, '--format', 'csv', '--out', path.join(root, 'samples.csv')]);
    expect(reads.get('classes/R0001.arrow')).toBe(1);
  });
});
