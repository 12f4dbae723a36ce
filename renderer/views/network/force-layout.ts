/**
 * A small force-directed layout (Fruchterman–Reingold style) for the case network, written here because
 * the layout libraries on npm either build code at run time or pull in a framework. Repulsion only between
 * nodes in neighbouring grid cells (O(n) per step instead of O(n²)), spring attraction along edges, a weak
 * pull to the centre; the step shrinks as the layout cools. Runs in layout.worker.ts, in slices (`stepFor`)
 * between which it posts its progress.
 */
import { mulberry32 } from '../../../shared/profiling/util/rng';

export interface ForceLayout {
  x: Float64Array;
  y: Float64Array;
  /** Steps done and the total planned. */
  done: number;
  total: number;
  /** Runs steps until `ms` milliseconds have passed or the layout is done; returns true when done. */
  stepFor(ms: number): boolean;
}

/** Edges as index pairs into the nodes; `weight` per node makes heavy nodes push harder. Seeded, so reproducible. */
export function forceLayout(n: number, edges: Int32Array, weight: Float64Array, steps = 300, seed = 7): ForceLayout {
  const rng = mulberry32(seed);
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  const size = Math.sqrt(n) * 30 + 50;
  for (let i = 0; i < n; i++) {
    x[i] = (rng.next() - 0.5) * size;
    y[i] = (rng.next() - 0.5) * size;
  }
  const k = 30; // ideal edge length
  const cell = 3 * k;
  const dx = new Float64Array(n);
  const dy = new Float64Array(n);
  let done = 0;
  let temp = size / 8;

  const step = () => {
    dx.fill(0);
    dy.fill(0);
    const grid = new Map<string, number[]>();
    for (let i = 0; i < n; i++) {
      const key = `${Math.floor(x[i] / cell)},${Math.floor(y[i] / cell)}`;
      (grid.get(key) ?? grid.set(key, []).get(key)!).push(i);
    }
    for (const [key, members] of grid) {
      const [gx, gy] = key.split(',').map(Number);
      for (let ox = -1; ox <= 1; ox++)
        for (let oy = -1; oy <= 1; oy++) {
          const other = grid.get(`${gx + ox},${gy + oy}`);
          if (!other) continue;
          for (const i of members)
            for (const j of other) {
              if (j <= i) continue;
              let ddx = x[i] - x[j];
              let ddy = y[i] - y[j];
              let d2 = ddx * ddx + ddy * ddy;
              if (d2 < 1e-4) {
                ddx = rng.next() - 0.5;
                ddy = rng.next() - 0.5;
                d2 = 0.01;
              }
              if (d2 > cell * cell) continue;
              const f = (k * k * Math.sqrt(weight[i] * weight[j])) / d2;
              dx[i] += ddx * f;
              dy[i] += ddy * f;
              dx[j] -= ddx * f;
              dy[j] -= ddy * f;
            }
        }
    }
    for (let e = 0; e < edges.length; e += 2) {
      const a = edges[e];
      const b = edges[e + 1];
      const ddx = x[a] - x[b];
      const ddy = y[a] - y[b];
      const d = Math.sqrt(ddx * ddx + ddy * ddy) || 0.01;
      const f = d / k;
      dx[a] -= ddx * f;
      dy[a] -= ddy * f;
      dx[b] += ddx * f;
      dy[b] += ddy * f;
    }
    for (let i = 0; i < n; i++) {
      dx[i] -= x[i] * 0.02;
      dy[i] -= y[i] * 0.02;
      const d = Math.sqrt(dx[i] * dx[i] + dy[i] * dy[i]) || 1;
      const m = Math.min(d, temp);
      x[i] += (dx[i] / d) * m;
      y[i] += (dy[i] / d) * m;
    }
    temp = Math.max(temp * 0.985, 0.5);
    done++;
  };

  return {
    x,
    y,
    get done() {
      return done;
    },
    total: steps,
    stepFor(ms: number) {
      const end = performance.now() + ms;
      while (done < steps && performance.now() < end) step();
      return done >= steps;
    },
  };
}
