import path from 'node:path';
import { exportPublicKey, labSigner, LabKeyError } from '../../node/sharing/lab-keys';
import { publicKeyDoc, shortFingerprint } from '../../shared/sharing/signing';
import { RefusedError } from '../context';
import { noArguments, type CliCommand } from '../command';
import { checkOutputPath, writeOutputFile } from '../output-file';

/** `sigwb keys`: the lab's signing key (made on first use with --lab), its fingerprint, and its public key exported. */
export const keysCommand: CliCommand = {
  name: 'keys',
  usage: 'sigwb keys [--lab <lab name>] [--export <file.json> [--force]]',
  summary: "The lab's Ed25519 key for exchange packages (kept in the user's configuration folder, never in a workspace): made on first use with --lab; --export writes the public key for partners to trust.",
  options: { lab: { type: 'string' }, export: { type: 'string' }, force: { type: 'boolean' } },
  async run(values, positionals, io) {
    noArguments(positionals);
    const force = values.force === true;
    const out = typeof values.export === 'string' ? checkOutputPath(values.export, force, '--export') : null;
    try {
      const k = await labSigner({ lab: typeof values.lab === 'string' ? values.lab : undefined });
      const doc = await publicKeyDoc(k.signer, k.createdAt);
      io.out(`${k.created ? 'Made' : 'Lab key'} ${k.file}: lab "${doc.lab}", Ed25519, fingerprint ${doc.fingerprint}\n  (partners compare ${shortFingerprint(doc.fingerprint)} … with what you tell them before they trust it)\n`);
      if (out) {
        await writeOutputFile(out, JSON.stringify(await exportPublicKey(), null, 2) + '\n', force);
        io.out(`Public key written to ${out} (${path.basename(out)}: send it to partners; it holds no secret)\n`);
      }
    } catch (e) {
      if (e instanceof LabKeyError) throw new RefusedError(e.message);
      throw e;
    }
  },
};
