/**
 * A FigureContext that records its drawing as a list of operations instead of drawing, so that a figure's PNG is
 * rasterised and encoded off the interface thread (figure-png.worker.ts replays the list on an OffscreenCanvas). The
 * figure's own code runs here unchanged and in the same order: the worker makes the same Canvas 2D calls with the same
 * arguments the interface thread would have made, so the PNG holds the same pixels. Text is measured on this thread
 * (a label's place depends on its width) by a real 2D context kept at the recorded font.
 *
 * Why: Chromium draws a canvas's recorded operations only when its pixels are read; for the PCA scores (10,000 discs,
 * a selection's rings, at twice the pixels) that read, inside `toBlob`, held the interface thread 91–107 ms
 * (docs/VIEWS.md, Large data).
 */
import type { FigureContext } from './svg-context';

/** One recorded call: a method's name and its arguments, or `=name` and the value a property was set to. */
export type FigureOp = [string, ...unknown[]];

/** The properties a figure sets (FigureContext's), replayed as assignments. */
const PROPERTIES = ['fillStyle', 'strokeStyle', 'lineWidth', 'globalAlpha', 'font', 'textAlign', 'textBaseline', 'lineJoin', 'lineCap'] as const;
type Property = (typeof PROPERTIES)[number];
type State = Pick<CanvasRenderingContext2D, Property>;

const DEFAULTS: State = { fillStyle: '#000000', strokeStyle: '#000000', lineWidth: 1, globalAlpha: 1, font: '10px sans-serif', textAlign: 'start', textBaseline: 'alphabetic', lineJoin: 'miter', lineCap: 'butt' };

/** Records a figure's drawing (`ops`); images it draws are kept apart (`images`) and named in the ops by index. */
export class RecordingContext {
  readonly ops: FigureOp[] = [];
  readonly images: CanvasImageSource[] = [];
  private s: State = { ...DEFAULTS };
  private stack: State[] = [];
  private measurer: CanvasRenderingContext2D | null = null;

  private set<K extends Property>(k: K, v: State[K]) {
    this.s[k] = v;
    this.ops.push([`=${k}`, v]);
  }
  get fillStyle() { return this.s.fillStyle; }
  set fillStyle(v: string | CanvasGradient | CanvasPattern) { this.set('fillStyle', String(v)); }
  get strokeStyle() { return this.s.strokeStyle; }
  set strokeStyle(v: string | CanvasGradient | CanvasPattern) { this.set('strokeStyle', String(v)); }
  get lineWidth() { return this.s.lineWidth; }
  set lineWidth(v: number) { this.set('lineWidth', v); }
  get globalAlpha() { return this.s.globalAlpha; }
  set globalAlpha(v: number) { this.set('globalAlpha', v); }
  get font() { return this.s.font; }
  set font(v: string) { this.set('font', v); }
  get textAlign() { return this.s.textAlign; }
  set textAlign(v: CanvasTextAlign) { this.set('textAlign', v); }
  get textBaseline() { return this.s.textBaseline; }
  set textBaseline(v: CanvasTextBaseline) { this.set('textBaseline', v); }
  get lineJoin() { return this.s.lineJoin; }
  set lineJoin(v: CanvasLineJoin) { this.set('lineJoin', v); }
  get lineCap() { return this.s.lineCap; }
  set lineCap(v: CanvasLineCap) { this.set('lineCap', v); }

  save() {
    this.stack.push({ ...this.s });
    this.ops.push(['save']);
  }
  restore() {
    const s = this.stack.pop();
    if (s) this.s = s;
    this.ops.push(['restore']);
  }

  /** Width and the other metrics of `text` in the current font, measured as the canvas the worker draws on would. */
  measureText(text: string): TextMetrics {
    this.measurer ??= document.createElement('canvas').getContext('2d');
    if (!this.measurer) throw new Error('the browser gave no 2D canvas to measure text with');
    if (this.measurer.font !== this.s.font) this.measurer.font = this.s.font;
    return this.measurer.measureText(text);
  }

