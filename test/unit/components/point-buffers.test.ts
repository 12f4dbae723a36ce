/**
 * Packing a point set for the WebGL renderer: positions relative to the centre of their extent (float32 keeps the
 * digits that matter), colours as bytes, radii and flags, in the drawing order of the Canvas 2D path (by colour,
 * the unselected first, the selected last, bigger and ringed).
 */
import { describe, expect, it } from 'vitest';
import { drawOrder, FLAG_DIM, FLAG_RING, FLAG_SQUARE, groupByColor, packPoints, SELECTED_GROWTH } from '../../../renderer/components/point-buffers';

const points = {
  ids: ['a', 'b', 'c', 'd', 'e'],
  x: Float64Array.from([1_000_000, 1_000_010, 1_000_020, 1_000_030, 1_000_040]),
  y: Float64Array.from([-5, 5, 0, 2, -2]),
  colors: ['#ff0000', '#00ff00', '#ff0000', 'rgb(0, 0, 255)', '#00ff00'],
};

describe('groupByColor', () => {
  it('groups indices by colour in order of first appearance', () => {
    expect([...groupByColor(points.colors)]).toEqual([
      ['#ff0000', [0, 2]],
      ['#00ff00', [1, 4]],
      ['rgb(0, 0, 255)', [3]],
    ]);
  });
});

describe('drawOrder', () => {
  it('draws by colour group when nothing is selected', () => {
    expect([...drawOrder(points, new Set())]).toEqual([0, 2, 1, 4, 3]);
  });

  it('draws the selected last, still by colour group', () => {
    expect([...drawOrder(points, new Set(['e', 'a']))]).toEqual([2, 1, 3, 0, 4]);
  });
});

describe('packPoints', () => {
  it('keeps positions relative to the centre of the extent, exactly enough for float32', () => {
    const p = packPoints(points, new Set(), 3);
    expect(p.count).toBe(5);
    expect(p.centre).toEqual([1_000_020, 0]);
    // Drawing order 0, 2, 1, 4, 3.
    expect([...p.xy]).toEqual([-20, -5, 0, 0, -10, 5, 20, -2, 10, 2]);
    expect([...p.order]).toEqual([0, 2, 1, 4, 3]);
  });

  it('packs colours as bytes and the default radius, no flags when nothing is selected', () => {
    const p = packPoints(points, new Set(), 3);
    expect([...p.rgba.slice(0, 4)]).toEqual([255, 0, 0, 255]);
    expect([...p.rgba.slice(16, 20)]).toEqual([0, 0, 255, 255]);
    expect([...p.radius]).toEqual([3, 3, 3, 3, 3]);
    expect([...p.flags]).toEqual([0, 0, 0, 0, 0]);
  });

  it('rings and grows the selected, dims the others', () => {
    const p = packPoints(points, new Set(['b']), 3);
    expect([...p.order]).toEqual([0, 2, 4, 3, 1]);
    expect([...p.flags]).toEqual([FLAG_DIM, FLAG_DIM, FLAG_DIM, FLAG_DIM, FLAG_RING]);
    expect(p.radius[4]).toBe(3 + SELECTED_GROWTH);
    expect([...p.rgba.slice(16, 20)]).toEqual([0, 255, 0, 255]);
  });

  it('dims every point when the selection holds none of them (as the 2D path does)', () => {
    const p = packPoints(points, new Set(['elsewhere']), 3);
    expect([...p.flags]).toEqual([FLAG_DIM, FLAG_DIM, FLAG_DIM, FLAG_DIM, FLAG_DIM]);
  });

  it('keeps per-point radii and squares', () => {
    const p = packPoints({ ...points, radii: Float64Array.from([2, 4, 6, 8, 10]), squares: Uint8Array.from([0, 0, 0, 1, 0]) }, new Set(['d']), 3);
    expect([...p.order]).toEqual([0, 2, 1, 4, 3]);
    expect([...p.radius]).toEqual([2, 6, 4, 10, 8 + SELECTED_GROWTH]);
    expect([...p.flags]).toEqual([FLAG_DIM, FLAG_DIM, FLAG_DIM, FLAG_DIM, FLAG_SQUARE | FLAG_RING]);
  });

  it('packs an empty set', () => {
    const p = packPoints({ ids: [], x: new Float64Array(), y: new Float64Array(), colors: [] }, new Set(), 3);
    expect(p.count).toBe(0);
    expect(p.centre).toEqual([0, 0]);
    expect(p.xy.length).toBe(0);
  });
});
