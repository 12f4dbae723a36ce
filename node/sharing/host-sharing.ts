/**
 * The host contract's sharing channels over the lab key (lab-keys.ts): the UI gets the public half and signatures of
 * what `signable` accepts (a package manifest, a pseudonym's input), never the private key.
 */
import type { Host, LabKeyInfo } from '../../shared/host/contract';
import { signable } from '../../shared/sharing/exchange-package';
import { publicKeyDoc } from '../../shared/sharing/signing';
import { labSigner, LabKeyError } from './lab-keys';

/** The lab key's public half, or null when there is none and no lab was named to make one. */
export async function labKeyInfo(lab: string | undefined, dir?: string): Promise<LabKeyInfo | null> {
  try {
    const k = await labSigner({ lab, dir });
    const doc = await publicKeyDoc(k.signer, k.createdAt);
    return { lab: doc.lab, public_key: doc.public_key, fingerprint: doc.fingerprint, created_at: doc.created_at };
  } catch (e) {
    if (e instanceof LabKeyError && !lab && /no lab key yet/.test(e.message)) return null;
    throw e;
  }
}

/** The sharing channels' handlers. */
export function sharingHandlers(dir?: string): Pick<Host, 'sharing:lab-key' | 'sharing:sign'> {
  return {
    'sharing:lab-key': (r) => labKeyInfo(r.lab, dir),
    'sharing:sign': async (r) => {
      if (!signable(r.bytes)) throw new Error('the lab key signs package manifests and pseudonyms only');
      return (await labSigner({ dir })).signer.sign(r.bytes);
    },
  };
}
