/**
 * The case network's layout by d3-force (a velocity-Verlet simulation: links as springs, Barnes–Hut many-body
 * repulsion in O(n log n), collision by node radius, a weak pull to the centre that keeps separate components in
 * view), seeded so that the same graph always settles the same way. Runs in layout.worker.ts, in slices
 * (`stepFor`) between which it posts its progress: no step ever runs on the interface thread.
 */
import { forceCollide, forceLink, forceManyBody, forceSimulation, forceX, forceY, type SimulationLinkDatum, type SimulationNodeDatum } from 'd3-force';
import { mulberry32 } from '../../../shared/profiling/util/rng';

export const FORCE_LAYOUT_DEFAULTS = {
  /** Ticks of the simulation: alpha falls from 1 to d3's alphaMin (0.001) over them. */
  steps: 300,
  seed: 7,
  /** Rest length of a link beyond the two nodes' radii, px. */
  linkGap: 28,
  /** Many-body strength per unit of node weight (negative: repulsion). */
  charge: -40,
  /** Room kept around a node beyond its radius, for its label. */
  padding: 5,
} as const;

/** d3-force's default alphaMin: the simulation is settled below it. */
const ALPHA_MIN = 0.001;

export interface ForceLayout {
  x: Float64Array;
  y: Float64Array;
  /** Steps done and the total planned. */
  done: number;
  total: number;
  /** Runs steps until `ms` milliseconds have passed or the layout is done; returns true when done. */
  stepFor(ms: number): boolean;
}

interface Node extends SimulationNodeDatum {
  index: number;
}

/** Edges as index pairs into the nodes; `weight` per node makes heavy nodes push harder; `radius` in px. */
export function forceLayout(n: number, edges: Int32Array, weight: Float64Array, radius: Float64Array, options: { steps?: number; seed?: number } = {}): ForceLayout {
  const steps = options.steps ?? FORCE_LAYOUT_DEFAULTS.steps;
  const nodes: Node[] = Array.from({ length: n }, (_, index) => ({ index }));
  const links: SimulationLinkDatum<Node>[] = Array.from({ length: edges.length / 2 }, (_, e) => ({ source: edges[2 * e], target: edges[2 * e + 1] }));
  const rng = mulberry32(options.seed ?? FORCE_LAYOUT_DEFAULTS.seed);
  const sim = forceSimulation(nodes)
    .randomSource(() => rng.next())
    .alphaDecay(1 - ALPHA_MIN ** (1 / steps))
    .force('link', forceLink(links).distance((l) => radius[(l.source as Node).index] + radius[(l.target as Node).index] + FORCE_LAYOUT_DEFAULTS.linkGap))
    .force('charge', forceManyBody<Node>().strength((d) => FORCE_LAYOUT_DEFAULTS.charge * weight[d.index]).distanceMax(400))
    .force('collide', forceCollide<Node>((d) => radius[d.index] + FORCE_LAYOUT_DEFAULTS.padding).iterations(2))
    .force('x', forceX<Node>(0).strength(0.04))
    .force('y', forceY<Node>(0).strength(0.04))
    .stop();
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  const copy = () => {
    for (let i = 0; i < n; i++) {
      x[i] = nodes[i].x ?? 0;
      // d3's y grows down; the canvas's data coordinates grow up: flipped, so that the picture is d3's.
      y[i] = -(nodes[i].y ?? 0);
    }
  };
  copy();
  let done = 0;
  return {
    x,
    y,
    get done() {
      return done;
    },
    total: steps,
    stepFor(ms: number) {
      const end = performance.now() + ms;
      while (done < steps && performance.now() < end) {
        sim.tick();
        done++;
      }
      copy();
      return done >= steps;
    },
  };
}
