import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { importFile, type ImportOutcome, type ImportProblem } from '../../shared/importing/import-file';
import { loadImportProfiles, type ImportProfile } from '../../shared/importing/import-profile';
import { problemText } from '../../shared/importing/problem-text';
import type { Workspace } from '../../shared/workspace/Workspace';
import { loadDictionary } from '../../shared/domain/workspace-dictionary';
import { actor, engineCacheOf, openWorkspaceDatabase, RefusedError, UsageError, WAIT_OPTION, type Io } from '../context';
import { cacheImportedBatches } from '../../shared/db/workspace-views';
import { linkImportedBatches, linkOutcomeText } from '../../shared/linking/link-imported';
import { workerRunner } from '../../node/linking/link-pool';
import { author } from './calibrate';
import { loadVocabularies } from '../../shared/domain/workspace-vocabulary';
import { requireString, type CliCommand } from '../command';
import { readFailure } from '../input-file';

/** Reasons shown under a refused file; the rest are counted. */
const SHOWN = 10;

function problemLine(p: ImportProblem): string {
  return `  ${problemText(p)}`;
}

function report(name: string, outcome: ImportOutcome, io: Io): void {
  switch (outcome.status) {
    case 'imported': {
      const b = outcome.batch;
      const kind = outcome.kind === 'results-long' ? 'results' : outcome.kind === 'results-wide' ? 'results (wide)' : 'sample metadata';
      const q = b.rows_quarantined ? `, ${b.rows_quarantined} quarantined` : '';
      io.out(`${name}: imported as ${b.id} (${kind}: ${b.rows_read} row${b.rows_read === 1 ? '' : 's'} read, ${b.rows_imported} imported${q})${b.supersedes ? `, supersedes ${b.supersedes}` : ''}\n`);
      for (const w of outcome.warnings) io.out(`  note: ${w}\n`);
      if (outcome.unassignedCompounds.length) io.out(`  unassigned compounds (not in the dictionary; map or add them): ${outcome.unassignedCompounds.join(', ')}\n`);
      for (const p of outcome.problems.slice(0, SHOWN)) io.out(`${problemLine(p)} (quarantined)\n`);
      if (outcome.problemCount > SHOWN) io.out(`  … and ${outcome.problemCount - SHOWN} more in the quarantine view\n`);
      return;
    }
    case 'duplicate':
      io.out(`${name}: already imported as ${outcome.existing.id} (same SHA-256 as ${outcome.existing.file_name}, ${outcome.existing.imported_at.slice(0, 10)}); nothing written\n`);
      return;
    case 'refused':
      io.out(`${name}: refused, nothing written (${outcome.problemCount} problem${outcome.problemCount === 1 ? '' : 's'})\n`);
      for (const p of outcome.problems.slice(0, SHOWN)) io.out(`${problemLine(p)}\n`);
      if (outcome.problemCount > SHOWN) io.out(`  … and ${outcome.problemCount - SHOWN} more\n`);
      return;
    case 'cancelled':
      io.out(`${name}: cancelled, nothing written\n`);
  }
}

/**
 * The saved import profile of that name. An unknown name is refused input (exit 1), like an unknown case or
 * redaction profile, not a usage error: the message lists the names there are, or says there are none.
 */
async function namedProfile(ws: Workspace, name: string): Promise<ImportProfile> {
  let all: ImportProfile[];
  try {
    all = await loadImportProfiles(ws);
  } catch (e) {
    throw new RefusedError(`cannot read the workspace's import profiles: ${(e as Error).message}`);
  }
  const found = all.find((p) => p.name === name);
  if (found) return found;
  throw new RefusedError(
    all.length
      ? `no import profile "${name}" in this workspace; its profiles: ${all.map((p) => `"${p.name}"`).join(', ')}`
      : `no import profile "${name}": this workspace has no saved import profiles (save one from the import dialog of the app, or leave out --profile)`,
  );
}

/** `sigwb import --workspace <dir> [--profile <name>] [--accept-partial] <file>...`: imports result and sample files. */
export const importCommand: CliCommand = {
  name: 'import',
  usage: 'sigwb import --workspace <dir> [--profile <name>] [--accept-partial] [--sheet <name>] [--supersedes <batch> | --no-supersede] [--wait] <file>...',
  summary: 'Import result or sample-metadata files (CSV, TSV, TXT, XLSX, Parquet, Arrow); each whole or not at all.',
  options: {
    ...WAIT_OPTION,
    workspace: { type: 'string', short: 'w' },
    profile: { type: 'string' },
    'accept-partial': { type: 'boolean' },
    sheet: { type: 'string' },
    supersedes: { type: 'string' },
    'no-supersede': { type: 'boolean' },
  },
  async run(values, positionals, io) {
    const dir = requireString(values, 'workspace');
    if (positionals.length === 0) throw new UsageError('name at least one file to import');
    if (values.supersedes !== undefined && values['no-supersede']) throw new UsageError('--supersedes and --no-supersede exclude each other');
    if (values.supersedes !== undefined && positionals.length > 1) throw new UsageError('--supersedes applies to one file: import it on its own');
    const { ws, db, close } = await openWorkspaceDatabase(dir, { write: 'import', wait: values.wait === true, io });
    try {
      const profile = typeof values.profile === 'string' ? await namedProfile(ws, values.profile) : null;
      const dictionary = await loadDictionary(ws);
      const vocabularies = await loadVocabularies(ws);
      let refused = 0;
      const imported: string[] = [];
      for (const file of positionals) {
        const name = path.basename(file);
        let bytes: Uint8Array;
        try {
          const buf = await readFile(file);
          bytes = new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
        } catch (e) {
          refused++;
          io.out(`${name}: refused, cannot read the file (${readFailure(e)})\n`);
          continue;
        }
        const outcome = await importFile(
          {
            workspace: ws,
            db,
            dictionary,
            vocabularies,
            analyst: actor().user,
            profile,
            acceptPartial: values['accept-partial'] === true,
            sheet: typeof values.sheet === 'string' ? values.sheet : undefined,
            supersedes: values['no-supersede'] ? null : typeof values.supersedes === 'string' ? values.supersedes : undefined,
          },
          { name, bytes },
        );
        if (outcome.status === 'refused') refused++;
        if (outcome.status === 'imported') imported.push(outcome.batch.id);
        report(name, outcome, io);
      }
      // The batches as loaded go to the engine cache, so the next command opens without reading them again.
      const cache = engineCacheOf(ws);
      if (cache) await cacheImportedBatches(db, ws, imported, cache);
      // Each results batch linked against every stored profile of the same drug (docs/LINKING.md).
      const linked = await linkImportedBatches(ws, db, imported, { runner: workerRunner(), author: author() });
      for (const [id, o] of linked) io.out(o.status === 'skipped' ? `  note: ${linkOutcomeText(id, o)}\n` : `${linkOutcomeText(id, o)} (sigwb links --since ${id})\n`);
      if (refused) throw new RefusedError(`${refused} of ${positionals.length} file${positionals.length === 1 ? '' : 's'} refused; nothing of ${refused === 1 ? 'it' : 'them'} was written`);
    } finally {
      await close();
    }
  },
};
