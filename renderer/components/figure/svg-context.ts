/**
 * A Canvas 2D context that writes SVG: the views draw their canvas figures (dendrogram, heatmap, map, PCA, network)
 * through the CanvasRenderingContext2D calls listed in `FigureContext`, and the same drawing code then saves a vector
 * figure, so that the file shows what the screen shows. Written here because the libraries that do this (canvas2svg,
 * svgcanvas) build a DOM node per call and serialise it afterwards (10,000 points are 10,000 nodes held at once), and
 * implement far more of the API than we draw with; this one appends strings. Paths are kept in user units after the
 * current transform; text is positioned by the same transform (rotations included) and escaped.
 */

/** The part of CanvasRenderingContext2D the figures draw with. */
export type FigureContext = Pick<
  CanvasRenderingContext2D,
  | 'fillStyle' | 'strokeStyle' | 'lineWidth' | 'globalAlpha' | 'font' | 'textAlign' | 'textBaseline' | 'lineJoin' | 'lineCap'
  | 'beginPath' | 'moveTo' | 'lineTo' | 'closePath' | 'arc' | 'rect' | 'ellipse' | 'fill' | 'stroke' | 'fillRect' | 'strokeRect' | 'clearRect'
  | 'fillText' | 'strokeText' | 'measureText' | 'save' | 'restore' | 'translate' | 'rotate' | 'scale' | 'transform' | 'setTransform' | 'setLineDash' | 'drawImage'
>;

type M = [number, number, number, number, number, number];
const ID: M = [1, 0, 0, 1, 0, 0];
const mul = (a: M, b: M): M => [a[0] * b[0] + a[2] * b[1], a[1] * b[0] + a[3] * b[1], a[0] * b[2] + a[2] * b[3], a[1] * b[2] + a[3] * b[3], a[0] * b[4] + a[2] * b[5] + a[4], a[1] * b[4] + a[3] * b[5] + a[5]];
const r2 = (v: number) => String(Math.round(v * 100) / 100);
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

interface State {
  fillStyle: string;
  strokeStyle: string;
  lineWidth: number;
  globalAlpha: number;
  font: string;
  textAlign: CanvasTextAlign;
  textBaseline: CanvasTextBaseline;
  lineJoin: CanvasLineJoin;
  lineCap: CanvasLineCap;
  dash: number[];
  m: M;
}

/** A FigureContext whose drawing becomes an SVG document (`toSvg`). Widths and heights in CSS pixels. */
export class SvgContext {
  private parts: string[] = [];
  private path = '';
  private s: State = { fillStyle: '#000000', strokeStyle: '#000000', lineWidth: 1, globalAlpha: 1, font: '10px sans-serif', textAlign: 'start', textBaseline: 'alphabetic', lineJoin: 'miter', lineCap: 'butt', dash: [], m: [...ID] };
  private stack: State[] = [];
  private measure: CanvasRenderingContext2D | null;

  constructor(readonly width: number, readonly height: number) {
    this.measure = typeof document !== 'undefined' ? document.createElement('canvas').getContext('2d') : null;
  }

  get fillStyle() { return this.s.fillStyle; }
  set fillStyle(v: string | CanvasGradient | CanvasPattern) { this.s.fillStyle = String(v); }
  get strokeStyle() { return this.s.strokeStyle; }
  set strokeStyle(v: string | CanvasGradient | CanvasPattern) { this.s.strokeStyle = String(v); }
  get lineWidth() { return this.s.lineWidth; }
  set lineWidth(v: number) { this.s.lineWidth = v; }
  get globalAlpha() { return this.s.globalAlpha; }
  set globalAlpha(v: number) { this.s.globalAlpha = v; }
  get font() { return this.s.font; }
  set font(v: string) { this.s.font = v; }
  get textAlign() { return this.s.textAlign; }
  set textAlign(v: CanvasTextAlign) { this.s.textAlign = v; }
  get textBaseline() { return this.s.textBaseline; }
  set textBaseline(v: CanvasTextBaseline) { this.s.textBaseline = v; }
  get lineJoin() { return this.s.lineJoin; }
  set lineJoin(v: CanvasLineJoin) { this.s.lineJoin = v; }
  get lineCap() { return this.s.lineCap; }
  set lineCap(v: CanvasLineCap) { this.s.lineCap = v; }

