/**
 * A plotly.js plot, loaded on first use (the library is large; views without plots never load it).
 * SVG traces only: plotly's WebGL traces (scattergl, via regl) compile shaders' glue with `new Function`,
 * which the app's Content-Security-Policy forbids. Big point sets use ScatterCanvas instead.
 */
import { useEffect, useRef, useState } from 'react';
import type { Config, Data, Layout, PlotlyHTMLElement, PlotMouseEvent, PlotSelectionEvent } from 'plotly.js-dist-min';
import type * as PlotlyApi from 'plotly.js-dist-min';
import { usePreferences } from '../state/preferences';
import { themeColors } from './theme-colors';

type PlotlyModule = typeof PlotlyApi;
let loading: Promise<PlotlyModule> | null = null;
const loadPlotly = () => (loading ??= import('plotly.js-dist-min').then((m) => ((m as unknown as { default?: PlotlyModule }).default ?? m) as PlotlyModule));

/**
 * Loads plotly while the app is idle, so that parsing its 4.6 MB (a few hundred ms on one core) never falls
 * inside an interaction.
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
}

export function Plot({ data, layout, config, onClick, onSelected, testId, label, className }: Props) {
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
        const axis = { gridcolor: c.grid, zerolinecolor: c.border, linecolor: c.border, color: c.muted, automargin: true };
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

  return (
    <figure className={`plot ${className ?? ''}`} data-testid={testId} aria-label={label} role="img">
      {error && <p className="error">{error}</p>}
      <div ref={ref} className="plot-area" />
    </figure>
  );
}
