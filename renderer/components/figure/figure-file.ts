/**
 * A canvas figure as a file: the view's drawing (`draw`, in CSS pixels of the plot) framed with its title above
 * and its legend below, on the panel's colour, rendered to PNG (Canvas 2D at twice the pixels, recorded on the
 * interface thread, drawn and encoded in a worker: recording-context.ts) or to SVG (svg-context.ts: vectors, text as
 * text). One drawing code for the screen and both files, so that a saved figure shows what the screen showed.
 */
import { themeColors } from '../theme-colors';
import { pngInWorker } from '../../workers/figure-png-client';
import { asFigureContext, RecordingContext } from './recording-context';
import { SvgContext, type FigureContext } from './svg-context';

export type LegendMark = 'disc' | 'square' | 'line' | 'dash' | 'ring';

export interface LegendItem {
  label: string;
  color: string;
  mark?: LegendMark;
}

export interface FigureSpec {
  title: string;
  /** Plot size in CSS pixels. */
  width: number;
  height: number;
  draw: (ctx: FigureContext) => void;
  legend?: readonly LegendItem[];
  /** Under the legend, in small type: what the figure shows beyond its legend (axes, scale, sources). */
  note?: string;
}

export type FigureFormat = 'png' | 'svg';

const TITLE_H = 30;
const ROW_H = 18;
const PAD = 10;

interface Placed {
  item: LegendItem;
  x: number;
  y: number;
}

/** Legend items laid out in rows across the width; returns their places and the height they take. */
function layoutLegend(ctx: FigureContext, items: readonly LegendItem[], width: number): { placed: Placed[]; height: number } {
  ctx.font = '11px system-ui, sans-serif';
  const placed: Placed[] = [];
  let x = PAD;
  let y = 0;
  for (const item of items) {
    const w = 18 + ctx.measureText(item.label).width + 14;
    if (x + w > width - PAD && x > PAD) {
      x = PAD;
      y += ROW_H;
    }
    placed.push({ item, x, y });
    x += w;
  }
  return { placed, height: items.length ? y + ROW_H + 6 : 0 };
}

function drawMark(ctx: FigureContext, mark: LegendMark, color: string, x: number, y: number) {
  ctx.fillStyle = color;
  ctx.strokeStyle = color;
  ctx.lineWidth = 2;
  ctx.setLineDash(mark === 'dash' ? [4, 3] : []);
  ctx.beginPath();
  if (mark === 'square') ctx.fillRect(x, y - 5, 10, 10);
  else if (mark === 'line' || mark === 'dash') {
    ctx.moveTo(x - 2, y);
    ctx.lineTo(x + 12, y);
    ctx.stroke();
  } else {
    ctx.arc(x + 5, y, 5, 0, 2 * Math.PI);
    if (mark === 'ring') ctx.stroke();
    else ctx.fill();
  }
  ctx.setLineDash([]);
}

/** Draws the whole figure (title, plot, legend, note) on `ctx`; returns nothing, sizes from `figureSize`. */
function drawFigure(ctx: FigureContext, spec: FigureSpec, legendH: number, placed: Placed[]) {
  const c = themeColors();
  ctx.fillStyle = c.panel;
  ctx.fillRect(0, 0, spec.width, TITLE_H + spec.height + legendH + (spec.note ? ROW_H : 0) + PAD);
  ctx.fillStyle = c.text;
  ctx.font = '600 13px system-ui, sans-serif';
  ctx.textAlign = 'left';
  ctx.textBaseline = 'middle';
  ctx.fillText(spec.title, PAD, TITLE_H / 2);
  ctx.save();
  ctx.translate(0, TITLE_H);
  spec.draw(ctx);
  ctx.restore();
  const top = TITLE_H + spec.height + 8;
  ctx.font = '11px system-ui, sans-serif';
  ctx.textAlign = 'left';
  ctx.textBaseline = 'middle';
  for (const p of placed) {
    drawMark(ctx, p.item.mark ?? 'disc', p.item.color, p.x, top + p.y + ROW_H / 2);
    ctx.fillStyle = c.text;
    ctx.fillText(p.item.label, p.x + 18, top + p.y + ROW_H / 2);
  }
  if (spec.note) {
    ctx.fillStyle = c.muted;
    ctx.fillText(spec.note, PAD, top + legendH + ROW_H / 2);
  }
}

/** The figure as PNG or SVG bytes. PNG at `scale` device pixels per CSS pixel (default 2). */
export async function figureBytes(spec: FigureSpec, format: FigureFormat, scale = 2): Promise<Uint8Array> {
  const probe = new SvgContext(spec.width, 0);
  const { placed, height: legendH } = layoutLegend(probe, spec.legend ?? [], spec.width);
  const height = TITLE_H + spec.height + legendH + (spec.note ? ROW_H : 0) + PAD;
  if (format === 'svg') {
    const svg = new SvgContext(spec.width, height);
    drawFigure(svg, spec, legendH, placed);
    return new TextEncoder().encode(svg.toSvg(spec.title));
  }
  // Recorded here, drawn and encoded in a worker (figure-png.worker.ts): the same calls, the same pixels, none of
  // the drawing's time on the interface thread. Drawn here only where the worker cannot be.
  const recording = new RecordingContext();
  drawFigure(asFigureContext(recording), spec, legendH, placed);
  const made = await pngInWorker(recording, spec.width, height, scale);
  if (made) return made;
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(spec.width * scale);
  canvas.height = Math.round(height * scale);
  const ctx = canvas.getContext('2d')!;
  ctx.scale(scale, scale);
  drawFigure(ctx, spec, legendH, placed);
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
  if (!blob) throw new Error('the browser could not encode the PNG');
  return new Uint8Array(await blob.arrayBuffer());
}

/** "Classes R0003 dendrogram" → "classes-r0003-dendrogram.png". */
export function figureFileName(title: string, format: FigureFormat): string {
  const base = title.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 80) || 'figure';
  return `${base}.${format}`;
}
