/**
 * CSS colour strings → RGBA bytes for the WebGL points: the forms the views and the stylesheet use parse without
 * a DOM; another form goes through a canvas's fillStyle once and is cached.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { colorToRgba, parseCssColor } from '../../../renderer/components/css-color';

afterEach(() => vi.unstubAllGlobals());

describe('parseCssColor', () => {
  it('reads the hex forms', () => {
    expect(parseCssColor('#4e79a7')).toEqual([0x4e, 0x79, 0xa7, 255]);
    expect(parseCssColor('#F59E0B')).toEqual([0xf5, 0x9e, 0x0b, 255]);
    expect(parseCssColor('#abc')).toEqual([0xaa, 0xbb, 0xcc, 255]);
    expect(parseCssColor('#abc8')).toEqual([0xaa, 0xbb, 0xcc, 0x88]);
    expect(parseCssColor('#11223380')).toEqual([0x11, 0x22, 0x33, 0x80]);
    expect(parseCssColor('#12345')).toBeNull();
    expect(parseCssColor('#ggg')).toBeNull();
  });

  it('reads rgb() and rgba(), with commas or spaces, numbers or percentages', () => {
    expect(parseCssColor('rgb(10, 20, 30)')).toEqual([10, 20, 30, 255]);
    expect(parseCssColor('rgba(10,20,30,0.5)')).toEqual([10, 20, 30, 128]);
    expect(parseCssColor('rgb(10 20 30 / 25%)')).toEqual([10, 20, 30, 64]);
    expect(parseCssColor('rgb(100%, 0%, 50%)')).toEqual([255, 0, 128, 255]);
    expect(parseCssColor('rgb(300, -5, 20)')).toEqual([255, 0, 20, 255]);
  });

  it('reads hsl() and hsla()', () => {
    expect(parseCssColor('hsl(0, 100%, 50%)')).toEqual([255, 0, 0, 255]);
    expect(parseCssColor('hsl(120 100% 25%)')).toEqual([0, 128, 0, 255]);
    expect(parseCssColor('hsla(240, 100%, 50%, 0.5)')).toEqual([0, 0, 255, 128]);
    expect(parseCssColor('hsl(-120, 100%, 50%)')).toEqual([0, 0, 255, 255]);
  });

  it('leaves other forms to the canvas', () => {
    expect(parseCssColor('rebeccapurple')).toBeNull();
    expect(parseCssColor('oklch(0.7 0.1 200)')).toBeNull();
  });
});

describe('colorToRgba', () => {
  it('normalises an unknown form through a 2D context once, then from the cache', () => {
    let reads = 0;
    const ctx = {
      value: '#000000',
      set fillStyle(v: string) {
        this.value = v === 'tomato' ? '#ff6347' : v;
      },
      get fillStyle() {
        reads++;
        return this.value;
      },
    };
    vi.stubGlobal('document', { createElement: () => ({ getContext: () => ctx }) });
    expect(colorToRgba('tomato')).toEqual([255, 99, 71, 255]);
    expect(colorToRgba('tomato')).toEqual([255, 99, 71, 255]);
    expect(reads).toBe(1);
    expect(colorToRgba('#010203')).toEqual([1, 2, 3, 255]);
  });
});
