/**
 * Calibration: which pairs calibrate (the population rule) and the signature's compounds; the linked and unlinked
 * score distributions, the ROC curves of every pretreatment × score compared with their intervals, the contamination
 * of the unlinked pairs, and the link threshold at the chosen false-positive rate, corrected for that contamination.
 * Moving the rate moves the threshold live, computed here from the calibration's own pair distances and model
 * (live-threshold.ts); saving makes a new, versioned calibration at that rate. There is no universal threshold:
 * recalibrate per drug and method (Esseiva et al. 2011; Morelato et al. 2015).
 */
import { StaleNotice } from '../../components/StaleNotice';
import { useDeferredValue, useEffect, useMemo, useState } from 'react';
import { DEFAULT_PAIR_RULE, describeLinked, describeUnlinked, recordedNonDetects } from '../../../shared/analysis/analysis-inputs';
import { contaminationModel, type CalibrationRecord } from '../../../shared/analysis/calibration-record';
import { readCalibrationDistances } from '../../../shared/analysis/calibration-store';
import { combinationLabel, percent, score100Text } from '../../../shared/analysis/labels';
import { sampleColumns } from '../../../shared/analysis/signature-query';
import { nonDetectRuleText } from '../../../shared/profiling/non-detects';
import { DEFAULT_ACCEPTED_FPR } from '../../../shared/profiling/roc';
import { toScore100 } from '../../../shared/profiling/scores';
import { useAnalysis } from '../../state/analysis';
import { usePreferences } from '../../state/preferences';
import type { OpenWorkspace } from '../../state/workbench';
import { CalibrationPlots } from './CalibrationPlots';
import { FprControl } from './FprControl';
import { LrValidationPanel } from './LrValidationPanel';
import { liveThreshold, sortDistances, type SortedDistances } from './live-threshold';
import { choiceProblem, PairRuleForm, type PairsChoice } from './PairRuleForm';

const RULE_WORDS: Record<CalibrationRecord['threshold']['rule'], string> = {
  'corrected-fpr': 'at the false-positive rate among pairs estimated to be of different sources (contamination-corrected)',
  'linked-quantile': 'at the 99th percentile of the linked distances: no usable model of the contamination could be fitted',
  fpr: 'at the false-positive rate on all unlinked pairs, uncorrected (a calibration made before contamination was estimated)',
};

