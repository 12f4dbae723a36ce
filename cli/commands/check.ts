import { checkWorkspace } from '../../shared/workspace/check';
import { checkWorkspaceFolder, RefusedError, workspaceStores } from '../context';
import { noArguments, requireString, type CliCommand } from '../command';
import { counted } from '../../shared/util/plural';

/**
 * `sigwb check`: whether the workspace is whole (shared/workspace/check.ts): exit 0 when it is, 1 naming each
 * inconsistency. Reads only; a writer at work is neither waited for nor disturbed.
 */
export const checkCommand: CliCommand = {
  name: 'check',
  usage: 'sigwb check --workspace <dir>',
  summary: 'Check that the workspace is whole: the audit log’s hash chain, the manifest, and every file’s SHA-256 agree (exit 1 naming each inconsistency).',
  options: { workspace: { type: 'string', short: 'w' } },
  async run(values, positionals, io) {
    noArguments(positionals);
    const dir = checkWorkspaceFolder(requireString(values, 'workspace'));
    const r = await checkWorkspace(workspaceStores.open(dir));
    const f = r.facts;
    io.out(
      `Checked ${dir}: generation ${f.generation ?? '?'}, ${counted(f.batches, 'batch', 'batches')}, ${counted(f.documents, 'document')}, ${counted(f.auditLines, 'audit line')}` +
        `${f.chainHead ? ` (hash chain head ${f.chainHead})` : ' (no hash chain yet)'}\n`,
    );
    for (const n of r.notes) io.out(`  note: ${n}\n`);
    if (r.problems.length === 0) {
      io.out('Whole: every file matches the manifest and the audit log, and the audit log’s chain is unbroken.\n');
      return;
    }
    for (const p of r.problems) io.out(`  ${p}\n`);
    throw new RefusedError(`the workspace is not whole: ${counted(r.problems.length, 'inconsistency', 'inconsistencies')} (listed above)`);
  },
};
