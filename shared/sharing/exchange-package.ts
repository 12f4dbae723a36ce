/**
 * Exchange packages (no server): one zip file, stored uncompressed so that any unzip opens it, holding
 *
 *   manifest.json   what the package is (format signature-workbench/exchange-package): the lab, its signing key, the
 *                   sensitivity label, the redaction applied, the method and its validation figures, counts, the
 *                   detection part it carries (schema 2) or none, and the SHA-256 and size of every other file;
 *   profiles.arrow  the profiles (profiles-arrow.ts), with their detection flags and limits when the manifest says so
 *                   (detection-part.ts);
 *   signature.json  the lab's Ed25519 signature of manifest.json's exact bytes.
 *
 * The signature covers the manifest and the manifest covers the files by their SHA-256: a changed byte anywhere is
 * detected. Reading checks, in order: the zip and its three entries (declared sizes bounded before inflating), the
 * manifest's format, the signer's key against the workspace's trusted keys, the signature, then each file's hash.
 *
 * Schema 2 adds `detection` (detection-part.ts). A package without the part is written as schema 1, byte for byte what
 * workbenches before schema 2 write and read, so a partner who has not updated still reads it; one with the part is
 * schema 2, which those refuse with a message to update rather than read without its flags. Schema 1 packages are read
 * as schema 2 without a detection part.
 */
import { unzipSync, zipSync } from 'fflate';
import { z } from 'zod';
import { readVersioned } from '../exporting/versioned-document';
import { sha256Hex } from '../util/sha256';
import { fromUtf8, utf8 } from '../util/text';
import { SharedMethod } from './exchange-method';
import { DetectionPart } from './detection-part';
import { fromBase64, keyFingerprint, shortFingerprint, toBase64, verifyEd25519, type Signer } from './signing';

export const PACKAGE_FORMAT = 'signature-workbench/exchange-package';
/** The newest package schema this build writes (with a detection part) and reads. */
export const PACKAGE_VERSION = 2;
export const SIGNATURE_FORMAT = 'signature-workbench/exchange-signature';
export const PACKAGE_FILES = { manifest: 'manifest.json', profiles: 'profiles.arrow', signature: 'signature.json' } as const;
/** Largest entry accepted (bytes, as declared by the zip before anything is inflated): 2 GiB. */
export const MAX_ENTRY_BYTES = 2 ** 31;

export const PackageManifestV1 = z.object({
  format: z.literal(PACKAGE_FORMAT),
  schema_version: z.literal(1),
  package_id: z.string().uuid(),
  created_at: z.string(),
  app_version: z.string(),
  lab: z.string().min(1),
  signer: z.object({ algorithm: z.literal('Ed25519'), public_key: z.string(), fingerprint: z.string().regex(/^[0-9a-f]{64}$/) }),
  label: z.string().min(1),
  redaction: z.object({
    profile: z.string(),
    /** The redaction profile set's version in force (null: the shipped defaults). */
    version: z.string().nullable(),
    columns: z.array(z.string()),
    removed: z.array(z.string()),
    /** 'kept', or 'pseudonymised': each id replaced by a value only the signing lab can compute again (its signature of the id). */
    sample_ids: z.enum(['kept', 'pseudonymised']),
  }),
  method: SharedMethod,
  class_run_id: z.string().nullable(),
  counts: z.object({ profiles: z.number().int().nonnegative(), classes: z.number().int().nonnegative(), drugs: z.record(z.string(), z.number().int()) }),
  files: z.array(z.object({ name: z.string(), sha256: z.string().regex(/^[0-9a-f]{64}$/), size: z.number().int().nonnegative(), rows: z.number().int().nonnegative().optional() })),
});

export const PackageManifestV2 = PackageManifestV1.extend({
  schema_version: z.literal(2),
  /** The detection flags and limits profiles.arrow carries (detection-part.ts); null: none (every schema-1 package). */
  detection: DetectionPart.nullable(),
});
/** A package's manifest as read (schema 1 migrated: no detection part), or as written (schema 1 when it has none). */
export type PackageManifest = Omit<z.infer<typeof PackageManifestV2>, 'schema_version'> & { schema_version: 1 | 2 };

