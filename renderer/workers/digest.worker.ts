/**
 * SHA-256 of large byte arrays off the interface thread (Chromium digests on the calling thread): each message is
 * { id, bytes } (bytes transferred), each answer { id, hex } or { id, error }. Used by digest-client.ts.
 */
import { digestHere } from '../../shared/util/sha256';

self.onmessage = (event: MessageEvent<{ id: number; bytes: Uint8Array }>) => {
  const { id, bytes } = event.data;
  digestHere(bytes).then(
    (hex) => self.postMessage({ id, hex }),
    (e: Error) => self.postMessage({ id, error: String(e?.message ?? e) }),
  );
};
