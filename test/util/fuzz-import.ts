/**
 * Import fuzzing: seeded mutations of the sample files (samples/generator/mutations.ts) imported one by one into a
 * real workspace. For each file: the outcome, its time, whether an unexpected error was thrown, whether every
 * problem is clear and located, and, on refusal, whether any file of the workspace changed (SHA-256 before and
 * after). Used by `npm run bench -- fuzz` (300+ files, in a child process watched for hangs) and, on a few dozen
 * files, by test/unit/importing/fuzz-sample.test.ts.
 */
import path from 'node:path';
import { openNodeDatabase } from '../../node/db/node-database';
import { NodeFileStore } from '../../node/files/node-file-store';
import { Workspace } from '../../shared/workspace/Workspace';
import { openInDatabase } from '../../shared/db/workspace-views';
import { DEFAULT_COMPOUND_DICTIONARY } from '../../shared/domain/default-compounds';
import { importFile } from '../../shared/importing/import-file';
import type { ImportProblem } from '../../shared/importing/types';
import type { Database } from '../../shared/db/Database';
import type { FuzzFile } from '../../samples/generator/mutations';
import { snapshotTree, tempDir } from './temp-dir';

export interface FuzzResult {
  name: string;
  from: string;
  mutation: string;
  status: 'imported' | 'refused' | 'duplicate' | 'unexpected-error';
  ms: number;
  /** Problems that are not clear and located, with why. */
  unclear: string[];
  /** On refusal: files of the workspace that changed. */
  changed: string[];
  error?: string;
}

/** Why a problem is not a clear, located message, or null when it is. */
export function unclearProblem(p: ImportProblem, fileName: string): string | null {
  if (p.file !== fileName) return `names file ${JSON.stringify(p.file)}, not ${JSON.stringify(fileName)}`;
  if (!p.reason || /undefined(?! entity)|NaN|\[object |Error:|\n\s+at |Maximum call stack/.test(p.reason)) return `reason ${JSON.stringify(p.reason)}`;
  if (p.line !== null && (!Number.isInteger(p.line) || p.line < 1)) return `line ${p.line}`;
  if (p.column !== null && (!Number.isInteger(p.column) || p.column < 1)) return `column ${p.column}`;
  // A problem of a row names its column; only problems of the whole file or of a whole line may go without.
  if (p.value !== null && p.line === null) return 'a value without its line';
  return null;
}

/** A workspace with its database, remade after each import that changed it. */
export class FuzzWorkspace {
  private t = tempDir('sigwb-fuzz-');
  ws!: Workspace;
  db!: Database;
  private n = 0;

  async fresh(): Promise<void> {
    await this.db?.close();
    const dir = path.join(this.t.dir, `ws${this.n++}`);
    this.ws = await Workspace.create(new NodeFileStore(dir), 'fuzz', { user: 'fuzz', appVersion: '0.0.0-fuzz' });
    this.db = await openNodeDatabase();
    await openInDatabase(this.db, this.ws, DEFAULT_COMPOUND_DICTIONARY);
    this.dir = dir;
  }

  dir = '';

  async close(): Promise<void> {
    await this.db?.close();
    this.t.cleanup();
  }
}

/** Imports one fuzzed file and judges the outcome. */
export async function fuzzOne(w: FuzzWorkspace, file: FuzzFile): Promise<FuzzResult> {
  const base = { name: file.name, from: file.from, mutation: file.mutation, unclear: [] as string[], changed: [] as string[] };
  const before = snapshotTree(w.dir);
  const t0 = performance.now();
  try {
    const o = await importFile({ workspace: w.ws, db: w.db, dictionary: DEFAULT_COMPOUND_DICTIONARY, analyst: 'fuzz' }, { name: file.name, bytes: file.bytes });
    const ms = performance.now() - t0;
    if (o.status === 'imported') {
      await w.fresh();
      return { ...base, status: 'imported', ms, unclear: o.problems.map((p) => unclearProblem(p, file.name)).filter((u): u is string => u !== null) };
    }
    const after = snapshotTree(w.dir);
    const changed = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((k) => before[k] !== after[k]);
    const problems = o.status === 'refused' ? o.problems : [];
    return { ...base, status: o.status === 'refused' ? 'refused' : 'duplicate', ms, changed, unclear: problems.map((p) => unclearProblem(p, file.name)).filter((u): u is string => u !== null) };
  } catch (e) {
    const after = snapshotTree(w.dir);
    const changed = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((k) => before[k] !== after[k]);
    await w.fresh();
    return { ...base, status: 'unexpected-error', ms: performance.now() - t0, changed, error: (e as Error).stack ?? String(e) };
  }
}
