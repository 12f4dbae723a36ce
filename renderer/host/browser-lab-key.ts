/**
 * The lab key in the browser build: an Ed25519 key pair made by WebCrypto with a non-extractable private key, kept in
 * this origin's IndexedDB (outside the workspace's files, like the desktop's configuration folder: no script, not even
 * this page's, can read the private key's bytes). The same channels as the desktop host (node/sharing/host-sharing.ts).
 */
import type { LabKeyInfo } from '../../shared/host/contract';
import { signable } from '../../shared/sharing/exchange-package';
import { keyFingerprint, toBase64 } from '../../shared/sharing/signing';

interface Stored {
  lab: string;
  createdAt: string;
  publicKey: Uint8Array;
  privateKey: CryptoKey;
}

const DB = 'signature-workbench-keys';
const STORE = 'keys';
const KEY = 'lab-ed25519';

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

async function request<T>(mode: IDBTransactionMode, work: (s: IDBObjectStore) => IDBRequest): Promise<T> {
  const db = await open();
  return new Promise<T>((resolve, reject) => {
    const r = work(db.transaction(STORE, mode).objectStore(STORE));
    r.onsuccess = () => resolve(r.result as T);
    r.onerror = () => reject(r.error);
  }).finally(() => db.close());
}

async function stored(): Promise<Stored | null> {
  return (await request<Stored | undefined>('readonly', (s) => s.get(KEY))) ?? null;
}

async function info(k: Stored): Promise<LabKeyInfo> {
  return { lab: k.lab, public_key: toBase64(k.publicKey), fingerprint: await keyFingerprint(k.publicKey), created_at: k.createdAt };
}

/** The lab key (see the module doc); made with `lab` when there is none. */
export async function browserLabKey(lab: string | undefined): Promise<LabKeyInfo | null> {
  const k = await stored();
  if (k) {
    if (lab && lab !== k.lab) throw new Error(`this browser's key signs as "${k.lab}", not "${lab}"`);
    return info(k);
  }
  if (!lab) return null;
  const pair = (await crypto.subtle.generateKey({ name: 'Ed25519' }, false, ['sign', 'verify'])) as CryptoKeyPair;
  const made: Stored = { lab, createdAt: new Date().toISOString(), publicKey: new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey)), privateKey: pair.privateKey };
  await request('readwrite', (s) => s.put(made, KEY));
  return info(made);
}

/** The lab's signature of what `signable` accepts. */
export async function browserSign(bytes: Uint8Array): Promise<Uint8Array> {
  if (!signable(bytes)) throw new Error('the lab key signs package manifests and pseudonyms only');
  const k = await stored();
  if (!k) throw new Error('no lab key yet: make one in Data → Sharing');
  return new Uint8Array(await crypto.subtle.sign({ name: 'Ed25519' }, k.privateKey, bytes as Uint8Array<ArrayBuffer>));
}
