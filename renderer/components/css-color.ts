/**
 * CSS colour strings → RGBA bytes, for the WebGL point renderer (gl-points.ts), which takes colours as
 * numbers. The forms the views and the stylesheet use (hex, rgb(a), hsl(a)) are parsed here; anything else
 * (a named colour, color-mix, oklch) goes through a 1×1 Canvas 2D's fillStyle, which hands back hex or rgba().
 * Results are cached: a redraw of 10,000 points asks for a dozen distinct colours.
 */

/** Red, green, blue and alpha, each 0–255 (alpha not premultiplied). */
export type Rgba = [number, number, number, number];

const clamp255 = (v: number) => Math.max(0, Math.min(255, Math.round(v)));

function channel(s: string): number {
  return s.endsWith('%') ? (parseFloat(s) / 100) * 255 : parseFloat(s);
}

function alphaOf(s: string | undefined): number {
  if (s === undefined) return 255;
  return clamp255((s.endsWith('%') ? parseFloat(s) / 100 : parseFloat(s)) * 255);
}

/** The arguments of `name(...)`, in the comma form or the space form with `/ alpha`. */
function args(s: string, names: string[]): string[] | null {
  const m = /^([a-z]+)\((.*)\)$/.exec(s);
  if (!m || !names.includes(m[1])) return null;
  const parts = m[2].includes(',') ? m[2].split(',') : m[2].replace('/', ' ').split(/\s+/);
  const out = parts.map((p) => p.trim()).filter(Boolean);
  return out.length === 3 || out.length === 4 ? out : null;
}

function hslToRgb(h: number, s: number, l: number): [number, number, number] {
  // CSS Color 4, §7.1: the hue turned into the three channels.
  const a = s * Math.min(l, 1 - l);
  const f = (n: number) => {
    const k = (n + h / 30) % 12;
    return l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1));
  };
  return [f(0) * 255, f(8) * 255, f(4) * 255];
}

/** Parses hex (#rgb, #rgba, #rrggbb, #rrggbbaa), rgb()/rgba() and hsl()/hsla(); null for any other form. */
export function parseCssColor(input: string): Rgba | null {
  const s = input.trim().toLowerCase();
  if (s.startsWith('#')) {
    const hex = s.slice(1);
    if (!/^[0-9a-f]+$/.test(hex)) return null;
    if (hex.length === 3 || hex.length === 4) {
      const v = [...hex].map((c) => parseInt(c + c, 16));
      return [v[0], v[1], v[2], v[3] ?? 255];
    }
    if (hex.length === 6 || hex.length === 8) {
      const v = [0, 2, 4, 6].map((i) => (i < hex.length ? parseInt(hex.slice(i, i + 2), 16) : 255));
      return [v[0], v[1], v[2], v[3]];
    }
    return null;
  }
  const rgb = args(s, ['rgb', 'rgba']);
  if (rgb) {
    const v = rgb.slice(0, 3).map(channel);
    if (v.some(Number.isNaN)) return null;
    return [clamp255(v[0]), clamp255(v[1]), clamp255(v[2]), alphaOf(rgb[3])];
  }
  const hsl = args(s, ['hsl', 'hsla']);
  if (hsl) {
    const h = parseFloat(hsl[0]);
    const sat = parseFloat(hsl[1]) / 100;
    const l = parseFloat(hsl[2]) / 100;
    if ([h, sat, l].some(Number.isNaN)) return null;
    const [r, g, b] = hslToRgb(((h % 360) + 360) % 360, Math.max(0, Math.min(1, sat)), Math.max(0, Math.min(1, l)));
    return [clamp255(r), clamp255(g), clamp255(b), alphaOf(hsl[3])];
  }
  return null;
}

const cache = new Map<string, Rgba>();
let probe: CanvasRenderingContext2D | null | undefined;

/** The colour as RGBA bytes, cached; a form `parseCssColor` does not know is normalised by Canvas 2D (opaque black if none). */
export function colorToRgba(color: string): Rgba {
  const known = cache.get(color);
  if (known) return known;
  let rgba = parseCssColor(color);
  if (!rgba && typeof document !== 'undefined') {
    if (probe === undefined) probe = document.createElement('canvas').getContext('2d');
    if (probe) {
      probe.fillStyle = '#000000';
      probe.fillStyle = color;
      rgba = parseCssColor(String(probe.fillStyle));
    }
  }
  const out = rgba ?? [0, 0, 0, 255];
  if (cache.size > 4096) cache.clear();
  cache.set(color, out);
  return out;
}
