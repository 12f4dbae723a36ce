/**
 * A dendrogram that stays readable at 10,000 samples: the tree (a scipy linkage matrix) is shown down to at
 * most `maxLeaves` branches, the lower ones collapsed into leaves (scipy's truncate_mode 'lastp'); where the
 * classes at the cut number fewer than that, every class is exactly one leaf. Each leaf knows its samples
 * and its class (or that it mixes classes). O(n) after the linkage.
 */

export interface DendroNode {
  /** Cluster id in scipy numbering (samples 0…n−1, merge k is n + k). */
  id: number;
  x: number;
  height: number;
  children: [number, number] | null;
  /** Index of the first and one past the last of its leaves in `leaves`. */
  from: number;
  to: number;
}

export interface DendroLeaf {
  id: number;
  /** Sample indices (matrix order). */
  members: number[];
  /** The class all members share, or null when they mix classes. */
  classId: number | null;
  /** The commonest class among the members. */
  majority: number;
  height: number;
}

export interface Dendrogram {
  leaves: DendroLeaf[];
  /** Internal nodes shown, bottom-up (children before parents). */
  nodes: DendroNode[];
  maxHeight: number;
}

/** Number of clusters the tree falls into when cut at `threshold` (merges above it, plus one). */
export function clustersAtCut(z: Float64Array, threshold: number): number {
  const rows = z.length / 4;
  let above = 0;
  for (let k = 0; k < rows; k++) if (z[k * 4 + 2] > threshold) above++;
  return above + 1;
}

export function layoutDendrogram(z: Float64Array, classIds: Int32Array, threshold: number | null, maxLeaves = 400): Dendrogram {
  const n = classIds.length;
  const rows = z.length / 4;
  if (n === 0) return { leaves: [], nodes: [], maxHeight: 0 };
  if (n === 1) return { leaves: [{ id: 0, members: [0], classId: classIds[0], majority: classIds[0], height: 0 }], nodes: [], maxHeight: 0 };
  const atCut = threshold === null ? maxLeaves : clustersAtCut(z, threshold);
  const p = Math.max(2, Math.min(n, atCut <= maxLeaves ? atCut : maxLeaves));
  // The last p − 1 merges are shown; their children that are not shown merges become leaves.
  const firstShown = rows - (p - 1);
  const shown = (id: number) => id >= n && id - n >= firstShown;
  const leaves: DendroLeaf[] = [];
  const nodes: DendroNode[] = [];
  const nodeAt = new Map<number, DendroNode>();
  const members = (id: number): number[] => {
    const out: number[] = [];
    const stack = [id];
    while (stack.length) {
      const c = stack.pop()!;
      if (c < n) out.push(c);
      else stack.push(z[(c - n) * 4], z[(c - n) * 4 + 1]);
    }
    return out;
  };
  // In-order walk from the root, iteratively (10,000-deep chains are possible with single linkage).
  const root = n + rows - 1;
  const stack: { id: number; state: 0 | 1 }[] = [{ id: root, state: 0 }];
  while (stack.length) {
    const top = stack.pop()!;
    if (!shown(top.id)) {
      const m = members(top.id);
      const counts = new Map<number, number>();
      for (const i of m) counts.set(classIds[i], (counts.get(classIds[i]) ?? 0) + 1);
      const majority = [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0][0];
      leaves.push({ id: top.id, members: m, classId: counts.size === 1 ? majority : null, majority, height: top.id >= n ? z[(top.id - n) * 4 + 2] : 0 });
      continue;
    }
    const k = top.id - n;
    const a = z[k * 4];
    const b = z[k * 4 + 1];
    if (top.state === 0) {
      stack.push({ id: top.id, state: 1 }, { id: b, state: 0 }, { id: a, state: 0 });
      nodeAt.set(top.id, { id: top.id, x: 0, height: z[k * 4 + 2], children: [a, b], from: leaves.length, to: 0 });
    } else {
      const node = nodeAt.get(top.id)!;
      node.to = leaves.length;
      nodes.push(node);
    }
  }
  // x of a leaf is its position; of a node, the middle of its children.
  const xOf = new Map<number, number>();
  leaves.forEach((l, i) => xOf.set(l.id, i + 0.5));
  for (const node of nodes) {
    node.x = ((xOf.get(node.children![0]) ?? 0) + (xOf.get(node.children![1]) ?? 0)) / 2;
    xOf.set(node.id, node.x);
  }
  return { leaves, nodes, maxHeight: nodes.length ? nodes[nodes.length - 1].height : 0 };
}

/** x of a shown node or leaf by cluster id. */
export function positions(d: Dendrogram): Map<number, { x: number; height: number }> {
  const out = new Map<number, { x: number; height: number }>();
  d.leaves.forEach((l, i) => out.set(l.id, { x: i + 0.5, height: l.height }));
  for (const node of d.nodes) out.set(node.id, { x: node.x, height: node.height });
  return out;
}
