/**
 * A figure's PNG made off the interface thread: each message is { id, width, height, scale, ops, images } (the
 * drawing recorded by recording-context.ts, images as ImageBitmaps, transferred), each answer { id, bytes } (the PNG,
 * transferred) or { id, error }. The operations are replayed on an OffscreenCanvas at `scale` device pixels per CSS
 * pixel, and the canvas encoded by convertToBlob: both the drawing of its pixels and the encoding happen here.
 */
import { replayFigure, type FigureOp } from '../components/figure/recording-context';

interface Job {
  id: number;
  width: number;
  height: number;
  scale: number;
  ops: FigureOp[];
  images: ImageBitmap[];
}

self.onmessage = (event: MessageEvent<Job>) => {
  const { id, width, height, scale, ops, images } = event.data;
  (async () => {
    const canvas = new OffscreenCanvas(Math.round(width * scale), Math.round(height * scale));
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no 2D context on an OffscreenCanvas');
    ctx.scale(scale, scale);
    replayFigure(ctx, ops, images);
    for (const image of images) image.close();
    const blob = await canvas.convertToBlob({ type: 'image/png' });
    return new Uint8Array(await blob.arrayBuffer());
  })().then(
    (bytes) => self.postMessage({ id, bytes }, { transfer: [bytes.buffer] }),
    (e: Error) => self.postMessage({ id, error: String(e?.message ?? e) }),
  );
};