export function CalibrationView({ session }: { session: OpenWorkspace }) {
  const analysis = useAnalysis();
  const { investigator } = usePreferences();
  const cal = analysis.calibration;
  const [fpr, setFpr] = useState(cal?.accepted_fpr ?? DEFAULT_ACCEPTED_FPR);
  const [distances, setDistances] = useState<SortedDistances | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [columns, setColumns] = useState<string[]>([]);
  const [choice, setChoice] = useState<PairsChoice>({ rule: cal?.inputs.pairs_rule ?? DEFAULT_PAIR_RULE, excludeCompounds: cal?.inputs.signature.excluded_compounds ?? [] });

  useEffect(() => {
    let live = true;
    sampleColumns(session.db).then(
      (c) => live && setColumns(c),
      () => live && setColumns([]),
    );
    return () => {
      live = false;
    };
  }, [session.db, analysis.tablesVersion]);

  useEffect(() => {
    if (!cal) return;
    setFpr(cal.accepted_fpr);
    setChoice({ rule: cal.inputs.pairs_rule, excludeCompounds: cal.inputs.signature.excluded_compounds });
    let live = true;
    readCalibrationDistances(session.ws, cal).then(
      (d) => live && setDistances(sortDistances(d.linked, d.unlinked, contaminationModel(cal))),
      (e: Error) => live && setError(`The pair distances of ${cal.id} could not be read (${e.message}); the threshold below is the saved one and does not follow the rate.`),
    );
    return () => {
      live = false;
    };
  }, [session.ws, cal]);

  // The sentence follows the rate at once; the plots follow a moment later, without holding the input.
  const plotFpr = useDeferredValue(fpr);
  const current = useMemo(() => {
    if (!cal) return null;
    if (distances) return liveThreshold(distances, fpr);
    return { threshold: cal.threshold.distance, fpr: cal.threshold.fpr, rawFpr: cal.threshold.raw_fpr, tpr: cal.threshold.tpr };
  }, [cal, distances, fpr]);

  const problem = choiceProblem(choice, analysis.compounds);
  const form = (
    <PairRuleForm columns={columns.length ? columns : ['seizure_id', 'case_id']} compounds={analysis.compounds} value={choice} onChange={setChoice} />
  );

  if (!cal)
    return (
      <div className="view-body" data-testid="calibration-view">
        <h2 className="view-title">Calibration</h2>
        <section className="empty-state">
          <h2>No calibration yet</h2>
          <p>
            A calibration sets the link threshold from pairs of known status: by default samples of one seizure are <em>linked</em>, samples of different cases <em>unlinked</em>{' '}
            (other rules below, as Popovic et al.'s R1–R4). It compares every pretreatment × score by ROC AUC, keeping N<sup>1/4</sup> + Pearson unless another is clearly better,
            estimates how many unlinked pairs share a source all the same, and sets the threshold at an accepted false-positive rate among the others (2.5 %, Popovic et al.;
            0.5 %, Carby-Robinson et al. 2021).
          </p>
          {investigator ? (
            <p className="hint">Investigator mode is read-only: an analyst calibrates.</p>
          ) : (
            <>
              <details className="pairs-details">
                <summary>Pairs and compounds</summary>
                {form}
              </details>
              <CalibrateButton fpr={fpr} setFpr={setFpr} onRun={() => analysis.calibrate(fpr, choice)} label="Calibrate" disabled={problem !== null} />
            </>
          )}
        </section>
      </div>
    );

  const chosen = cal.combinations.find((c) => c.pretreatment === cal.chosen.pretreatment && c.score === cal.chosen.score) ?? cal.combinations[0];
  const score100 = current ? safeScore(current.threshold, cal.chosen.score, cal.reference_distance) : null;
  const moved = Math.abs(fpr - cal.accepted_fpr) > 1e-9;
  const rule = cal.inputs.pairs_rule;
  const e = cal.contamination;
  return (
    <div className="view-body calibration-view" data-testid="calibration-view">
      <header className="toolbar">
        <h2>Calibration {cal.id}</h2>
        <span className="hint">
          {cal.created_at.slice(0, 10)} by {cal.analyst} · {combinationLabel(cal.chosen.pretreatment, cal.chosen.score)} · ROC AUC {cal.auc.toFixed(3)} · {cal.inputs.pairs.linked.toLocaleString('en-CA')} linked ({describeLinked(rule)}) and{' '}
          {cal.inputs.pairs.unlinked.toLocaleString('en-CA')} unlinked pairs ({describeUnlinked(rule)})
        </span>
      </header>
      <StaleNotice which="calibration" />
      {error && <p className="banner warn">{error}</p>}
      {cal.warnings.map((w) => (
        <p key={w} className="banner warn" data-testid="calibration-warning">
          {w}
        </p>
      ))}
      <section className="panel threshold-panel" aria-label="Threshold">
        <FprControl value={fpr} onChange={setFpr} saved={cal.accepted_fpr} />
        {current && (
          <p className="threshold-line" data-testid="threshold-line" aria-live="polite">
            At <strong>{percent(fpr)}</strong> false positives the link threshold is <strong data-testid="threshold-value">{current.threshold.toPrecision(4)}</strong>
            {score100 !== null && <> ({score100Text(score100)} on the 0–100 scale)</>}: pairs at or below it are called linked; {percent(current.tpr)} of the linked pairs are found,{' '}
            {e ? (
              <>
                {percent(current.fpr)} of the pairs estimated to be of different sources wrongly ({percent(current.rawFpr)} of all unlinked pairs).
              </>
            ) : (
              <>{percent(current.fpr)} of the unlinked pairs wrongly.</>
            )}
          </p>
        )}
        {e && (
          <p data-testid="contamination-line">
            Contamination: about <strong>{percent(e.share)}</strong> of the unlinked pairs are estimated to share a source (different case is not different source; {e.model}); they are
            not counted as false positives.
          </p>
        )}
        <p className="hint" data-testid="threshold-rule">
          Threshold {RULE_WORDS[cal.threshold.rule]}.
        </p>
        {moved && !investigator && <CalibrateButton fpr={fpr} onRun={() => analysis.calibrate(fpr, choice)} label={`Save as a new calibration at ${percent(fpr)}`} disabled={problem !== null} />}
        <p className="hint">{cal.chosen.reason}</p>
        <p className="hint" data-testid="non-detect-rule">{nonDetectRuleText(recordedNonDetects(cal.inputs.signature))}</p>
      </section>
      {!investigator && (
        <details className="panel pairs-details">
          <summary>Calibrate with other pairs or compounds</summary>
          {form}
          <CalibrateButton fpr={fpr} onRun={() => analysis.calibrate(fpr, choice)} label={`Calibrate with these pairs at ${percent(fpr)}`} disabled={problem !== null} />
        </details>
      )}
      <CalibrationPlots calibration={cal} chosen={chosen} distances={distances} fpr={plotFpr} threshold={(distances ? liveThreshold(distances, plotFpr).threshold : null) ?? cal.threshold.distance} />
      <LrValidationPanel calibration={cal} />
    </div>
  );
}

function safeScore(d: number, score: Parameters<typeof toScore100>[1], ref: number): number | null {
  try {
    return toScore100(d, score, ref);
  } catch {
    return null;
  }
}

function CalibrateButton({ fpr, setFpr, onRun, label, disabled }: { fpr: number; setFpr?: (v: number) => void; onRun: () => void; label: string; disabled: boolean }) {
  return (
    <div className="row">
      {setFpr && <FprControl value={fpr} onChange={setFpr} saved={null} />}
      <button className="primary" onClick={onRun} disabled={disabled} data-testid="calibrate">
        {label}
      </button>
    </div>
  );
}