  save() { this.stack.push({ ...this.s, dash: [...this.s.dash], m: [...this.s.m] as M }); }
  restore() { const s = this.stack.pop(); if (s) this.s = s; }
  setTransform(a: number | DOMMatrix2DInit = 1, b = 0, c = 0, d = 1, e = 0, f = 0) {
    this.s.m = typeof a === 'number' ? [a, b, c, d, e, f] : [a.a ?? 1, a.b ?? 0, a.c ?? 0, a.d ?? 1, a.e ?? 0, a.f ?? 0];
  }
  transform(a: number, b: number, c: number, d: number, e: number, f: number) { this.s.m = mul(this.s.m, [a, b, c, d, e, f]); }
  translate(x: number, y: number) { this.s.m = mul(this.s.m, [1, 0, 0, 1, x, y]); }
  scale(x: number, y: number) { this.s.m = mul(this.s.m, [x, 0, 0, y, 0, 0]); }
  rotate(a: number) { this.s.m = mul(this.s.m, [Math.cos(a), Math.sin(a), -Math.sin(a), Math.cos(a), 0, 0]); }
  setLineDash(d: number[]) { this.s.dash = [...d]; }

  private pt(x: number, y: number): string {
    const m = this.s.m;
    return `${r2(m[0] * x + m[2] * y + m[4])} ${r2(m[1] * x + m[3] * y + m[5])}`;
  }
  /** How much the transform scales lengths (for line widths and radii). */
  private get k() { const m = this.s.m; return Math.sqrt(Math.abs(m[0] * m[3] - m[1] * m[2])); }

  beginPath() { this.path = ''; }
  moveTo(x: number, y: number) { this.path += `M${this.pt(x, y)}`; }
  lineTo(x: number, y: number) { this.path += `L${this.pt(x, y)}`; }
  closePath() { this.path += 'Z'; }
  rect(x: number, y: number, w: number, h: number) { this.path += `M${this.pt(x, y)}L${this.pt(x + w, y)}L${this.pt(x + w, y + h)}L${this.pt(x, y + h)}Z`; }
  arc(x: number, y: number, r: number, a0: number, a1: number, ccw = false) {
    const m = this.s.m;
    // A whole circle under a transform without rotation: two SVG arcs (a tenth of the bytes of a polyline).
    if (Math.abs(a1 - a0) >= 2 * Math.PI - 1e-9 && m[1] === 0 && m[2] === 0 && Math.abs(m[0]) === Math.abs(m[3])) {
      const rr = r * Math.abs(m[0]);
      const [cx, cy] = [m[0] * x + m[4], m[3] * y + m[5]];
      this.path += `M${r2(cx - rr)} ${r2(cy)}a${r2(rr)} ${r2(rr)} 0 1 0 ${r2(2 * rr)} 0a${r2(rr)} ${r2(rr)} 0 1 0 ${r2(-2 * rr)} 0`;
      return;
    }
    this.ellipse(x, y, r, r, 0, a0, a1, ccw);
  }
  ellipse(x: number, y: number, rx: number, ry: number, rot: number, a0: number, a1: number, ccw = false) {
    // As a polyline of short segments: exact enough at print sizes, and any transform (a flipped y) applies as is.
    let sweep = a1 - a0;
    if (ccw) sweep = -((a0 - a1 + 2 * Math.PI * 8) % (2 * Math.PI) || 2 * Math.PI);
    else if (sweep >= 2 * Math.PI) sweep = 2 * Math.PI;
    const steps = Math.max(8, Math.min(96, Math.ceil((Math.abs(sweep) * Math.max(rx, ry) * this.k) / 3)));
    const [c, s] = [Math.cos(rot), Math.sin(rot)];
    for (let i = 0; i <= steps; i++) {
      const a = a0 + (sweep * i) / steps;
      const [ex, ey] = [rx * Math.cos(a), ry * Math.sin(a)];
      this.path += `${i === 0 && this.path === '' ? 'M' : 'L'}${this.pt(x + ex * c - ey * s, y + ex * s + ey * c)}`;
    }
  }

