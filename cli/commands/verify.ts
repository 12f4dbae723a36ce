/**
 * `sigwb verify <report> --workspace <dir>`: computes a report again from the workspace it came from and says
 * whether it is reproduced exactly (exit 0) or what differs (exit 1): an input batch or record changed, the
 * report body differs at a line, the file was altered after it was written. Reads only; writes nothing.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { NodeFileStore } from '../../node/files/node-file-store';
import { manifestFileName } from '../../shared/exporting/export-manifest';
import { verifyReport } from '../../shared/reporting/verify-report';
import { appVersion, checkWorkspaceFolder, openEngine, RefusedError, UsageError } from '../context';
import { requireString, type CliCommand } from '../command';
import { readInputFile } from '../input-file';

export const verifyCommand: CliCommand = {
  name: 'verify',
  usage: 'sigwb verify <report.html|report.pdf> --workspace <dir>',
  summary: 'Compute a report again from the workspace and say whether it is reproduced exactly (exit 0) or what differs (exit 1).',
  options: { workspace: { type: 'string', short: 'w' } },
  async run(values, positionals, io) {
    const dir = requireString(values, 'workspace');
    if (positionals.length !== 1) throw new UsageError(positionals.length ? `name one report file, not ${positionals.length}` : 'name the report file to verify (.html or .pdf)');
    checkWorkspaceFolder(dir);
    const file = path.resolve(positionals[0]);
    const bytes = await readInputFile(file, 'the report');
    const side = manifestFileName(file);
    const sidecar = existsSync(side) ? await readInputFile(side, 'the report\'s manifest') : null;
    const r = await verifyReport({ bytes, fileName: path.basename(file), sidecar, store: new NodeFileStore(dir), openDatabase: openEngine, appVersion: appVersion() });
    const what = `${r.kind} ${r.reportId ?? '(no id)'} (${r.format === 'pdf' ? 'PDF' : 'HTML'})`;
    if (r.reproduced) {
      io.out([`Reproduced exactly: ${what} from workspace ${dir}`, ...r.checked.map((c) => `  checked: ${c}`)].join('\n') + '\n');
      return;
    }
    throw new RefusedError([`not reproduced: ${what}`, ...r.differences.map((d) => `  - ${d}`)].join('\n'));
  },
};
