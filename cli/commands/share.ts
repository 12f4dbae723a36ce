import { AnalysisRefusal } from '../../shared/analysis/analysis-refusal';
import { FALLBACK_SENSITIVITY_LABEL, parseSensitivityLabel } from '../../shared/exporting/sensitivity-label';
import { findProfile, loadRedactionProfiles, RedactionError } from '../../shared/exporting/redaction';
import { collectSharedProfiles } from '../../shared/sharing/shared-profiles';
import { auditShare, buildPackage, DEFAULT_SHARE_PROFILE, ShareError } from '../../shared/sharing/build-package';
import { shortFingerprint } from '../../shared/sharing/signing';
import { sha256Hex } from '../../shared/util/sha256';
import { labSigner, LabKeyError } from '../../node/sharing/lab-keys';
import { appVersion, openWorkspaceDatabase, RefusedError, WAIT_OPTION } from '../context';
import { noArguments, requireString, type CliCommand } from '../command';
import { checkOutputPath, writeOutputFile } from '../output-file';

/** `sigwb share`: a signed exchange package of the workspace's profiles under a redaction profile. */
export const shareCommand: CliCommand = {
  name: 'share',
  usage: `sigwb share --workspace <dir> --out <file.sigwb> [--redact <profile>] [--label <label>] [--lab <lab name>] [--without-detection-flags] [--force] [--wait]`,
  summary: `A signed exchange package (zip of manifest.json, profiles.arrow, signature.json) of the signatures under the calibration in force, with their detection flags and limits, its validation, classes, dates, regions and ports of entry, redacted (default ${DEFAULT_SHARE_PROFILE}); --without-detection-flags writes the schema-1 package that workbenches before detection flags read.`,
  options: { workspace: { type: 'string', short: 'w' }, out: { type: 'string' }, redact: { type: 'string', default: DEFAULT_SHARE_PROFILE }, label: { type: 'string', default: FALLBACK_SENSITIVITY_LABEL }, lab: { type: 'string' }, 'without-detection-flags': { type: 'boolean' }, force: { type: 'boolean' }, ...WAIT_OPTION },
  async run(values, positionals, io) {
    const dir = requireString(values, 'workspace');
    noArguments(positionals);
    const force = values.force === true;
    const out = checkOutputPath(requireString(values, 'out'), force);
    let label: string;
    try {
      label = parseSensitivityLabel(String(values.label));
    } catch (e) {
      throw new RefusedError((e as Error).message);
    }
    const { ws, db, close } = await openWorkspaceDatabase(dir, { write: 'share', wait: values.wait === true, io });
    try {
      // What would refuse the package is checked before a key is made for it.
      findProfile(await loadRedactionProfiles(ws), String(values.redact));
      const profiles = await collectSharedProfiles(ws, db);
      const key = await labSigner({ lab: typeof values.lab === 'string' ? values.lab : undefined, workspace: ws.store.location });
      const pkg = await buildPackage(ws, db, { redact: String(values.redact), label, signer: key.signer, appVersion: appVersion(), profiles, detection: values['without-detection-flags'] !== true });
      const m = pkg.manifest;
      const sha = await sha256Hex(pkg.bytes);
      // Written inside the commit (intent, package, audit line), as exports are.
      await auditShare(ws, m, out, sha, () => writeOutputFile(out, pkg.bytes, force));
      io.out(
        [
          `${key.created ? `Made the lab key ${key.file} (lab "${key.signer.lab}")\n` : ''}Wrote ${out} (${(pkg.bytes.length / 1024).toFixed(0)} KiB, SHA-256 ${sha}): ${m.counts.profiles} profiles of ${Object.entries(m.counts.drugs).map(([d, n]) => `${n} ${d}`).join(', ')}, ${m.counts.classes} classes (class run ${m.class_run_id ?? 'none'})`,
          `  method: calibration ${m.method.calibration_id}, ${m.method.pretreatment} + ${m.method.score} on ${m.method.compounds.length} compounds, threshold ${m.method.threshold.distance.toPrecision(4)} (FPR ${m.method.threshold.fpr.toFixed(4)}, TPR ${m.method.threshold.tpr.toFixed(3)}, AUC ${m.method.auc.toFixed(4)}); LRs ${m.method.lr.validated ? 'validated' : 'not validated'}`,
          `  redaction ${m.redaction.profile}: kept ${m.redaction.columns.filter((c) => !m.method.compounds.includes(c)).join(', ')} and the signature; removed ${m.redaction.removed.join(', ') || 'nothing'}; sample ids ${m.redaction.sample_ids}`,
          m.detection
            ? `  detection flags and limits included (package schema ${m.schema_version}): a partner compares non-detects as censored, as this lab does`
            : `  no detection flags (package schema ${m.schema_version}${profiles.detection ? ', --without-detection-flags' : ": the calibration's non-detect rule states no limits"}): a partner's LRs compare the rows, non-detects at their substitute`,
          `  signed by "${m.lab}", key ${shortFingerprint(m.signer.fingerprint)} …; label ${m.label}`,
          '',
        ].join('\n'),
      );
    } catch (e) {
      if (e instanceof ShareError || e instanceof LabKeyError || e instanceof AnalysisRefusal || e instanceof RedactionError) throw new RefusedError(e.message);
      throw e;
    } finally {
      await close();
    }
  },
};