  private alpha(): string { return this.s.globalAlpha < 1 ? ` opacity="${r2(this.s.globalAlpha)}"` : ''; }
  fill(rule?: CanvasFillRule | Path2D) {
    if (!this.path) return;
    this.parts.push(`<path d="${this.path}" fill="${esc(this.s.fillStyle)}"${rule === 'evenodd' ? ' fill-rule="evenodd"' : ''}${this.alpha()}/>`);
  }
  stroke() {
    if (!this.path) return;
    const dash = this.s.dash.length ? ` stroke-dasharray="${this.s.dash.map((d) => r2(d * this.k)).join(' ')}"` : '';
    this.parts.push(`<path d="${this.path}" fill="none" stroke="${esc(this.s.strokeStyle)}" stroke-width="${r2(this.s.lineWidth * this.k)}" stroke-linejoin="${this.s.lineJoin}" stroke-linecap="${this.s.lineCap}"${dash}${this.alpha()}/>`);
  }
  fillRect(x: number, y: number, w: number, h: number) { const p = this.path; this.path = ''; this.rect(x, y, w, h); this.fill(); this.path = p; }
  strokeRect(x: number, y: number, w: number, h: number) { const p = this.path; this.path = ''; this.rect(x, y, w, h); this.stroke(); this.path = p; }
  clearRect() { /* a saved figure starts empty */ }

  measureText(text: string): TextMetrics {
    if (this.measure) { this.measure.font = this.s.font; return this.measure.measureText(text); }
    return { width: text.length * (parseFloat(this.s.font) || 10) * 0.55 } as TextMetrics;
  }
  private text(text: string, x: number, y: number, paint: string) {
    const anchor = this.s.textAlign === 'center' ? 'middle' : this.s.textAlign === 'right' || this.s.textAlign === 'end' ? 'end' : 'start';
    const base = { top: 'hanging', middle: 'central', bottom: 'text-after-edge', hanging: 'hanging', alphabetic: 'alphabetic', ideographic: 'ideographic' }[this.s.textBaseline];
    const m = this.s.m;
    const transform = `matrix(${[m[0], m[1], m[2], m[3], m[4], m[5]].map(r2).join(' ')})`;
    this.parts.push(`<text transform="${transform}" x="${r2(x)}" y="${r2(y)}" style="font: ${esc(this.s.font)}" text-anchor="${anchor}" dominant-baseline="${base}" ${paint}${this.alpha()}>${esc(text)}</text>`);
  }
  fillText(text: string, x: number, y: number) { this.text(text, x, y, `fill="${esc(this.s.fillStyle)}"`); }
  strokeText(text: string, x: number, y: number) { this.text(text, x, y, `fill="none" stroke="${esc(this.s.strokeStyle)}" stroke-width="${r2(this.s.lineWidth)}" stroke-linejoin="round"`); }

  /** Draws a canvas (a heatmap image) as an embedded PNG, scaled to the box; pixels kept sharp. */
  drawImage(image: CanvasImageSource, ...args: number[]) {
    if (!(typeof HTMLCanvasElement !== 'undefined' && image instanceof HTMLCanvasElement)) return;
    const [x, y, w, h] = args.length >= 4 ? args.slice(-4) : [args[0], args[1], image.width, image.height];
    const m = this.s.m;
    this.parts.push(`<image transform="matrix(${m.map(r2).join(' ')})" x="${r2(x)}" y="${r2(y)}" width="${r2(w)}" height="${r2(h)}" preserveAspectRatio="none" style="image-rendering: pixelated" href="${image.toDataURL('image/png')}"/>`);
  }

  /** The SVG document, with `title` as its accessible name. */
  toSvg(title: string, background?: string): string {
    const bg = background ? `<rect width="100%" height="100%" fill="${esc(background)}"/>` : '';
    return `<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="${r2(this.width)}" height="${r2(this.height)}" viewBox="0 0 ${r2(this.width)} ${r2(this.height)}" role="img"><title>${esc(title)}</title>${bg}${this.parts.join('')}</svg>\n`;
  }
}
