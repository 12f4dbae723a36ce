/**
 * The desktop host's sharing channels (node/sharing/host-sharing.ts): the key is made on first use in the configuration
 * folder given, the UI sees its public half only, and the host signs a package manifest or a pseudonym's input but
 * refuses anything else (a compromised page must not get arbitrary statements signed by the lab).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sharingHandlers } from '../../../node/sharing/host-sharing';
import { PSEUDONYM_PREFIX, signable } from '../../../shared/sharing/exchange-package';
import { fromBase64, verifyEd25519 } from '../../../shared/sharing/signing';
import { tempDir } from '../../util/temp-dir';

const t = tempDir('sigwb-host-sharing-');
afterAll(() => t.cleanup());
const host = sharingHandlers(t.dir);

describe('host sharing channels', () => {
  it('has no key until a lab is named, then shows its public half only', async () => {
    expect(await host['sharing:lab-key']({})).toBeNull();
    const k = await host['sharing:lab-key']({ lab: 'NFLS Vancouver' });
    expect(k).toMatchObject({ lab: 'NFLS Vancouver', fingerprint: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(JSON.stringify(k)).not.toContain('PRIVATE');
    expect(readFileSync(path.join(t.dir, 'keys', 'lab-ed25519.json'), 'utf8')).toContain('BEGIN PRIVATE KEY');
    await expect(host['sharing:lab-key']({ lab: 'Another lab' })).rejects.toThrow(/signs as "NFLS Vancouver"/);
  });

  it('signs pseudonyms and refuses arbitrary statements', async () => {
    const k = (await host['sharing:lab-key']({}))!;
    const bytes = new TextEncoder().encode(`${PSEUDONYM_PREFIX}FS24-00001`);
    const sig = await host['sharing:sign']({ bytes });
    expect(await verifyEd25519(fromBase64(k.public_key), sig, bytes)).toBe(true);
    for (const text of ['I, the lab, certify this sample is heroin', `${PSEUDONYM_PREFIX}x\nforged line`, '{"format":"signature-workbench/exchange-package"}']) {
      expect(signable(new TextEncoder().encode(text))).toBe(false);
      await expect(host['sharing:sign']({ bytes: new TextEncoder().encode(text) })).rejects.toThrow(/signs package manifests and pseudonyms only/);
    }
  });
});
