/**
 * The likelihood-ratio system of the calibration shown: its propositions and level, how it was calibrated and
 * validated, the held-out figures of the pair and the group LR (the same numbers `sigwb validate` prints and the
 * validation report files), and its Tippett and ECE plots from the record. A calibration made before LRs were
 * validated says that it gives none.
 */
import { useMemo } from 'react';
import type { Data, Layout } from 'plotly.js-dist-min';
import type { CalibrationRecord } from '../../../shared/analysis/calibration-record';
import type { LrPartRecord, ValidationRecord } from '../../../shared/analysis/lr-system-record';
import { METHOD_NAMES } from '../../../shared/analysis/lr-system-text';
import { pairComparisonText } from '../../../shared/profiling/pair-comparison';
import { lrValueText } from '../../../shared/lr/verbal-scale';
import { Plot } from '../../components/Plot';
import { themeColors } from '../../components/theme-colors';

const pct = (f: number): string => `${Number((f * 100).toPrecision(2))} %`;

function figures(part: LrPartRecord): [string, string][] {
  const v = part.validation!;
  return [
    ['Cllr (held-out)', `${v.cllr.toFixed(3)} bits`],
    ['Cllr_min · Cllr_cal', `${v.cllr_min.toFixed(3)} · ${v.cllr_cal.toFixed(3)} bits`],
    ['Equal error rate', pct(v.eer)],
    ['Hd with LR > 1 (> 100)', `${pct(v.misleading.hd_above_1)} (${pct(v.misleading.hd_above_100)})`],
    ['Hp with LR < 1 (< 1/100)', `${pct(v.misleading.hp_below_1)} (${pct(v.misleading.hp_below_100)})`],
    ['LR bounds (ELUB)', `${lrValueText(part.model.bounds.lower)} to ${lrValueText(part.model.bounds.upper)}`],
    ['Comparisons validated', `${v.validated.hp.toLocaleString('en-CA')} Hp, ${v.validated.hd.toLocaleString('en-CA')} Hd`],
  ];
}

function Figures({ title, part }: { title: string; part: LrPartRecord }) {
  return (
    <div>
      <h4>{title}</h4>
      {part.validation ? (
        <dl className="facts">
          {figures(part).map(([k, v]) => (
            <div className="fact" key={k}>
              <dt>{k}</dt>
              <dd data-testid={`lr-${title.toLowerCase().split(' ')[0]}-${k.split(' ')[0].toLowerCase()}`}>{v}</dd>
            </div>
          ))}
        </dl>
      ) : (
        <p className="hint">Not validated: no held-out LRs of both propositions.</p>
      )}
    </div>
  );
}

function useTippett(v: ValidationRecord, names: { hp: string; hd: string }) {
  const c = themeColors();
  return useMemo(() => {
    const curve = (q: (number | null)[]) => ({ x: q.map((x) => x ?? null), y: v.tippett.levels.map((l) => 1 - l) });
    const data: Data[] = [
      { type: 'scatter', mode: 'lines', ...curve(v.tippett.hp), name: `Hp true (${names.hp})`, line: { color: c.linked, width: 2 }, hovertemplate: 'log10 LR ≥ %{x:.2f}: %{y:.1%}<extra>Hp</extra>' },
      { type: 'scatter', mode: 'lines', ...curve(v.tippett.hd), name: `Hd true (${names.hd})`, line: { color: c.unlinked, width: 2, dash: 'dash' }, hovertemplate: 'log10 LR ≥ %{x:.2f}: %{y:.1%}<extra>Hd</extra>' },
    ];
    const layout: Partial<Layout> = {
      height: 300,
      legend: { orientation: 'h', y: 1.15 },
      xaxis: { title: { text: 'log10 LR (held-out)' }, zeroline: true },
      yaxis: { title: { text: 'share with LR ≥ x' }, tickformat: '.0%', range: [0, 1.02] },
    };
    return { data, layout };
  }, [v, names.hp, names.hd, c.linked, c.unlinked]);
}

function useEce(v: ValidationRecord) {
  const c = themeColors();
  return useMemo(() => {
    const x = v.ece.prior_log10_odds;
    const data: Data[] = [
      { type: 'scatter', mode: 'lines', x, y: v.ece.system, name: `LRs (Cllr ${v.cllr.toFixed(3)})`, line: { color: c.text, width: 2 } },
      { type: 'scatter', mode: 'lines', x, y: v.ece.pav, name: `after PAV (Cllr_min ${v.cllr_min.toFixed(3)})`, line: { color: c.accent, width: 2, dash: 'dash' } },
      { type: 'scatter', mode: 'lines', x, y: v.ece.reference, name: 'uninformative (LR = 1)', line: { color: c.muted, width: 1, dash: 'dot' } },
    ];
    const layout: Partial<Layout> = { height: 300, legend: { orientation: 'h', y: 1.15 }, xaxis: { title: { text: 'prior log10 odds of Hp' } }, yaxis: { title: { text: 'empirical cross-entropy (bits)' }, rangemode: 'tozero' } };
    return { data, layout };
  }, [v, c.text, c.accent, c.muted]);
}

function Plots({ v, names }: { v: ValidationRecord; names: { hp: string; hd: string } }) {
  const tippett = useTippett(v, names);
  const ece = useEce(v);
  return (
    <div className="two-col">
      <Plot data={tippett.data} layout={tippett.layout} label="Tippett plot of the held-out pair LRs" testId="lr-tippett" />
      <Plot data={ece.data} layout={ece.layout} label="ECE plot of the held-out pair LRs" testId="lr-ece" />
    </div>
  );
}

export function LrValidationPanel({ calibration }: { calibration: CalibrationRecord }) {
  const s = calibration.lr_system;
  if (s === null)
    return (
      <section className="panel" aria-label="Likelihood ratios" data-testid="lr-validation">
        <h3>Likelihood ratios</h3>
        <p className="banner warn">Calibration {calibration.id} was made before likelihood ratios were validated (its kernel-density model never was): it gives no LR. Calibrate again to obtain a validated LR system.</p>
      </section>
    );
  const names = { hp: s.propositions.hp_short, hd: s.propositions.hd_short };
  return (
    <section className="panel" aria-label="Likelihood ratios" data-testid="lr-validation">
      <h3>Likelihood ratios ({s.propositions.level} level)</h3>
      <p>
        <strong>{s.propositions.hp}</strong> <strong>{s.propositions.hd}</strong>
      </p>
      <p className="hint">
        Score → LR by {METHOD_NAMES[s.method]}, bounded by ELUB; every figure below is of LRs held out by {s.cross_validation.folds}-fold cross-validation grouped by {s.cross_validation.grouped_by} ({s.cross_validation.groups} groups).
        {' '}sigwb validate writes the validation report to file.
      </p>
      {s.pair_comparison === 'censored' ? <p className="hint" data-testid="pair-comparison">{pairComparisonText('censored')}</p> : null}
      <div className="two-col">
        <Figures title="Pair LR" part={s.pairs} />
        {s.group ? <Figures title="Group LR" part={s.group} /> : <p className="hint">No group LR: no sample-against-group comparisons of both propositions.</p>}
      </div>
      {s.notes.map((n) => (
        <p className="banner warn" key={n}>
          {n}
        </p>
      ))}
      {s.pairs.validation && <Plots v={s.pairs.validation} names={names} />}
    </section>
  );
}
