/**
 * Documents kept as versions (reference samples, redaction profiles, the compound dictionary, the signature library,
 * the choice of calibration in force; the list is shared/exporting/versioned-inputs.ts). Each save writes a new version,
 * config/<name>-V0001.json, V0002 …, never rewritten, and the same bytes as config/<name>.json, the copy in force
 * for people and scripts to read, all in one manifest commit and one audit line. The workbench reads the latest
 * version the manifest names, never the copy: a view of the workspace that hides later versions (a report being
 * verified, shared/reporting/recorded-workspace.ts) reads the version in force when the report was made, and a
 * crash before the commit leaves the previous version in force.
 *
 * The earlier layout, config/<name>.json alone and edited in place, is read as it is: the version "kept before
 * versions" (id null). The first save keeps those bytes unchanged as V0001, so whatever recorded their SHA-256
 * (a report's manifest) still finds them.
 */
import { sha256Hex } from '../util/sha256';
import type { Manifest } from './manifest';
import { documentBytes, WorkspaceError, type DocumentWrite, type Workspace } from './Workspace';

/** A version id: V0001, V0002 … */
export const VERSION_ID = /^V\d{4,}$/;

/** The manifest's name for one version of a document: `reference-samples-V0002`. */
export function versionDocument(name: string, version: string): string {
  return `${name}-${version}`;
}

const versionId = (n: number): string => `V${String(n).padStart(4, '0')}`;

/** The version ids of a document that the manifest names, oldest first. O(documents). */
export function documentVersions(manifest: Pick<Manifest, 'documents'>, name: string): string[] {
  const prefix = `${name}-`;
  return Object.keys(manifest.documents)
    .filter((k) => k.startsWith(prefix) && VERSION_ID.test(k.slice(prefix.length)))
    .map((k) => k.slice(prefix.length))
    .sort((a, b) => Number(a.slice(1)) - Number(b.slice(1)));
}

/** Which stored file holds a document's version in force. */
export interface InForce {
  /** The document (`reference-samples`). */
  name: string;
  /** `V0003`, or null for a document of the earlier layout, kept before versions. */
  version: string | null;
  /** The manifest's document holding it (`reference-samples-V0003`, or `reference-samples` when version is null). */
  document: string;
  file: string;
  sha256: string;
}

/** The version in force: the latest version, else the document kept before versions; null when never saved. */
export function inForce(manifest: Pick<Manifest, 'documents'>, name: string): InForce | null {
  const ids = documentVersions(manifest, name);
  const version = ids.length ? ids[ids.length - 1] : null;
  const document = version === null ? name : versionDocument(name, version);
  const entry = manifest.documents[document];
  return entry ? { name, version, document, file: entry.file, sha256: entry.sha256 } : null;
}

/**
 * The version in force as parsed JSON, its bytes checked against the manifest's SHA-256 (read through getDocument,
 * so that a recording view lists it); null when never saved. `namesVersion` (default true): the document's
 * `version` field holds its version id; false for documents whose `version` is the analysts' own (the compound
 * dictionary's 2026-11-25.1).
 */
export async function readInForce(ws: Workspace, name: string, options: { namesVersion?: boolean } = {}): Promise<{ raw: unknown; inForce: InForce } | null> {
  const v = inForce(ws.manifest, name);
  if (v === null) return null;
  const raw = await ws.getDocument(v.document);
  // A version names its own id: one version's file copied over another's is refused, not read as that version.
  const named = typeof raw === 'object' && raw !== null ? (raw as { version?: unknown }).version : undefined;
  if ((options.namesVersion ?? true) && v.version !== null && typeof named === 'string' && named !== v.version) throw new WorkspaceError(`${v.file} holds version ${named}, not ${v.version}`);
  return { raw, inForce: v };
}

/**
 * Saves the next version of a document: `make(id)` gives its content (which may name the id). Written as
 * config/<name>-<id>.json and config/<name>.json, then one manifest commit, then one audit line (`action`, details:
 * document, version, sha256, and `kept_before_versions` when a document of the earlier layout was first kept, byte
 * for byte, as V0001; `change`, when given, says after the summary what changed and adds its details). Returns the
 * new version in force.
 */
export async function saveVersion(
  ws: Workspace,
  name: string,
  make: (version: string) => unknown,
  action: string,
  change?: { summary: string; details?: Record<string, unknown> },
): Promise<InForce> {
  const ids = documentVersions(ws.manifest, name);
  let next = ids.length ? Number(ids[ids.length - 1].slice(1)) + 1 : 1;
  const writes: DocumentWrite[] = [];
  const earlier = ids.length === 0 ? ws.manifest.documents[name] : undefined;
  let kept: string | null = null;
  if (earlier !== undefined) {
    kept = versionId(next++);
    writes.push({ name: versionDocument(name, kept), bytes: await ws.readChecked(earlier.file, earlier.sha256), fresh: true });
  }
  const version = versionId(next);
  const bytes = documentBytes(make(version));
  writes.push({ name: versionDocument(name, version), bytes, fresh: true }, { name, bytes });
  const file = (id: string) => `config/${versionDocument(name, id)}.json`;
  await ws.putDocuments(
    writes,
    action,
    `Saved ${file(version)} (version ${version}, in force, copied to config/${name}.json)${kept ? `; the document as kept before versions is ${file(kept)}` : ''}${change ? `: ${change.summary}` : ''}`,
    { ...change?.details, document: name, version, sha256: await sha256Hex(bytes), ...(kept ? { kept_before_versions: kept } : {}) },
  );
  return inForce(ws.manifest, name)!;
}
