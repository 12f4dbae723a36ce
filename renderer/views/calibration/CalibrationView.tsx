/**
 * Calibration: the linked and unlinked score distributions, the ROC curves of every pretreatment × score
 * compared, and the link threshold at the chosen false-positive rate. Moving the rate moves the threshold
 * live, computed here from the calibration's own pair distances (live-threshold.ts); saving makes a new,
 * versioned calibration at that rate. There is no universal threshold: recalibrate per drug and method
 * (Esseiva et al. 2011; Morelato et al. 2015).
 */
import { StaleNotice } from '../../components/StaleNotice';
import { useDeferredValue, useEffect, useMemo, useState } from 'react';
import { readCalibrationDistances } from '../../../shared/analysis/calibration-store';
import { combinationLabel, percent, score100Text } from '../../../shared/analysis/labels';
import { toScore100 } from '../../../shared/profiling/scores';
import { useAnalysis } from '../../state/analysis';
import { usePreferences } from '../../state/preferences';
import type { OpenWorkspace } from '../../state/workbench';
import { CalibrationPlots } from './CalibrationPlots';
import { FprControl } from './FprControl';
import { LrValidationPanel } from './LrValidationPanel';
import { liveThreshold, sortDistances, type SortedDistances } from './live-threshold';

export function CalibrationView({ session }: { session: OpenWorkspace }) {
  const analysis = useAnalysis();
  const { investigator } = usePreferences();
  const cal = analysis.calibration;
  const [fpr, setFpr] = useState(cal?.accepted_fpr ?? 0.025);
  const [distances, setDistances] = useState<SortedDistances | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!cal) return;
    setFpr(cal.accepted_fpr);
    let live = true;
    readCalibrationDistances(session.ws, cal).then(
      (d) => live && setDistances(sortDistances(d.linked, d.unlinked)),
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
    return { threshold: cal.threshold.distance, fpr: cal.threshold.fpr, tpr: cal.threshold.tpr };
  }, [cal, distances, fpr]);

  if (!cal)
    return (
      <div className="view-body" data-testid="calibration-view">
        <h2 className="view-title">Calibration</h2>
        <section className="empty-state">
          <h2>No calibration yet</h2>
          <p>
            A calibration sets the link threshold from pairs of known status: samples of one seizure are <em>linked</em>, samples of different cases <em>unlinked</em>. It compares every
            pretreatment × score by ROC AUC and sets the threshold at an accepted false-positive rate (2.5 %, Popovic et al.; 0.5 %, Carby-Robinson et al. 2021).
          </p>
          {investigator ? (
            <p className="hint">Investigator mode is read-only: an analyst calibrates.</p>
          ) : (
            <CalibrateButton fpr={fpr} setFpr={setFpr} onRun={() => analysis.calibrate(fpr)} label="Calibrate" />
          )}
        </section>
      </div>
    );

  const chosen = cal.combinations.find((c) => c.rank === 1) ?? cal.combinations[0];
  const score100 = current ? safeScore(current.threshold, cal.chosen.score, cal.reference_distance) : null;
  const moved = Math.abs(fpr - cal.accepted_fpr) > 1e-9;
  return (
    <div className="view-body calibration-view" data-testid="calibration-view">
      <header className="toolbar">
        <h2>Calibration {cal.id}</h2>
        <span className="hint">
          {cal.created_at.slice(0, 10)} by {cal.analyst} · {combinationLabel(cal.chosen.pretreatment, cal.chosen.score)} · ROC AUC {cal.auc.toFixed(3)} · {cal.inputs.pairs.linked.toLocaleString('en-CA')} linked and{' '}
          {cal.inputs.pairs.unlinked.toLocaleString('en-CA')} unlinked pairs
        </span>
      </header>
      <StaleNotice which="calibration" />
      {error && <p className="banner warn">{error}</p>}
      <section className="panel threshold-panel" aria-label="Threshold">
        <FprControl value={fpr} onChange={setFpr} saved={cal.accepted_fpr} />
        {current && (
          <p className="threshold-line" data-testid="threshold-line" aria-live="polite">
            At <strong>{percent(fpr)}</strong> false positives the link threshold is <strong data-testid="threshold-value">{current.threshold.toPrecision(4)}</strong>
            {score100 !== null && <> ({score100Text(score100)} on the 0–100 scale)</>}: pairs at or below it are called linked; {percent(current.tpr)} of the linked pairs are found, {percent(current.fpr)} of the
            unlinked pairs wrongly.
          </p>
        )}
        {moved && !investigator && <CalibrateButton fpr={fpr} onRun={() => analysis.calibrate(fpr)} label={`Save as a new calibration at ${percent(fpr)}`} />}
        <p className="hint">{cal.chosen.reason}</p>
      </section>
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

function CalibrateButton({ fpr, setFpr, onRun, label }: { fpr: number; setFpr?: (v: number) => void; onRun: () => void; label: string }) {
  return (
    <div className="row">
      {setFpr && <FprControl value={fpr} onChange={setFpr} saved={null} />}
      <button className="primary" onClick={onRun} data-testid="calibrate">
        {label}
      </button>
    </div>
  );
}
