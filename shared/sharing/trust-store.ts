/**
 * The partners' public keys this workspace trusts (config/trusted-keys.json, kept as versions like every document a
 * decision rests on: shared/workspace/document-versions.ts). Trusting a key is an analyst's decision, audited
 * (`sharing.trust`) with the key's fingerprint; a package signed by any other key is refused on receipt.
 */
import { z } from 'zod';
import { readVersioned } from '../exporting/versioned-document';
import { readInForce, saveVersion, VERSION_ID } from '../workspace/document-versions';
import type { Workspace } from '../workspace/Workspace';
import type { TrustedKey } from './exchange-package';
import { shortFingerprint, type PublicKeyDoc } from './signing';

export const TRUST_DOCUMENT = 'trusted-keys';
export const TRUST_FORMAT = 'signature-workbench/trusted-keys';

const TrustedKeyEntry = z.object({
  /** The partner's name as analysts call it here ("partner P", "NFLS Vancouver"): alerts name it. */
  name: z.string().min(1).max(100),
  /** The lab name the key's document gave. */
  lab: z.string(),
  fingerprint: z.string().regex(/^[0-9a-f]{64}$/),
  public_key: z.string(),
  trusted_at: z.string(),
  trusted_by: z.string(),
});
export type TrustedKeyEntry = z.infer<typeof TrustedKeyEntry>;

const TrustedKeysV1 = z.object({
  format: z.literal(TRUST_FORMAT),
  schema_version: z.literal(1),
  version: z.string().regex(VERSION_ID).nullable(),
  keys: z.array(TrustedKeyEntry),
});
type TrustedKeys = z.infer<typeof TrustedKeysV1>;

/** The keys this workspace trusts (none until one is trusted). */
export async function loadTrustedKeys(ws: Workspace): Promise<TrustedKeyEntry[]> {
  const stored = await readInForce(ws, TRUST_DOCUMENT);
  if (!stored) return [];
  return readVersioned<TrustedKeys>(stored.raw, { format: TRUST_FORMAT, version: 1, migrations: {}, schema: TrustedKeysV1, what: 'a trusted-keys list' }, stored.inForce.file).keys;
}

/** The trusted keys as exchange-package.ts checks them. */
export function asTrustedKeys(entries: readonly TrustedKeyEntry[]): TrustedKey[] {
  return entries.map((e) => ({ name: e.name, fingerprint: e.fingerprint, public_key: e.public_key }));
}

/** Trusts a partner's key under `name` (a new version of the list, audited); refuses a name or key already trusted as another. */
export async function trustKey(ws: Workspace, key: PublicKeyDoc, name: string, at: string): Promise<TrustedKeyEntry> {
  const keys = await loadTrustedKeys(ws);
  const same = keys.find((k) => k.fingerprint === key.fingerprint);
  if (same) throw new Error(`this key (${shortFingerprint(key.fingerprint)}…) is already trusted as "${same.name}"`);
  if (keys.some((k) => k.name === name)) throw new Error(`a key is already trusted as "${name}"; choose another name for this one`);
  const entry: TrustedKeyEntry = { name, lab: key.lab, fingerprint: key.fingerprint, public_key: key.public_key, trusted_at: at, trusted_by: ws.analyst };
  await saveVersion(ws, TRUST_DOCUMENT, (version) => ({ format: TRUST_FORMAT, schema_version: 1, version, keys: [...keys, entry] }), 'sharing.trust', {
    summary: `trusted the key of ${key.lab} as "${name}" (fingerprint ${key.fingerprint})`,
    details: { name, lab: key.lab, fingerprint: key.fingerprint },
  });
  return entry;
}