  beginPath() { this.ops.push(['beginPath']); }
  closePath() { this.ops.push(['closePath']); }
  moveTo(x: number, y: number) { this.ops.push(['moveTo', x, y]); }
  lineTo(x: number, y: number) { this.ops.push(['lineTo', x, y]); }
  arc(...a: Parameters<CanvasRenderingContext2D['arc']>) { this.ops.push(['arc', ...a]); }
  rect(x: number, y: number, w: number, h: number) { this.ops.push(['rect', x, y, w, h]); }
  ellipse(...a: Parameters<CanvasRenderingContext2D['ellipse']>) { this.ops.push(['ellipse', ...a]); }
  fill(rule?: CanvasFillRule | Path2D) {
    if (typeof rule === 'object') throw new Error('a figure filled a Path2D: not recorded');
    this.ops.push(rule === undefined ? ['fill'] : ['fill', rule]);
  }
  stroke() { this.ops.push(['stroke']); }
  fillRect(x: number, y: number, w: number, h: number) { this.ops.push(['fillRect', x, y, w, h]); }
  strokeRect(x: number, y: number, w: number, h: number) { this.ops.push(['strokeRect', x, y, w, h]); }
  clearRect(x: number, y: number, w: number, h: number) { this.ops.push(['clearRect', x, y, w, h]); }
  fillText(text: string, x: number, y: number, maxWidth?: number) { this.ops.push(maxWidth === undefined ? ['fillText', text, x, y] : ['fillText', text, x, y, maxWidth]); }
  strokeText(text: string, x: number, y: number, maxWidth?: number) { this.ops.push(maxWidth === undefined ? ['strokeText', text, x, y] : ['strokeText', text, x, y, maxWidth]); }
  translate(x: number, y: number) { this.ops.push(['translate', x, y]); }
  rotate(a: number) { this.ops.push(['rotate', a]); }
  scale(x: number, y: number) { this.ops.push(['scale', x, y]); }
  transform(a: number, b: number, c: number, d: number, e: number, f: number) { this.ops.push(['transform', a, b, c, d, e, f]); }
  setTransform(a: number | DOMMatrix2DInit = 1, b = 0, c = 0, d = 1, e = 0, f = 0) {
    if (typeof a === 'number') this.ops.push(['setTransform', a, b, c, d, e, f]);
    else this.ops.push(['setTransform', a.a ?? 1, a.b ?? 0, a.c ?? 0, a.d ?? 1, a.e ?? 0, a.f ?? 0]);
  }
  setLineDash(d: number[]) { this.ops.push(['setLineDash', [...d]]); }
  /** The image is kept in `images`; the op names it by its index there (`drawImage`, index, the numbers as given). */
  drawImage(image: CanvasImageSource, ...args: number[]) {
    let k = this.images.indexOf(image);
    if (k < 0) k = this.images.push(image) - 1;
    this.ops.push(['drawImage', k, ...args]);
  }
}

/** The recorder as the context a figure draws on (checked at compile time: it has every member FigureContext has). */
export const asFigureContext = (r: RecordingContext): FigureContext => r;

/**
 * Replays `ops` on `ctx` (an OffscreenCanvas's 2D context in the worker), `images[k]` for the k-th image. O(ops).
 * Unknown names are refused rather than skipped: a figure drawn with a call left out would not be the figure.
 */
export function replayFigure(ctx: OffscreenCanvasRenderingContext2D, ops: readonly FigureOp[], images: readonly CanvasImageSource[]): void {
  const target = ctx as unknown as Record<string, unknown>;
  for (const [name, ...args] of ops) {
    if (name.startsWith('=')) {
      const property = name.slice(1);
      if (!(PROPERTIES as readonly string[]).includes(property)) throw new Error(`a figure set an unknown property: ${property}`);
      target[property] = args[0];
    } else if (name === 'drawImage') {
      const [k, ...rest] = args as number[];
      (ctx.drawImage as (image: CanvasImageSource, ...n: number[]) => void)(images[k], ...rest);
    } else {
      const method = target[name];
      if (typeof method !== 'function') throw new Error(`a figure called an unknown method: ${name}`);
      (method as (...a: unknown[]) => void).apply(ctx, args);
    }
  }
}
