/**
 * Labels that do not overlap: each label, in priority order, takes the first of eight places around its point
 * (right, left, above, below, then the corners) whose box overlaps no label already placed and no mark listed
 * as an obstacle; a label with no free place is left out (its point's tooltip still names it). Greedy, like the
 * point-feature labelling of most map software (Christensen, Marks & Shieber 1995 compare it with the optimisers:
 * within a few per cent of their placements, at a fraction of the cost). Boxes are kept in a uniform grid, so a
 * check looks at a few cells: O(n) for n labels of similar size.
 */

export interface LabelRequest {
  /** Anchor in CSS pixels, and the radius of its mark (the label keeps clear of it). */
  x: number;
  y: number;
  r: number;
  text: string;
  width: number;
  /** Higher first. */
  priority: number;
}

export interface PlacedLabel {
  index: number;
  /** Left and baseline-middle of the text, CSS pixels. */
  x: number;
  y: number;
  align: 'left' | 'right' | 'center';
}

interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

const CELL = 48;

class BoxGrid {
  private cells = new Map<number, Box[]>();
  private key = (cx: number, cy: number) => cx * 100_003 + cy;
  add(b: Box) {
    for (let cx = Math.floor(b.x0 / CELL); cx <= Math.floor(b.x1 / CELL); cx++)
      for (let cy = Math.floor(b.y0 / CELL); cy <= Math.floor(b.y1 / CELL); cy++) {
        const k = this.key(cx, cy);
        const list = this.cells.get(k);
        if (list) list.push(b);
        else this.cells.set(k, [b]);
      }
  }
  hits(b: Box): boolean {
    for (let cx = Math.floor(b.x0 / CELL); cx <= Math.floor(b.x1 / CELL); cx++)
      for (let cy = Math.floor(b.y0 / CELL); cy <= Math.floor(b.y1 / CELL); cy++)
        for (const o of this.cells.get(this.key(cx, cy)) ?? []) if (b.x0 < o.x1 && o.x0 < b.x1 && b.y0 < o.y1 && o.y0 < b.y1) return true;
    return false;
  }
}

/**
 * Places labels of `height` px inside [0, w] × [0, h]; `obstacles` (marks: x, y, r) are kept clear too.
 * Returns the labels placed, in priority order.
 */
export function placeLabels(labels: readonly LabelRequest[], w: number, h: number, height = 12, obstacles: readonly { x: number; y: number; r: number }[] = []): PlacedLabel[] {
  const grid = new BoxGrid();
  for (const o of obstacles) grid.add({ x0: o.x - o.r, y0: o.y - o.r, x1: o.x + o.r, y1: o.y + o.r });
  const order = labels.map((_, i) => i).sort((a, b) => labels[b].priority - labels[a].priority || a - b);
  const out: PlacedLabel[] = [];
  const half = height / 2;
  for (const i of order) {
    const l = labels[i];
    const gap = l.r + 3;
    const candidates: [number, number, PlacedLabel['align']][] = [
      [l.x + gap, l.y, 'left'],
      [l.x - gap, l.y, 'right'],
      [l.x, l.y - gap - half, 'center'],
      [l.x, l.y + gap + half, 'center'],
      [l.x + gap * 0.7, l.y - gap * 0.7 - half, 'left'],
      [l.x - gap * 0.7, l.y - gap * 0.7 - half, 'right'],
      [l.x + gap * 0.7, l.y + gap * 0.7 + half, 'left'],
      [l.x - gap * 0.7, l.y + gap * 0.7 + half, 'right'],
    ];
    for (const [x, y, align] of candidates) {
      const x0 = align === 'left' ? x : align === 'right' ? x - l.width : x - l.width / 2;
      const box = { x0: x0 - 1, y0: y - half, x1: x0 + l.width + 1, y1: y + half };
      if (box.x0 < 0 || box.y0 < 0 || box.x1 > w || box.y1 > h || grid.hits(box)) continue;
      grid.add(box);
      out.push({ index: i, x, y, align });
      break;
    }
  }
  return out;
}