const MANIFEST_FORMAT = { format: PACKAGE_FORMAT, version: PACKAGE_VERSION, migrations: { 1: (m: Record<string, unknown>) => ({ ...m, detection: null }) }, schema: PackageManifestV2, what: 'a Signature Workbench exchange package' };

const SignatureDocV1 = z.object({
  format: z.literal(SIGNATURE_FORMAT),
  schema_version: z.literal(1),
  algorithm: z.literal('Ed25519'),
  fingerprint: z.string().regex(/^[0-9a-f]{64}$/),
  signature: z.string(),
});

/** A package refused on reading: the reason says what and where, for the analyst and the audit log. */
export class PackageRefused extends Error {
  override name = 'PackageRefused';
}

/** A key this workspace trusts (trust-store.ts). */
export interface TrustedKey {
  name: string;
  fingerprint: string;
  public_key: string;
}

/** A verified package: its manifest and its profiles' bytes. */
export interface VerifiedPackage {
  manifest: PackageManifest;
  manifestBytes: Uint8Array;
  profiles: Uint8Array;
  /** SHA-256 of the whole package file. */
  sha256: string;
  trustedAs: TrustedKey;
}

// A fixed time for every entry, so that the same content makes the same bytes (zip times are local, 1980 on).
const ZIP_TIME = new Date(Date.UTC(2000, 0, 1));

/** The prefix of what a pseudonym signs (build-package.ts). */
export const PSEUDONYM_PREFIX = 'signature-workbench/pseudonym:';

/**
 * Whether a host may sign these bytes for the lab: a pseudonym's input, or a package manifest. A host signs nothing
 * else, so that a compromised page cannot make the lab's key sign arbitrary statements.
 */
export function signable(bytes: Uint8Array): boolean {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return false;
  }
  if (text.startsWith(PSEUDONYM_PREFIX)) return text.length < 1100 && !/[\n\r]/.test(text);
  try {
    const doc: unknown = JSON.parse(text);
    return PackageManifestV1.safeParse(doc).success || PackageManifestV2.safeParse(doc).success;
  } catch {
    return false;
  }
}

/**
 * Writes a package: the manifest (its schema version, signer and `files` filled in here: schema 2 with a detection
 * part, else schema 1, see the module doc) signed by `signer`. Returns the zip's bytes.
 */
export async function writePackage(manifest: Omit<PackageManifest, 'files' | 'signer' | 'schema_version'>, profiles: Uint8Array, rows: number, signer: Signer): Promise<{ bytes: Uint8Array; manifest: PackageManifest }> {
  const fingerprint = await keyFingerprint(signer.publicKey);
  const { detection, ...rest } = manifest;
  const fields = {
    ...rest,
    signer: { algorithm: 'Ed25519', public_key: toBase64(signer.publicKey), fingerprint },
    files: [{ name: PACKAGE_FILES.profiles, sha256: await sha256Hex(profiles), size: profiles.length, rows }],
  };
  const written = detection ? PackageManifestV2.parse({ ...fields, schema_version: 2, detection }) : PackageManifestV1.parse({ ...fields, schema_version: 1 });
  const full: PackageManifest = { ...written, detection: detection ?? null };
  const manifestBytes = utf8(JSON.stringify(written, null, 2) + '\n');
  const signature = await signer.sign(manifestBytes);
  const signatureBytes = utf8(JSON.stringify({ format: SIGNATURE_FORMAT, schema_version: 1, algorithm: 'Ed25519', fingerprint, signature: toBase64(signature) }, null, 2) + '\n');
  const entry = (data: Uint8Array): [Uint8Array, { level: 0; mtime: Date }] => [data, { level: 0, mtime: ZIP_TIME }];
  const bytes = zipSync({ [PACKAGE_FILES.manifest]: entry(manifestBytes), [PACKAGE_FILES.profiles]: entry(profiles), [PACKAGE_FILES.signature]: entry(signatureBytes) });
  return { bytes, manifest: full };
}

