/**
 * `sigwb receive` and the app's Receive: a package verified against the workspace's trusted keys (signature, then
 * every file's SHA-256: exchange-package.ts), its profiles read whole, then kept as a read-only source that linking
 * uses (external-sources.ts). A package with a detection part (schema 2) has its flags and limits checked against its
 * relative areas before anything is written (detection-part.ts checkDetection), and the source keeps them. A refused
 * package writes nothing; the same package twice is refused as a duplicate.
 */
import type { Workspace } from '../workspace/Workspace';
import { PackageRefused, verifyPackage } from './exchange-package';
import { listSources, saveSource, type SourceRecord } from './external-sources';
import { profilesFromArrow } from './profiles-arrow';
import { asTrustedKeys, loadTrustedKeys } from './trust-store';

/** Verifies and keeps a package (see the module doc); throws PackageRefused saying why it was refused. */
export async function receivePackage(ws: Workspace, bytes: Uint8Array, fileName: string, at: string): Promise<SourceRecord> {
  const trusted = asTrustedKeys(await loadTrustedKeys(ws));
  if (trusted.length === 0) throw new PackageRefused(`${fileName}: this workspace trusts no partner key yet; import the sender's public key first (sigwb trust <key file> --name <partner>)`);
  const pkg = await verifyPackage(bytes, trusted, fileName);
  const m = pkg.manifest;
  const earlier = (await listSources(ws)).find((s) => s.package && (s.package.sha256 === pkg.sha256 || s.package.package_id === m.package_id));
  if (earlier) throw new PackageRefused(`${fileName}: already received as source ${earlier.id} on ${earlier.received_at.slice(0, 10)} (package ${m.package_id})`);
  let rows: number;
  try {
    const profiles = profilesFromArrow(pkg.profiles, m.method.compounds, `${fileName}: profiles.arrow`, { detection: m.detection !== null });
    rows = profiles.n;
    if (rows !== m.counts.profiles) throw new PackageRefused(`${fileName}: profiles.arrow holds ${rows} profiles, the manifest says ${m.counts.profiles}`);
    if (profiles.lab.some((l) => l !== m.lab)) throw new PackageRefused(`${fileName}: profiles.arrow names labs other than the signer's (${m.lab})`);
  } catch (e) {
    if (e instanceof PackageRefused) throw e;
    throw new PackageRefused((e as Error).message);
  }
  return saveSource(
    ws,
    (id, data) => ({
      format: 'signature-workbench/external-source',
      schema_version: 2,
      id,
      kind: 'package',
      name: pkg.trustedAs.name,
      received_at: at,
      received_by: ws.analyst,
      method: m.method,
      package: { package_id: m.package_id, sha256: pkg.sha256, file_name: fileName, lab: m.lab, fingerprint: m.signer.fingerprint, label: m.label, created_at: m.created_at, redaction: m.redaction },
      store: null,
      data,
      detection: m.detection,
    }),
    pkg.profiles,
    rows,
    'sharing.receive',
  );
}
