/**
 * The interface thread's SHA-256 of large inputs, computed in digest.worker.ts (started on first use, kept). The
 * bytes go to the worker without a copy where they can: handed over (the caller is done with them) or lent (the
 * worker sends them back with the hash); otherwise they are copied once here and the copy transferred. Copying a
 * batch or a report of tens of MB held the interface thread for tens of ms (docs/VIEWS.md, Large data). Should the
 * worker fail, the digest is computed on this thread instead: slower for the interface, never a wrong or missing hash.
 */
import { digestHere } from '../../shared/util/sha256';
import { KeptWorker, type KeptAnswer } from './kept-worker';

interface Answer extends KeptAnswer {
  hex?: string;
  bytes?: Uint8Array;
}

const worker = new KeptWorker<Answer, Answer>(
  () => new Worker(new URL('./digest.worker.ts', import.meta.url), { type: 'module', name: 'digest' }),
  'digest worker',
  (answer) => (answer.hex !== undefined ? answer : undefined),
);

/** The array spans its whole ArrayBuffer (transferring it moves nothing else). */
const whole = (data: Uint8Array) => data.byteOffset === 0 && data.byteLength === data.buffer.byteLength && data.buffer instanceof ArrayBuffer;

const post = (bytes: Uint8Array, lend: boolean): Promise<Answer> => worker.post((id) => ({ id, bytes, lend }), [bytes.buffer]);

/**
 * SHA-256 (lower-case hex) of `data` in the digest worker; on this thread if the worker fails. `handOver`: the caller
 * is done with `data`, which is then transferred as it is when it spans its whole buffer, and copied otherwise.
 */
export async function digestInWorker(data: Uint8Array, handOver = false): Promise<string> {
  const length = data.byteLength;
  try {
    return (await post(handOver && whole(data) ? data : data.slice(), false)).hex!;
  } catch (e) {
    // Bytes handed over and gone with the worker cannot be hashed here: an error, never the hash of an empty array.
    if (data.byteLength !== length) throw e;
    return digestHere(data);
  }
}

/**
 * SHA-256 of `data` lent to the digest worker, which sends the bytes back with the hash: `bytes` is the caller's to
 * use afterwards (`data` is emptied while lent). Copied, as digestInWorker does, when it is part of a larger buffer.
 */
export async function lendToWorker(data: Uint8Array): Promise<{ hex: string; bytes: Uint8Array }> {
  if (!whole(data)) return { hex: await digestInWorker(data), bytes: data };
  const length = data.byteLength;
  try {
    const answer = await post(data, true);
    return { hex: answer.hex!, bytes: answer.bytes! };
  } catch (e) {
    // Lent bytes lost with the worker: the caller's file must be read again, never hashed from an empty array.
    if (data.byteLength !== length) throw e;
    return { hex: await digestHere(data), bytes: data };
  }
}
