import { describe, expect, it } from 'vitest';
import { forceLayout } from '../../../renderer/views/network/force-layout';

/** 40 cases in 8 groups, each group meeting at a class hub (as the case network is built). */
function graph() {
  const n = 48;
  const edges: number[] = [];
  for (let c = 0; c < 40; c++) edges.push(c, 40 + Math.floor(c / 5));
  const radius = Float64Array.from({ length: n }, (_, i) => (i >= 40 ? 6 : 3 + (i % 4)));
  return { n, edges: Int32Array.from(edges), weight: new Float64Array(n).fill(1), radius };
}

function settle(g: ReturnType<typeof graph>) {
  const sim = forceLayout(g.n, g.edges, g.weight, g.radius);
  let slices = 0;
  while (!sim.stepFor(5)) slices++;
  return { sim, slices };
}

describe('the case network layout (d3-force)', () => {
  it('settles the same way every time, in slices', () => {
    const a = settle(graph());
    const b = settle(graph());
    expect(a.sim.done).toBe(300);
    expect(Array.from(a.sim.x)).toEqual(Array.from(b.sim.x));
    expect(Array.from(a.sim.y)).toEqual(Array.from(b.sim.y));
    expect(a.slices).toBeGreaterThanOrEqual(0);
  });

  it('keeps nodes apart and cases near their class', () => {
    const g = graph();
    const { sim } = settle(g);
    const d = (i: number, j: number) => Math.hypot(sim.x[i] - sim.x[j], sim.y[i] - sim.y[j]);
    let overlaps = 0;
    for (let i = 0; i < g.n; i++) for (let j = i + 1; j < g.n; j++) if (d(i, j) < g.radius[i] + g.radius[j]) overlaps++;
    expect(overlaps).toBe(0);
    // A case sits nearer its own class's hub than any other hub.
    for (let c = 0; c < 40; c++) {
      const own = d(c, 40 + Math.floor(c / 5));
      for (let h = 40; h < 48; h++) if (h !== 40 + Math.floor(c / 5)) expect(own).toBeLessThan(d(c, h));
    }
  });
});
