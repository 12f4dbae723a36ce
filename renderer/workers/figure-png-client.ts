/**
 * A recorded figure (recording-context.ts) made into PNG bytes in figure-png.worker.ts (started on first use, kept).
 * The worker draws the pixels and encodes them; this thread only posts the operations. Where there is no
 * OffscreenCanvas, or the worker fails, the figure is drawn here instead (`null`: the caller draws it itself):
 * slower for the interface, never a missing figure.
 */
import type { RecordingContext } from '../components/figure/recording-context';
import { KeptWorker, type KeptAnswer } from './kept-worker';

const worker = new KeptWorker<KeptAnswer & { bytes?: Uint8Array }, Uint8Array>(
  () => new Worker(new URL('./figure-png.worker.ts', import.meta.url), { type: 'module', name: 'figure-png' }),
  'figure worker',
  (answer) => answer.bytes,
);

/** PNG bytes of `figure` (width × height CSS pixels, `scale` device pixels each) drawn in the worker; null where it cannot be. */
export async function pngInWorker(figure: RecordingContext, width: number, height: number, scale: number): Promise<Uint8Array | null> {
  if (typeof OffscreenCanvas === 'undefined' || typeof Worker === 'undefined' || typeof createImageBitmap === 'undefined') return null;
  try {
    const images = await Promise.all(figure.images.map((image) => createImageBitmap(image as ImageBitmapSource)));
    return await worker.post((id) => ({ id, width, height, scale, ops: figure.ops, images }), images);
  } catch {
    return null;
  }
}
