/**
 * The lab's Ed25519 signing key for exchange packages, kept in the user's configuration folder, never in a workspace
 * (a workspace is copied, backed up and handed over; a key in it would travel with it):
 *
 *   $SIGWB_CONFIG_DIR, else %APPDATA%\Signature Workbench (Windows), ~/Library/Application Support/Signature Workbench
 *   (macOS), $XDG_CONFIG_HOME/signature-workbench or ~/.config/signature-workbench (Linux)
 *
 * as keys/lab-ed25519.json (the lab's name, the public key, the private key as PKCS #8 PEM), folder 0700 and file 0600,
 * made on first use. A key file that others can read is refused, as ssh refuses one. The private key is never printed
 * or logged; `sigwb keys --export` writes the public key document (shared/sharing/signing.ts) for partners.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { publicKeyDoc, toBase64, type PublicKeyDoc, type Signer } from '../../shared/sharing/signing';

export const LAB_KEY_FILE = 'lab-ed25519.json';

const LabKeyFile = z.object({
  format: z.literal('signature-workbench/lab-key'),
  schema_version: z.literal(1),
  lab: z.string().min(1).max(200),
  created_at: z.string(),
  public_key: z.string(),
  private_key_pkcs8_pem: z.string(),
});

export class LabKeyError extends Error {
  override name = 'LabKeyError';
}

/** The configuration folder (see the module doc). */
export function configDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.SIGWB_CONFIG_DIR) return path.resolve(env.SIGWB_CONFIG_DIR);
  const home = os.homedir();
  if (process.platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Signature Workbench');
  if (process.platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Signature Workbench');
  return path.join(env.XDG_CONFIG_HOME || path.join(home, '.config'), 'signature-workbench');
}

export const labKeyPath = (dir = configDir()): string => path.join(dir, 'keys', LAB_KEY_FILE);

/** A signer over a private key object. */
function signerOf(lab: string, privateKey: KeyObject): Signer {
  const spki = createPublicKey(privateKey).export({ format: 'der', type: 'spki' });
  // The raw 32-byte key is the last 32 bytes of Ed25519's SubjectPublicKeyInfo (RFC 8410).
  const publicKey = new Uint8Array(spki.subarray(spki.length - 32));
  return { lab, publicKey, sign: async (data) => new Uint8Array(sign(null, data, privateKey)) };
}

/** Refuses a configuration folder inside `workspace` (the key must stay out of every workspace). */
export function refuseInside(keyFile: string, workspace: string | undefined): void {
  if (!workspace) return;
  const rel = path.relative(path.resolve(workspace), keyFile);
  if (!rel.startsWith('..') && !path.isAbsolute(rel)) throw new LabKeyError(`the lab's key would be kept inside the workspace (${keyFile}); set SIGWB_CONFIG_DIR to a folder outside it`);
}

/**
 * The lab's signer: the key file read, or made when there is none and `lab` names the lab (first use). Refuses a
 * key file others can read, and a folder inside `workspace`.
 */
export async function labSigner(options: { lab?: string; workspace?: string; dir?: string; now?: () => Date } = {}): Promise<{ signer: Signer; created: boolean; file: string; createdAt: string }> {
  const file = labKeyPath(options.dir ?? configDir());
  refuseInside(file, options.workspace);
  let text: string | null = null;
  try {
    const st = await fs.stat(file);
    if (process.platform !== 'win32' && (st.mode & 0o077) !== 0) throw new LabKeyError(`${file} can be read by other users (mode ${(st.mode & 0o777).toString(8)}); make it private with chmod 600 ${file}`);
    text = await fs.readFile(file, 'utf8');
  } catch (e) {
    if (e instanceof LabKeyError) throw e;
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw new LabKeyError(`cannot read the lab's key ${file}: ${(e as Error).message}`);
  }
  if (text !== null) {
    const parsed = LabKeyFile.safeParse(JSON.parse(text));
    if (!parsed.success) throw new LabKeyError(`${file} is not a Signature Workbench lab key (${parsed.error.issues[0].path.join('.')}: ${parsed.error.issues[0].message})`);
    if (options.lab && options.lab !== parsed.data.lab) throw new LabKeyError(`this user's key signs as "${parsed.data.lab}", not "${options.lab}"; leave out --lab, or use another SIGWB_CONFIG_DIR`);
    return { signer: signerOf(parsed.data.lab, createPrivateKey(parsed.data.private_key_pkcs8_pem)), created: false, file, createdAt: parsed.data.created_at };
  }
  if (!options.lab) throw new LabKeyError(`no lab key yet (${file}); name your lab once to make one: --lab "<lab name>"`);
  const { privateKey } = generateKeyPairSync('ed25519');
  const signer = signerOf(options.lab, privateKey);
  const createdAt = (options.now ?? (() => new Date()))().toISOString();
  const body = LabKeyFile.parse({ format: 'signature-workbench/lab-key', schema_version: 1, lab: options.lab, created_at: createdAt, public_key: toBase64(signer.publicKey), private_key_pkcs8_pem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString() });
  await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.tmp`;
  // 'wx' with mode 0600: the file is private from its first byte; link makes it appear whole, and fails if another
  // process made a key meanwhile (then that one is the lab's key: read it).
  await fs.writeFile(tmp, JSON.stringify(body, null, 2) + '\n', { mode: 0o600, flag: 'wx' });
  try {
    await fs.link(tmp, file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return labSigner({ ...options, lab: undefined });
    throw e;
  } finally {
    await fs.rm(tmp, { force: true });
  }
  return { signer, created: true, file, createdAt };
}

/** The public-key document partners import with `sigwb trust`. */
export async function exportPublicKey(options: { lab?: string; workspace?: string; dir?: string } = {}): Promise<PublicKeyDoc> {
  const k = await labSigner(options);
  return publicKeyDoc(k.signer, k.createdAt);
}
