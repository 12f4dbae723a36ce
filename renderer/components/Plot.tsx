/**
 * A plotly.js plot, loaded on first use (the library is large; views without plots never load it).
 * SVG traces only (the basic bundle has no others): plotly's WebGL traces (scattergl, via regl) compile shaders' glue
 * with `new Function`, which the app's Content-Security-Policy forbids. Big point sets use PointsCanvas instead.
 */
import { useEffect, useRef, useState } from 'react';
import type { Config, Data, Layout, PlotlyHTMLElement, PlotMouseEvent, PlotSelectionEvent } from 'plotly.js-dist-min';
import type * as PlotlyApi from 'plotly.js-dist-min';
import { usePreferences } from '../state/preferences';
import type { FigureFormat } from './figure/figure-file';
import { SaveFigure } from './figure/SaveFigure';
import type { Margins } from './plot-margins';
import { themeColors } from './theme-colors';

type PlotlyModule = typeof PlotlyApi;
let loading: Promise<PlotlyModule> | null = null;
/**
 * plotly's basic bundle (scatter, bar, pie: every trace the app draws; 1.2 MB). Evaluating the full bundle (4.8 MB)
 * held the interface thread 864 ms on a quiet 2-core machine, the basic one about a fifth of that
 * (docs/VIEWS.md, the UI bench of 2026-12-02).
 */
const loadPlotly = () => (loading ??= import('plotly.js-basic-dist-min').then((m) => ((m as unknown as { default?: PlotlyModule }).default ?? m) as PlotlyModule));

/**
 * Loads plotly while the app is idle, so that evaluating it (one task the browser cannot split) falls inside no
 * interaction unless the analyst acts in that very moment.
 */
export function preloadPlotly(): void {
  whenIdle(() => void loadPlotly().then(() => whenIdle(() => void warmUp(0)), () => undefined), 5000);
}

/** Runs `task` when the browser is idle (at the latest after `timeout` ms). */
function whenIdle(task: () => void, timeout = 2000): void {
  const idle = (window as { requestIdleCallback?: (cb: () => void, o?: { timeout: number }) => number }).requestIdleCallback;
  if (idle) idle(task, { timeout });
  else setTimeout(task, timeout);
}

/**
 * Throw-away plots drawn off screen, one per idle period, with the parts the views use (lines, markers, a filled band,
 * error bars, category, date and linear axes, shapes, annotations, a legend; bars). plotly's first draw of a kind
 * does one-time work (its style sheet and text-measuring node, compiling its drawing code) that otherwise fell inside
 * the first sample page, class card or Timeline the analyst opened: 110–152 ms in one round where the other read
 * 60–76 (docs/VIEWS.md, the UI bench of 2026-12-02 06:58).
 */
const WARM_UPS: { data: Data[]; layout: Partial<Layout> }[] = [
  {
    data: [
      { type: 'scatter', x: ['a', 'b', 'c'], y: [2, 3, 2], mode: 'lines', line: { width: 0 }, hoverinfo: 'skip', showlegend: false },
      { type: 'scatter', x: ['a', 'b', 'c'], y: [0, 1, 0], mode: 'lines', line: { width: 0 }, fill: 'tonexty', name: 'band' },
      { type: 'scatter', x: ['a', 'b', 'c'], y: [1, 2, 1], mode: 'lines+markers', name: 'mean', error_y: { type: 'data', array: [0.2, 0.3, 0.2], visible: true } },
    ],
    layout: { xaxis: { tickangle: -40, automargin: true }, yaxis: { rangemode: 'tozero', automargin: true, exponentformat: 'power' }, legend: { orientation: 'h', y: 1.15 }, shapes: [{ type: 'rect', xref: 'x', yref: 'paper', x0: 0.6, x1: 1.4, y0: 0, y1: 1, line: { width: 0 } }], annotations: [{ x: 1, y: 0.97, xref: 'x', yref: 'paper', text: 'missing', showarrow: false }] },
  },
  {
    data: [
      { type: 'scatter', mode: 'lines', x: ['2025-01-02', '2025-03-04'], y: ['class 1', 'class 1'], showlegend: false },
      { type: 'scatter', mode: 'markers', x: ['2025-01-02', '2025-03-04', '2025-05-06'], y: ['class 1', 'class 1', 'class 2'], marker: { size: 7 } },
    ],
    layout: { xaxis: { type: 'date', automargin: true }, yaxis: { type: 'category', automargin: true } },
  },
  { data: [{ type: 'bar', x: ['PC1', 'PC2'], y: [60, 25] }], layout: { xaxis: { automargin: true }, yaxis: { type: 'log', automargin: true } } },
];

async function warmUp(k: number): Promise<void> {
  const spec = WARM_UPS[k];
  if (!spec) return;
  const Plotly = await loadPlotly();
  const el = document.createElement('div');
  el.setAttribute('aria-hidden', 'true');
  el.style.cssText = 'position:fixed;left:-10000px;top:0;width:480px;height:320px;visibility:hidden;pointer-events:none';
  document.body.append(el);
  try {
    await Plotly.newPlot(el, spec.data, { width: 480, height: 320, ...spec.layout }, { staticPlot: true });
  } catch {
    // A warm-up that fails costs nothing but the speed it was for: the real plot reports its own error.
  } finally {
    Plotly.purge(el);
    el.remove();
  }
  whenIdle(() => void warmUp(k + 1));
}

/** The margins every plot starts from, px; plotly's automargin grows them where a label needs more. */
const BASE_MARGINS: Margins = { l: 56, r: 16, t: 28, b: 44 };
/** The plots' text size, px. */
const FONT_SIZE = 12;