function json(bytes: Uint8Array, where: string): unknown {
  try {
    return JSON.parse(fromUtf8(bytes));
  } catch (e) {
    throw new PackageRefused(`${where} is not valid JSON (${(e as Error).message})`);
  }
}

/** Opens and verifies a package against the trusted keys (see the module doc); throws PackageRefused saying why. */
export async function verifyPackage(bytes: Uint8Array, trusted: readonly TrustedKey[], where: string): Promise<VerifiedPackage> {
  const expected = new Set<string>(Object.values(PACKAGE_FILES));
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes, {
      filter: (f) => {
        if (!expected.has(f.name)) throw new PackageRefused(`${where}: unexpected entry "${f.name}" (a package holds ${[...expected].join(', ')} only)`);
        if (f.originalSize > MAX_ENTRY_BYTES) throw new PackageRefused(`${where}: entry ${f.name} declares ${f.originalSize} bytes, more than the ${MAX_ENTRY_BYTES} accepted`);
        return true;
      },
    });
  } catch (e) {
    if (e instanceof PackageRefused) throw e;
    throw new PackageRefused(`${where}: not a readable exchange package (zip: ${(e as Error).message})`);
  }
  for (const name of expected) if (!entries[name]) throw new PackageRefused(`${where}: the package has no ${name}`);
  const manifestBytes = entries[PACKAGE_FILES.manifest];
  let manifest: PackageManifest;
  try {
    const raw = json(manifestBytes, `${where}: ${PACKAGE_FILES.manifest}`);
    const version = (raw as { schema_version?: unknown } | null)?.schema_version;
    // Read as the current schema, keeping the version it was written as.
    manifest = { ...readVersioned(raw, MANIFEST_FORMAT, `${where}: ${PACKAGE_FILES.manifest}`), schema_version: version === 1 ? 1 : 2 };
  } catch (e) {
    if (e instanceof PackageRefused) throw e;
    throw new PackageRefused((e as Error).message);
  }
  const sigParsed = SignatureDocV1.safeParse(json(entries[PACKAGE_FILES.signature], `${where}: ${PACKAGE_FILES.signature}`));
  if (!sigParsed.success) throw new PackageRefused(`${where}: ${PACKAGE_FILES.signature} is not an exchange signature (${sigParsed.error.issues[0].path.join('.')}: ${sigParsed.error.issues[0].message})`);
  const sig = sigParsed.data;
  const key = trusted.find((k) => k.fingerprint === sig.fingerprint);
  if (!key) {
    throw new PackageRefused(`${where}: signed by a key this workspace does not trust (fingerprint ${shortFingerprint(sig.fingerprint)}…, the package says lab "${manifest.lab}"); if that lab sent it, get its public key from them and run sigwb trust`);
  }
  if (manifest.signer.fingerprint !== key.fingerprint || manifest.signer.public_key !== key.public_key) {
    throw new PackageRefused(`${where}: the manifest names another signing key than the signature's; refused`);
  }
  if (!(await verifyEd25519(fromBase64(key.public_key), fromBase64(sig.signature), manifestBytes))) {
    throw new PackageRefused(`${where}: the signature does not verify with ${key.name}'s key: the manifest was changed after signing, or the package was not signed by that key`);
  }
  for (const f of manifest.files) {
    const data = entries[f.name];
    if (!data) throw new PackageRefused(`${where}: the manifest names ${f.name}, which the package does not hold`);
    const actual = await sha256Hex(data);
    if (actual !== f.sha256 || data.length !== f.size) {
      throw new PackageRefused(`${where}: ${f.name} has changed since it was signed (SHA-256 ${actual.slice(0, 12)}…, signed ${f.sha256.slice(0, 12)}…)`);
    }
  }
  if (!manifest.files.some((f) => f.name === PACKAGE_FILES.profiles)) throw new PackageRefused(`${where}: the manifest does not name ${PACKAGE_FILES.profiles}`);
  return { manifest, manifestBytes, profiles: entries[PACKAGE_FILES.profiles], sha256: await sha256Hex(bytes), trustedAs: key };
}
