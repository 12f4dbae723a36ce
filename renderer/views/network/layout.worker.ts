/**
 * The case network's force layout (d3-force) in a Web Worker: a step can take tens of milliseconds when thousands of
 * cases crowd together, so no step runs on the UI thread. Posts the positions every 250 ms and at the end: each post
 * redraws the canvas on the UI thread, and without a GPU every redraw also costs a compositor commit (tens of ms), so
 * the layout settles in a few frames rather than many.
 */
import { forceLayout } from './force-layout';

export interface LayoutRequest {
  n: number;
  edges: Int32Array;
  weight: Float64Array;
  /** Node radii in px (collision). */
  radius: Float64Array;
}

export interface LayoutProgress {
  x: Float64Array;
  y: Float64Array;
  progress: number;
}

const POST_EVERY_MS = 250;

self.onmessage = (event: MessageEvent<LayoutRequest>) => {
  const { n, edges, weight, radius } = event.data;
  const sim = forceLayout(n, edges, weight, radius);
  const post = () => {
    const x = Float64Array.from(sim.x);
    const y = Float64Array.from(sim.y);
    const message: LayoutProgress = { x, y, progress: sim.done / sim.total };
    self.postMessage(message, { transfer: [x.buffer, y.buffer] });
  };
  while (!sim.stepFor(POST_EVERY_MS)) post();
  post();
};
