/**
 * SHA-256 of large byte arrays off the interface thread (Chromium digests on the calling thread): each message is
 * { id, bytes, lend } (bytes transferred), each answer { id, hex } or { id, error }; with `lend`, the bytes are
 * transferred back in the answer ({ id, hex, bytes }), for a caller that still needs them. Used by digest-client.ts.
 */
import { digestHere } from '../../shared/util/sha256';

self.onmessage = (event: MessageEvent<{ id: number; bytes: Uint8Array; lend?: boolean }>) => {
  const { id, bytes, lend } = event.data;
  digestHere(bytes).then(
    (hex) => (lend ? self.postMessage({ id, hex, bytes }, { transfer: [bytes.buffer] }) : self.postMessage({ id, hex })),
    (e: Error) => (lend ? self.postMessage({ id, error: String(e?.message ?? e), bytes }, { transfer: [bytes.buffer] }) : self.postMessage({ id, error: String(e?.message ?? e) })),
  );
};
