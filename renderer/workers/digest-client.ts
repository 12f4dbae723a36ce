/**
 * The interface thread's SHA-256 of large inputs, computed in digest.worker.ts (started on first use, kept). The bytes
 * are copied once here (the caller keeps its array) and the copy transferred, unless the caller hands them over. Should the worker fail, the digest is
 * computed on this thread instead: slower for the interface, never a wrong or missing hash.
 */
import { digestHere } from '../../shared/util/sha256';

let worker: Worker | null = null;
let next = 0;
const pending = new Map<number, { resolve: (hex: string) => void; reject: (e: Error) => void }>();

function started(): Worker {
  if (worker) return worker;
  const w = new Worker(new URL('./digest.worker.ts', import.meta.url), { type: 'module', name: 'digest' });
  w.onmessage = (event: MessageEvent<{ id: number; hex?: string; error?: string }>) => {
    const job = pending.get(event.data.id);
    pending.delete(event.data.id);
    if (event.data.hex !== undefined) job?.resolve(event.data.hex);
    else job?.reject(new Error(event.data.error ?? 'the digest worker failed'));
  };
  w.onerror = () => {
    for (const job of pending.values()) job.reject(new Error('the digest worker stopped'));
    pending.clear();
    worker = null;
  };
  worker = w;
  return w;
}

/**
 * SHA-256 (lower-case hex) of `data` in the digest worker; on this thread if the worker fails. `handOver`: the caller
 * is done with `data`, which is then transferred as it is when it spans its whole buffer (copying a report of
 * megabytes was tens of ms of the interface thread), and copied otherwise.
 */
export async function digestInWorker(data: Uint8Array, handOver = false): Promise<string> {
  const length = data.byteLength;
  try {
    const whole = data.byteOffset === 0 && data.byteLength === data.buffer.byteLength && data.buffer instanceof ArrayBuffer;
    const copy = handOver && whole ? data : data.slice();
    const id = next++;
    return await new Promise<string>((resolve, reject) => {
      pending.set(id, { resolve, reject });
      started().postMessage({ id, bytes: copy }, [copy.buffer]);
    });
  } catch (e) {
    // Bytes handed over and gone with the worker cannot be hashed here: an error, never the hash of an empty array.
    if (data.byteLength !== length) throw e;
    return digestHere(data);
  }
}
