import path from 'node:path';
import { PackageRefused } from '../../shared/sharing/exchange-package';
import { receivePackage } from '../../shared/sharing/receive-package';
import { openWorkspace, RefusedError, WAIT_OPTION } from '../context';
import { requireString, type CliCommand } from '../command';
import { readInputFile } from '../input-file';
import { UsageError } from '../context';

/** `sigwb receive`: a partner's package verified (trusted key, signature, content hash) and kept as a source linking uses. */
export const receiveCommand: CliCommand = {
  name: 'receive',
  usage: 'sigwb receive --workspace <dir> [--wait] <package file>',
  summary: "Verify a partner's exchange package (trusted key, Ed25519 signature, SHA-256 of its content) and add its profiles as a read-only source that linking at import searches; a tampered or untrusted package is refused and nothing is written.",
  options: { workspace: { type: 'string', short: 'w' }, ...WAIT_OPTION },
  async run(values, positionals, io) {
    const dir = requireString(values, 'workspace');
    if (positionals.length !== 1) throw new UsageError('name one package file');
    const file = positionals[0];
    const bytes = await readInputFile(file, 'package');
    const ws = await openWorkspace(dir, { write: 'receive', wait: values.wait === true, io });
    try {
      const s = await receivePackage(ws, bytes, path.basename(file), new Date().toISOString());
      const p = s.package!;
      io.out(
        `Received ${path.basename(file)} from "${s.name}" (lab "${p.lab}", signed ${p.created_at.slice(0, 10)}, label ${p.label}): signature and content verified; ${s.data.rows} profiles kept as source ${s.id}\n` +
          `  their method: calibration ${s.method.calibration_id}, ${s.method.pretreatment} + ${s.method.score} on ${s.method.compounds.length} compounds, threshold ${s.method.threshold.distance.toPrecision(4)} (FPR ${s.method.threshold.fpr.toFixed(4)}, AUC ${s.method.auc.toFixed(4)}); LRs ${s.method.lr.validated ? 'validated' : 'not validated'}\n` +
          `  ${s.detection ? 'with detection flags and limits: links compare non-detects as censored where the calibration does' : 'without detection flags: links\' LRs compare the rows, non-detects at their substitute'}\n` +
          `  linking at import searches it under this workspace's calibration in force (each links record says how, or why not)\n`,
      );
    } catch (e) {
      if (e instanceof PackageRefused) throw new RefusedError(`refused, nothing written: ${e.message}`);
      throw e;
    } finally {
      await ws.close();
    }
  },
};
