/**
 * `sigwb verify <report> --workspace <dir>`: computes a report again from the workspace it came from and says
 * whether it is reproduced exactly (exit 0) or what differs (exit 1): an input batch or record changed, the
 * report body differs at a line, the file was altered after it was written. Reads only; writes nothing.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { NodeFileStore } from '../../electron/services/node-file-store';
import { openNodeDatabase } from '../../electron/services/node-database';
import { manifestFileName } from '../../shared/exporting/export-manifest';
import { verifyReport } from '../../shared/reporting/verify-report';
import { appVersion, RefusedError, UsageError } from '../context';
import { requireString, type CliCommand } from '../command';

export const verifyCommand: CliCommand = {
  name: 'verify',
  usage: 'sigwb verify <report.html|report.pdf> --workspace <dir>',
  summary: 'Compute a report again from the workspace and say whether it is reproduced exactly (exit 0) or what differs (exit 1).',
  options: { workspace: { type: 'string', short: 'w' } },
  async run(values, positionals, io) {
    const dir = requireString(values, 'workspace');
    if (positionals.length !== 1) throw new UsageError('name one report file');
    const file = path.resolve(positionals[0]);
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await readFile(file));
    } catch (e) {
      throw new RefusedError(`cannot read ${file}: ${(e as Error).message}`);
    }
    const side = manifestFileName(file);
    const sidecar = existsSync(side) ? new Uint8Array(await readFile(side)) : null;
    if (!existsSync(path.join(dir, 'workspace.json'))) throw new RefusedError(`${dir} is not a Signature Workbench workspace (no workspace.json)`);
    const r = await verifyReport({ bytes, fileName: path.basename(file), sidecar, store: new NodeFileStore(dir), openDatabase: openNodeDatabase, appVersion: appVersion() });
    const what = `${r.kind} ${r.reportId ?? '(no id)'} (${r.format === 'pdf' ? 'PDF' : 'HTML'})`;
    if (r.reproduced) {
      io.out([`Reproduced exactly: ${what} from workspace ${dir}`, ...r.checked.map((c) => `  checked: ${c}`)].join('\n') + '\n');
      return;
    }
    throw new RefusedError([`not reproduced: ${what}`, ...r.differences.map((d) => `  - ${d}`)].join('\n'));
  },
};
