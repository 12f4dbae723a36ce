import { readPublicKeyDoc, shortFingerprint } from '../../shared/sharing/signing';
import { loadTrustedKeys, trustKey } from '../../shared/sharing/trust-store';
import { fromUtf8 } from '../../shared/util/text';
import { openWorkspace, RefusedError, UsageError, WAIT_OPTION } from '../context';
import { requireString, type CliCommand } from '../command';
import { readInputFile } from '../input-file';

/** `sigwb trust`: a partner's public key trusted under a name in this workspace (audited), or the trusted keys listed. */
export const trustCommand: CliCommand = {
  name: 'trust',
  usage: 'sigwb trust --workspace <dir> (<public key file> --name <partner> [--wait] | --list)',
  summary: "Trust a partner lab's public key (from its sigwb keys --export) under a name alerts will use; packages signed by any other key are refused.",
  options: { workspace: { type: 'string', short: 'w' }, name: { type: 'string' }, list: { type: 'boolean' }, ...WAIT_OPTION },
  async run(values, positionals, io) {
    const dir = requireString(values, 'workspace');
    if (values.list) {
      if (positionals.length) throw new UsageError('--list takes no key file');
      const keys = await loadTrustedKeys(await openWorkspace(dir));
      io.out(keys.length ? keys.map((k) => `${k.name}: lab "${k.lab}", fingerprint ${k.fingerprint}, trusted by ${k.trusted_by} on ${k.trusted_at.slice(0, 10)}\n`).join('') : 'No trusted keys: packages can be received only from a trusted key (sigwb trust <key file> --name <partner>).\n');
      return;
    }
    if (positionals.length !== 1) throw new UsageError('name one public key file');
    const name = requireString(values, 'name');
    const file = positionals[0];
    let raw: unknown;
    try {
      raw = JSON.parse(fromUtf8(await readInputFile(file, 'public key')));
    } catch (e) {
      if (e instanceof RefusedError) throw e;
      throw new RefusedError(`${file} is not a public key file (not JSON: ${(e as Error).message})`);
    }
    const ws = await openWorkspace(dir, { write: 'trust', wait: values.wait === true, io });
    try {
      const doc = await readPublicKeyDoc(raw, file);
      const entry = await trustKey(ws, doc, name, new Date().toISOString());
      io.out(`Trusted "${entry.name}": lab "${entry.lab}", fingerprint ${entry.fingerprint} (check ${shortFingerprint(entry.fingerprint)} … with the lab itself); recorded in the audit log\n`);
    } catch (e) {
      throw new RefusedError((e as Error).message);
    } finally {
      await ws.close();
    }
  },
};
