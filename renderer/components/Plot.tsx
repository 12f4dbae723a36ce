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
  const idle = (window as { requestIdleCallback?: (cb: () => void, o?: { timeout: number }) => number }).requestIdleCallback;
  if (idle) idle(() => void loadPlotly(), { timeout: 5000 });
  else setTimeout(() => void loadPlotly(), 2000);
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
}

/** A data: URL (base64 or percent-encoded) as bytes. */
function dataUrlBytes(url: string): Uint8Array {
  const comma = url.indexOf(',');
  const head = url.slice(0, comma);
  const body = url.slice(comma + 1);
  if (head.endsWith(';base64')) return Uint8Array.from(atob(body), (ch) => ch.charCodeAt(0));
  return new TextEncoder().encode(decodeURIComponent(body));
}

export function Plot({ data, layout, config, onClick, onSelected, testId, label, className, saveTitle }: Props) {
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
        const full: Partial<Layout> = {
          paper_bgcolor: 'rgba(0,0,0,0)',
          plot_bgcolor: 'rgba(0,0,0,0)',
          font: { family: getComputedStyle(document.body).fontFamily, color: c.text, size: 12 },
          margin: { l: 56, r: 16, t: 28, b: 44 },
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
  }, [data, layout, config, resolved]);

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
