/**
 * A recorded figure (recording-context.ts) made into PNG bytes in figure-png.worker.ts (started on first use, kept).
 * The worker draws the pixels and encodes them; this thread only posts the operations. Where there is no
 * OffscreenCanvas, or the worker fails, the figure is drawn here instead (`null`: the caller draws it itself):
 * slower for the interface, never a missing figure.
 */
import type { RecordingContext } from '../components/figure/recording-context';

let worker: Worker | null = null;
let next = 0;
const pending = new Map<number, { resolve: (bytes: Uint8Array) => void; reject: (e: Error) => void }>();

function started(): Worker {
  if (worker) return worker;
  const w = new Worker(new URL('./figure-png.worker.ts', import.meta.url), { type: 'module', name: 'figure-png' });
  w.onmessage = (event: MessageEvent<{ id: number; bytes?: Uint8Array; error?: string }>) => {
    const job = pending.get(event.data.id);
    pending.delete(event.data.id);
    if (event.data.bytes) job?.resolve(event.data.bytes);
    else job?.reject(new Error(event.data.error ?? 'the figure worker failed'));
  };
  w.onerror = () => {
    for (const job of pending.values()) job.reject(new Error('the figure worker stopped'));
    pending.clear();
    worker = null;
  };
  worker = w;
  return w;
}

/** PNG bytes of `figure` (width × height CSS pixels, `scale` device pixels each) drawn in the worker; null where it cannot be. */
export async function pngInWorker(figure: RecordingContext, width: number, height: number, scale: number): Promise<Uint8Array | null> {
  if (typeof OffscreenCanvas === 'undefined' || typeof Worker === 'undefined' || typeof createImageBitmap === 'undefined') return null;
  try {
    const images = await Promise.all(figure.images.map((image) => createImageBitmap(image as ImageBitmapSource)));
    const id = next++;
    return await new Promise<Uint8Array>((resolve, reject) => {
      pending.set(id, { resolve, reject });
      started().postMessage({ id, width, height, scale, ops: figure.ops, images }, { transfer: images });
    });
  } catch {
    return null;
  }
}
