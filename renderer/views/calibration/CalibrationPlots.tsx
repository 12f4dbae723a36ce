/**
 * The two plots of a calibration: linked and unlinked pair-score distributions with the threshold, and the
 * ROC curves of every combination compared (log FPR axis: thresholds are set at low rates) with the point
 * in force. Small data (histogram bins, compact ROC points): plotly SVG.
 */
import { useMemo, useState } from 'react';
import type { Data, Layout } from 'plotly.js-dist-min';
import type { CalibrationRecord, CombinationRecord } from '../../../shared/analysis/calibration-record';
import { combinationLabel } from '../../../shared/analysis/labels';
import { Plot } from '../../components/Plot';
import { CLASS_PALETTE, themeColors } from '../../components/theme-colors';
import { histograms, type SortedDistances } from './live-threshold';

interface Props {
  calibration: CalibrationRecord;
  chosen: CombinationRecord;
  distances: SortedDistances | null;
  fpr: number;
  threshold: number;
}

/** Combinations drawn at first (the best by AUC); the others on request, each curve costs drawing time. */
const SHOWN = 8;

export function CalibrationPlots({ calibration, chosen, distances, fpr, threshold }: Props) {
  const [showAll, setShowAll] = useState(false);
  const hist = useMemo(() => {
    if (distances) return histograms(distances);
    const d = chosen.distributions;
    const share = (c: number[]) => {
      const total = c.reduce((a, b) => a + b, 0) || 1;
      return c.map((v) => v / total);
    };
    return { edges: d.edges, linked: share(d.linked), unlinked: share(d.unlinked), log: false };
  }, [distances, chosen]);

  const c = themeColors();
  const distData = useMemo<Data[]>(() => {
    // Step outlines over the bin edges: exact on a log axis, where bars of one width would not be.
    const steps = (shares: number[]) => ({
      x: hist.edges.flatMap((e, k) => (k < shares.length ? [e, hist.edges[k + 1]] : [])),
      y: shares.flatMap((v) => [v, v]),
    });
    const u = steps(hist.unlinked);
    const l = steps(hist.linked);
    return [
      { type: 'scatter', mode: 'lines', ...u, fill: 'tozeroy', name: 'unlinked pairs', line: { color: c.unlinked, width: 1 }, fillcolor: `${c.unlinked}55`, hovertemplate: '%{x:.3g}: %{y:.1%}<extra>unlinked</extra>' },
      { type: 'scatter', mode: 'lines', ...l, fill: 'tozeroy', name: 'linked pairs', line: { color: c.linked, width: 1 }, fillcolor: `${c.linked}66`, hovertemplate: '%{x:.3g}: %{y:.1%}<extra>linked</extra>' },
    ];
  }, [hist, c.linked, c.unlinked]);
  const distLayout = useMemo<Partial<Layout>>(
    () => ({
      height: 330,
      legend: { orientation: 'h', y: 1.12 },
      xaxis: { type: hist.log ? 'log' : 'linear', title: { text: `distance (${combinationLabel(calibration.chosen.pretreatment, calibration.chosen.score)})${hist.log ? ', log scale' : ''}` } },
      yaxis: { title: { text: 'share of pairs' } },
      // Plotly places shapes in data units, but annotations on a log axis in log10 units.
      shapes: [{ type: 'line', x0: threshold, x1: threshold, yref: 'paper', y0: 0, y1: 1, line: { color: c.text, width: 2, dash: 'dash' } }],
      annotations: [{ x: hist.log ? Math.log10(threshold) : threshold, yref: 'paper', y: 1, text: ' threshold', showarrow: false, xanchor: 'left', font: { color: c.text } }],
    }),
    [calibration, threshold, c.text, hist.log],
  );

  // The curves do not depend on the rate: only the marker and the line (layout shapes) move with it.
  const rocData = useMemo<Data[]>(() => {
    const ranked = [...calibration.combinations].sort((a, b) => a.rank - b.rank).slice(0, showAll ? undefined : SHOWN);
    // The chosen one stands out (the default unless another is clearly better: not always the highest AUC), each AUC
    // with its 95 % interval grouped by seizure, so a difference of 1e-4 reads as the noise it is.
    const interval = (i: { low: number; high: number } | null) => (i ? `, 95 % ${i.low.toFixed(3)}–${i.high.toFixed(3)}` : '');
    return ranked.map((r, k) => ({
      type: 'scatter',
      mode: 'lines',
      x: r.roc.fpr.map((v) => Math.max(v, 5e-4)),
      y: r.roc.tpr,
      name: `${combinationLabel(r.pretreatment, r.score)} (AUC ${r.auc.toFixed(3)}${interval(r.auc_interval)})${r === chosen ? ', chosen' : ''}`,
      line: { color: r === chosen ? c.accent : CLASS_PALETTE[k % CLASS_PALETTE.length], width: r === chosen ? 3 : 1.2, shape: 'hv' },
      hovertemplate: 'FPR %{x:.3%}, TPR %{y:.1%}<extra>%{fullData.name}</extra>',
    }));
  }, [calibration, chosen, showAll, c.accent]);
  const rocLayout = useMemo<Partial<Layout>>(() => {
    const at = chosen.roc.fpr.reduce((best, v, i) => (v <= fpr + 1e-12 ? i : best), 0);
    const x = Math.max(fpr, 5e-4);
    const y = chosen.roc.tpr[at];
    return {
      height: 330,
      xaxis: { type: 'log', title: { text: 'false-positive rate (log)' }, range: [Math.log10(5e-4), 0], tickvals: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1], ticktext: ['0.1 %', '0.5 %', '1 %', '2.5 %', '5 %', '10 %', '25 %', '50 %', '100 %'] },
      yaxis: { title: { text: 'true-positive rate' }, range: [0, 1.02], tickformat: '.0%' },
      legend: { font: { size: 10 } },
      shapes: [
        { type: 'line', x0: x, x1: x, yref: 'paper', y0: 0, y1: 1, line: { color: c.muted, width: 1, dash: 'dot' } },
        // The threshold in force on the chosen curve (a shape, so that moving it redraws no trace).
        { type: 'circle', xsizemode: 'pixel', ysizemode: 'pixel', xanchor: x, yanchor: y, x0: -6, x1: 6, y0: -6, y1: 6, fillcolor: c.selection, line: { color: c.text, width: 1 } },
      ],
    };
  }, [fpr, chosen, c.muted, c.selection, c.text]);

  return (
    <div className="two-col">
      <section className="panel" aria-label="Score distributions">
        <h3>Linked and unlinked scores</h3>
        <Plot data={distData} layout={distLayout} label="Distributions of linked and unlinked pair distances with the threshold" saveTitle={`Calibration ${calibration.id} linked and unlinked pair distances`} testId="calibration-distributions" />
      </section>
      <section className="panel" aria-label="ROC curves">
        <h3>ROC of the {calibration.combinations.length} combinations compared</h3>
        {calibration.combinations.length > SHOWN && (
          <button className="link" onClick={() => setShowAll((v) => !v)}>
            {showAll ? `Show the best ${SHOWN} only` : `Show all ${calibration.combinations.length}`}
          </button>
        )}
        <Plot data={rocData} layout={rocLayout} label="ROC curves of every pretreatment and score compared" saveTitle={`Calibration ${calibration.id} ROC curves`} testId="calibration-roc" />
      </section>
    </div>
  );
}
