/**
 * The sprite atlas of PointsCanvas: one sprite per colour, size and ring, drawn once and found again; sprites never
 * overlap on a page; a full page starts another; the device pixel ratio sets the cell size.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SpriteAtlas, type Sprite } from '../../../renderer/components/sprite-atlas';

interface FakeCanvas {
  width: number;
  height: number;
  arcs: number;
  getContext(): unknown;
}

let created: FakeCanvas[] = [];

beforeEach(() => {
  created = [];
  vi.stubGlobal('document', {
    createElement: (tag: string) => {
      expect(tag).toBe('canvas');
      const canvas: FakeCanvas = {
        width: 300,
        height: 150,
        arcs: 0,
        getContext: () => ({
          save() {},
          restore() {},
          translate() {},
          scale() {},
          beginPath() {},
          arc: () => void canvas.arcs++,
          fill() {},
          stroke() {},
        }),
      };
      created.push(canvas);
      return canvas;
    },
  });
});

afterEach(() => vi.unstubAllGlobals());

const overlap = (a: Sprite, b: Sprite) => a.page === b.page && a.sx < b.sx + b.side && b.sx < a.sx + a.side && a.sy < b.sy + b.side && b.sy < a.sy + a.side;

describe('SpriteAtlas', () => {
  it('draws each colour, size and ring once and returns the same cell after', () => {
    const atlas = new SpriteAtlas(1);
    const a = atlas.disc('#f00', 3, null);
    expect(atlas.disc('#f00', 3, null)).toBe(a);
    expect(atlas.disc('#f00', 3, '#000')).not.toBe(a);
    expect(atlas.disc('#0f0', 3, null)).not.toBe(a);
    expect(atlas.disc('#f00', 3.5, null)).not.toBe(a);
    expect(atlas.size).toBe(4);
    expect(created).toHaveLength(1);
    expect(created[0].arcs).toBe(4);
  });

  it('sizes cells in device pixels: radius, a 2 px margin each side, times the ratio', () => {
    expect(new SpriteAtlas(1).disc('#f00', 3, null).side).toBe(10);
    expect(new SpriteAtlas(2).disc('#f00', 3, null).side).toBe(20);
    expect(new SpriteAtlas(1.5).disc('#f00', 2.5, null).side).toBe(14);
  });

  it('packs thousands of sprites without overlap, opening a page when one is full', () => {
    const atlas = new SpriteAtlas(2);
    const sprites: Sprite[] = [];
    for (let k = 0; k < 3000; k++) sprites.push(atlas.disc(`hsl(${k} 50% 50%)`, 2 + (k % 9) * 1.5, k % 2 ? '#000' : null));
    expect(created.length).toBeGreaterThan(1);
    for (const s of sprites) {
      expect(s.sx + s.side).toBeLessThanOrEqual(s.page.width);
      expect(s.sy + s.side).toBeLessThanOrEqual(s.page.height);
    }
    // Neighbours in the order of placement are where overlaps would come from.
    for (let k = 1; k < sprites.length; k++) expect(overlap(sprites[k - 1], sprites[k])).toBe(false);
    const onFirst = sprites.filter((s) => s.page === sprites[0].page);
    for (let i = 0; i < onFirst.length; i++) for (let j = i + 1; j < onFirst.length; j++) expect(overlap(onFirst[i], onFirst[j])).toBe(false);
  });

  it('gives a sprite larger than a page a page of its own', () => {
    const atlas = new SpriteAtlas(1);
    atlas.disc('#f00', 3, null);
    const big = atlas.disc('#f00', 600, null);
    expect(big.side).toBe(1204);
    expect(big.page.width).toBeGreaterThanOrEqual(1204);
    expect(big.sx).toBe(0);
  });
});
