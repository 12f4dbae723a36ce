/**
 * `sigwb share` and the app's Share: the workspace's shared profiles (shared-profiles.ts) under a redaction profile,
 * written as a signed exchange package (exchange-package.ts). Redaction maps each package column to the workspace
 * column it comes from (`port_of_entry` is x_port_of_entry, `drug` is main_drug) and keeps it only when the profile
 * allows that column; sample ids not allowed out are pseudonymised by the lab's own signature of the id (stable across
 * packages, so that a partner sees an updated profile as the same sample, and only the lab can map it back).
 * Class ids always go: they are the lab's analysis, not case data.
 */
import type { Database } from '../db/Database';
import { allows, findProfile, loadRedactionProfiles } from '../exporting/redaction';
import { inForce } from '../workspace/document-versions';
import { REDACTION_DOCUMENT } from '../exporting/redaction';
import { sha256Hex } from '../util/sha256';
import { utf8 } from '../util/text';
import type { AuditEntry } from '../workspace/audit';
import type { OutsideFile } from '../workspace/commit';
import type { Workspace } from '../workspace/Workspace';
import { DETECTION_PART, detectedColumn, LIMIT_COLUMN } from './detection-part';
import { PACKAGE_FORMAT, PSEUDONYM_PREFIX, writePackage, type PackageManifest } from './exchange-package';
import { profilesToArrow, relativeColumn, REQUIRED_COLUMNS } from './profiles-arrow';
import { collectSharedProfiles, FACT_COLUMNS, type FactColumn, type SharedProfiles } from './shared-profiles';
import type { Signer } from './signing';

/** The shipped redaction profile `sigwb share` applies unless told otherwise. */
export const DEFAULT_SHARE_PROFILE = 'intelligence-exchange';

/** The workspace column each package column comes from, for the redaction profile's allow-list. */
export const REDACTION_COLUMN: Record<Exclude<FactColumn, 'class_id'>, string> = {
  sample_id: 'sample_id',
  drug: 'main_drug',
  seized_on: 'seized_on',
  region: 'region',
  port_of_entry: 'x_port_of_entry',
  agency: 'agency',
  case_id: 'case_id',
  seizure_id: 'seizure_id',
};

export class ShareError extends Error {
  override name = 'ShareError';
}

export interface ShareOptions {
  redact: string;
  label: string;
  signer: Signer;
  appVersion: string;
  now?: () => Date;
  /** Profiles already collected (the app computes them once for its preview). */
  profiles?: SharedProfiles;
  /**
   * Whether the package carries the profiles' detection flags and limits (detection-part.ts), when the calibration
   * states limits; default true. Without them the package is schema 1, which workbenches before schema 2 read.
   */
  detection?: boolean;
}

/** A pseudonym for a sample id that only the signing lab can compute again: SHA-256 of its signature of the id. */
async function pseudonym(signer: Signer, sampleId: string): Promise<string> {
  return `P-${(await sha256Hex(await signer.sign(utf8(`${PSEUDONYM_PREFIX}${sampleId}`)))).slice(0, 20)}`;
}

/** Builds a signed package of the workspace's profiles (see the module doc). O(n × compounds). */
export async function buildPackage(ws: Workspace, db: Database, o: ShareOptions): Promise<{ bytes: Uint8Array; manifest: PackageManifest }> {
  const set = await loadRedactionProfiles(ws);
  let profile;
  try {
    profile = findProfile(set, o.redact);
  } catch (e) {
    throw new ShareError((e as Error).message);
  }
  if (!allows(profile, 'signature', true)) throw new ShareError(`redaction profile "${profile.name}" keeps signatures (@compounds) in the lab: a package without them has nothing to link; choose a profile that allows @compounds`);
  const p = o.profiles ?? (await collectSharedProfiles(ws, db));
  const kept: string[] = ['lab', 'class_id'];
  const removed: string[] = [];
  const facts = { ...p.facts } as Record<string, (string | null)[] | (number | null)[] | null>;
  for (const c of FACT_COLUMNS) {
    if (c === 'class_id') continue;
    if (c === 'sample_id') {
      kept.push(c);
      continue;
    }
    if (allows(profile, REDACTION_COLUMN[c])) kept.push(c);
    else {
      removed.push(c);
      // Required columns stay, empty; optional ones are left out.
      facts[c] = (REQUIRED_COLUMNS as readonly string[]).includes(c) ? p.facts[c].map(() => null) : null;
    }
  }
  const pseudonymised = !allows(profile, 'sample_id');
  if (pseudonymised) facts.sample_id = await Promise.all(p.facts.sample_id.map((id) => pseudonym(o.signer, id!)));
  const detection = o.detection === false ? null : p.detection;
  const arrow = profilesToArrow({ n: p.n, lab: p.facts.sample_id.map(() => o.signer.lab), facts: facts as never, compounds: p.method.compounds, values: p.values, relative: p.relative, detection });
  const drugs: Record<string, number> = {};
  for (const d of p.facts.drug) drugs[d ?? '(none)'] = (drugs[d ?? '(none)'] ?? 0) + 1;
  const version = inForce(ws.manifest, REDACTION_DOCUMENT)?.version ?? null;
  return writePackage(
    {
      format: PACKAGE_FORMAT,
      package_id: crypto.randomUUID(),
      created_at: (o.now ?? (() => new Date()))().toISOString(),
      app_version: o.appVersion,
      lab: o.signer.lab,
      label: o.label,
      redaction: {
        profile: profile.name,
        version,
        columns: [...kept, ...p.method.compounds, ...p.method.compounds.map(relativeColumn), ...(detection ? [...p.method.compounds.map(detectedColumn), LIMIT_COLUMN] : [])],
        removed,
        sample_ids: pseudonymised ? 'pseudonymised' : 'kept',
      },
      method: p.method,
      class_run_id: p.classRunId,
      counts: { profiles: p.n, classes: new Set(p.facts.class_id.filter((c) => c !== null)).size, drugs },
      detection: detection ? DETECTION_PART : null,
    },
    arrow,
    p.n,
    o.signer,
  );
}

/**
 * The audit line of a package written to `where` (its SHA-256 `sha256`): one for `sigwb share` and the app. `write`,
 * when given, writes the package after the commit's intent is logged and before its line (commit.ts), so that a kill
 * in between is recovered as a cut write naming the package, never an unaudited one. The app's `write` is its save
 * dialog, which returns where the package went (the line names that place) or throws OutsideWriteCancelled.
 */
export async function auditShare(ws: Workspace, m: PackageManifest, where: string, sha256: string, write?: () => Promise<readonly OutsideFile[] | void>): Promise<AuditEntry> {
  return ws.audit('sharing.share', `Shared ${m.counts.profiles} profiles (${m.counts.classes} classes) as ${where} under redaction profile ${m.redaction.profile}, labelled ${m.label}, signed by ${m.lab}`, [{ path: where, sha256 }], {
    package_id: m.package_id,
    redaction: m.redaction.profile,
    removed: m.redaction.removed,
    sample_ids: m.redaction.sample_ids,
    calibration: m.method.calibration_id,
    class_run: m.class_run_id,
    fingerprint: m.signer.fingerprint,
  }, write);
}