/** What a plot's `margins` function is given: its width, its starting margins, and text measured in its font. */
export interface PlotFrame {
  width: number;
  base: Margins;
  textWidth: (text: string) => number;
}

/** Widths of text in the plots' font, measured on a canvas (the same widths plotly's SVG labels get). */
function textMeasurer(fontFamily: string): (text: string) => number {
  const ctx = document.createElement('canvas').getContext('2d');
  if (!ctx) return (text) => text.length * FONT_SIZE * 0.6;
  ctx.font = `${FONT_SIZE}px ${fontFamily}`;
  return (text) => ctx.measureText(text).width;
}

interface Props {
  data: Data[];
  layout?: Partial<Layout>;
  config?: Partial<Config>;
  onClick?: (e: PlotMouseEvent) => void;
  onSelected?: (e: PlotSelectionEvent | undefined) => void;
  testId?: string;
  /** Accessible description of what the plot shows. */
  label: string;
  className?: string;
  /** The figure's title for PNG and SVG files (Save buttons shown); none: no buttons. */
  saveTitle?: string;
  /**
   * Margins computed before plotly lays the plot out (`rotatedCategoryMargins`). automargin stays on, so a label that
   * needs more still gets it; margins already right spare plotly a second and third layout in the same task.
   */
  margins?: (frame: PlotFrame) => Margins;
}

/** A data: URL (base64 or percent-encoded) as bytes. */
function dataUrlBytes(url: string): Uint8Array {
  const comma = url.indexOf(',');
  const head = url.slice(0, comma);
  const body = url.slice(comma + 1);
  if (head.endsWith(';base64')) return Uint8Array.from(atob(body), (ch) => ch.charCodeAt(0));
  return new TextEncoder().encode(decodeURIComponent(body));
}

export function Plot({ data, layout, config, onClick, onSelected, testId, label, className, saveTitle, margins }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const [error, setError] = useState<string | null>(null);
  const { resolved } = usePreferences();
  const handlers = useRef({ onClick, onSelected });
  useEffect(() => {
    handlers.current = { onClick, onSelected };
  });

  useEffect(() => {
    let live = true;
    loadPlotly()
      .then(async (Plotly) => {
        // A task of its own for each plot: two plots of a view never draw in the same task.
        await new Promise((r) => setTimeout(r, 0));
        if (!live || !ref.current) return;
        const c = themeColors();
        // Powers of ten typeset (10⁻⁴), never plotly's SI prefixes ("100μ" for 10⁻⁴ reads as a unit).
        const axis = { gridcolor: c.grid, zerolinecolor: c.border, linecolor: c.border, color: c.muted, automargin: true, exponentformat: 'power' as const };
        const fontFamily = getComputedStyle(document.body).fontFamily;
        const full: Partial<Layout> = {
          paper_bgcolor: 'rgba(0,0,0,0)',
          plot_bgcolor: 'rgba(0,0,0,0)',
          font: { family: fontFamily, color: c.text, size: FONT_SIZE },
          margin: margins ? margins({ width: ref.current.clientWidth, base: { ...BASE_MARGINS }, textWidth: textMeasurer(fontFamily) }) : { ...BASE_MARGINS },
          legend: { bgcolor: 'rgba(0,0,0,0)' },
          hoverlabel: { bgcolor: c.panel, bordercolor: c.border, font: { color: c.text } },
          ...layout,
          xaxis: { ...axis, ...layout?.xaxis },
          yaxis: { ...axis, ...layout?.yaxis },
        };
        const el = (await Plotly.react(ref.current, data, full, { displaylogo: false, responsive: true, ...config })) as PlotlyHTMLElement & { _sigwbBound?: boolean };
        if (!el._sigwbBound) {
          el._sigwbBound = true;
          el.on('plotly_click', (e) => handlers.current.onClick?.(e));
          el.on('plotly_selected', (e) => handlers.current.onSelected?.(e));
        }
      })
      .catch((e: Error) => live && setError(`The plot could not be drawn: ${e.message}`));
    return () => {
      live = false;
    };
  }, [data, layout, config, resolved, margins]);

  useEffect(() => {
    const el = ref.current;
    return () => {
      if (el) void loadPlotly().then((Plotly) => Plotly.purge(el));
    };
  }, []);

  // plotly's own image export, with the plot's title added (the on-screen plot carries it in the panel's heading).
  const make = async (format: FigureFormat) => {
    const Plotly = await loadPlotly();
    const el = ref.current;
    if (!el) throw new Error('the plot is not drawn yet');
    const { width, height } = el.getBoundingClientRect();
    const current = (el as unknown as { layout?: Partial<Layout> }).layout ?? {};
    const copy = { data: (el as unknown as { data: Data[] }).data, layout: { ...current, title: { text: saveTitle }, margin: { ...(current.margin ?? {}), t: 48 } } };
    const url = await Plotly.toImage(copy, { format, width: Math.round(width), height: Math.round(height) + 20, scale: format === 'png' ? 2 : 1 });
    return dataUrlBytes(url);
  };

  return (
    // A labelled figure, not role="img": an image's children are presentational, and plotly's mode bar holds
    // buttons (axe-core: nested-interactive).
    <figure className={`plot ${className ?? ''}`} data-testid={testId} aria-label={label}>
      {saveTitle && <SaveFigure title={saveTitle} make={make} testId={testId ? `${testId}-save` : undefined} />}
      {error && <p className="error">{error}</p>}
      <div ref={ref} className="plot-area" />
    </figure>
  );
}
