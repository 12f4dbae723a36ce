/**
 * Ed25519 signatures for exchange packages (RFC 8032; WebCrypto in Node ≥ 20 and Chromium ≥ 137, so no extra
 * library). A lab's public key travels as a small JSON document (`signature-workbench/public-key`) that partners
 * import with `sigwb trust`; a key is named by its fingerprint, the SHA-256 of its 32 raw bytes. The private key never
 * enters shared/: a host signs (node/sharing/lab-keys.ts keeps it in the user's configuration folder, outside every
 * workspace), shared/ only verifies.
 */
import { z } from 'zod';
import { readVersioned } from '../exporting/versioned-document';
import { sha256Hex } from '../util/sha256';

export const PUBLIC_KEY_FORMAT = 'signature-workbench/public-key';

/** Something that signs for a lab: its public key (raw 32 bytes) and a signing function. */
export interface Signer {
  lab: string;
  publicKey: Uint8Array;
  sign(data: Uint8Array): Promise<Uint8Array>;
}

export const PublicKeyDocV1 = z.object({
  format: z.literal(PUBLIC_KEY_FORMAT),
  schema_version: z.literal(1),
  /** The lab's name as it signs packages ("RCMP NFLS Vancouver"). */
  lab: z.string().min(1).max(200),
  algorithm: z.literal('Ed25519'),
  /** The 32 raw bytes, base64. */
  public_key: z.string().regex(/^[A-Za-z0-9+/]{43}=$/, '32 bytes in base64'),
  /** SHA-256 of the raw key, hex: what a partner reads out on the phone to check the file. */
  fingerprint: z.string().regex(/^[0-9a-f]{64}$/),
  created_at: z.string(),
});
export type PublicKeyDoc = z.infer<typeof PublicKeyDocV1>;

export function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i]);
  return btoa(s);
}

export function fromBase64(text: string): Uint8Array {
  const s = atob(text);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

/** The fingerprint of a raw Ed25519 public key: SHA-256, hex. */
export function keyFingerprint(publicKey: Uint8Array): Promise<string> {
  return sha256Hex(publicKey);
}

/** `ab12 cd34 …`: the first 16 hex digits of a fingerprint in groups of four, as people compare them. */
export function shortFingerprint(fingerprint: string): string {
  return fingerprint.slice(0, 16).replace(/(.{4})(?!$)/g, '$1 ');
}

/** The public-key document of a signer. */
export async function publicKeyDoc(signer: Pick<Signer, 'lab' | 'publicKey'>, createdAt: string): Promise<PublicKeyDoc> {
  return PublicKeyDocV1.parse({ format: PUBLIC_KEY_FORMAT, schema_version: 1, lab: signer.lab, algorithm: 'Ed25519', public_key: toBase64(signer.publicKey), fingerprint: await keyFingerprint(signer.publicKey), created_at: createdAt });
}

/** Reads a public-key document and checks that its fingerprint is its key's (a hand-edited file is refused). */
export async function readPublicKeyDoc(raw: unknown, where: string): Promise<PublicKeyDoc> {
  const doc = readVersioned(raw, { format: PUBLIC_KEY_FORMAT, version: 1, migrations: {}, schema: PublicKeyDocV1, what: 'a Signature Workbench public key' }, where);
  const key = fromBase64(doc.public_key);
  if (key.length !== 32) throw new Error(`${where}: public_key is ${key.length} bytes, not 32`);
  if ((await keyFingerprint(key)) !== doc.fingerprint) throw new Error(`${where}: the fingerprint is not the key's (the file was changed)`);
  return doc;
}

/** Whether `signature` is `publicKey`'s Ed25519 signature of `data`. */
export async function verifyEd25519(publicKey: Uint8Array, signature: Uint8Array, data: Uint8Array): Promise<boolean> {
  if (signature.length !== 64) return false;
  const key = await crypto.subtle.importKey('raw', publicKey as Uint8Array<ArrayBuffer>, { name: 'Ed25519' }, false, ['verify']);
  return crypto.subtle.verify({ name: 'Ed25519' }, key, signature as Uint8Array<ArrayBuffer>, data as Uint8Array<ArrayBuffer>);
}
