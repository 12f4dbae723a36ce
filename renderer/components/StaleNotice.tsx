/**
 * Says, where an analysis is shown, that it is older than the data (shared/analysis/freshness.ts), with the actions
 * that bring it up to date: calibrate again at the accepted rate when the calibration is out of date, then run the
 * classes again; for out-of-date classes, also extend a threshold-graph run, or build one, where that is what makes
 * sense (shared/analysis/class-run-offer.ts), saying why. Shows nothing when the analysis is current. In investigator
 * mode the actions are an analyst's.
 */
import { classRunOffer } from '../../shared/analysis/class-run-offer';
import { staleSentence } from '../../shared/analysis/freshness';
import { useAnalysis } from '../state/analysis';
import { usePreferences } from '../state/preferences';
import { useWorkbench } from '../state/workbench';

export function StaleNotice({ which, compact = false }: { which: 'classes' | 'calibration'; compact?: boolean }) {
  const analysis = useAnalysis();
  const { investigator } = usePreferences();
  const wb = useWorkbench();
  const run = analysis.classRun?.record ?? null;
  const cal = analysis.calibration;
  const lines: string[] = [];
  if (which === 'classes' && run && analysis.freshness.classRun) {
    const s = staleSentence('Class run', run, analysis.freshness.classRun);
    if (s) lines.push(s);
    if (cal && run.settings.calibration_id !== null && run.settings.calibration_id !== cal.id) lines.push(`It was cut with calibration ${run.settings.calibration_id}; calibration ${cal.id} is in force now.`);
  }
  if (cal && analysis.freshness.calibration) {
    const s = staleSentence('Calibration', cal, analysis.freshness.calibration);
    if (s) lines.push(s);
  }
  if (lines.length === 0) return null;
  const busy = wb.task !== null;
  const calStale = cal !== null && analysis.freshness.calibration?.current === false;
  const action = calStale ? `Calibrate again at ${Number((cal.accepted_fpr * 100).toFixed(2))} % and run the classes again` : 'Run the classes again';
  // Out-of-date classes: extend a graph run, or (a full run, or a graph run that cannot be extended) re-run in full
  // where the memory check allows it and build the threshold graph; why, in words (shared/analysis/class-run-offer.ts).
  const offer = which === 'classes' && run && analysis.freshness.classRun && !analysis.freshness.classRun.current ? classRunOffer(run, analysis.freshness.classRun, analysis.signatureSamples) : null;
  return (
    <div className={`stale-notice${compact ? ' compact' : ''}`} role="status" data-testid={`stale-${which}`}>
      <span>
        {lines.join(' ')}
        {which === 'classes' && (analysis.freshness.classRun?.newBatches.length ?? 0) > 0 ? ' Samples imported since are in no class (“not in the class run”), and their routes are not attributed.' : ''}
        {offer && !investigator && (
          <span className="offer-why" data-testid="stale-classes-why">
            {offer.why.join(' ')}
          </span>
        )}
      </span>
      {investigator ? (
        <span className="hint">An analyst brings it up to date.</span>
      ) : (
        <span className="stale-actions">
          {offer?.extend && (
            <button className="primary" onClick={() => void analysis.graphClasses('extend')} disabled={busy} data-testid="extend-classes" title={`Adds the samples imported since to run ${run!.id}'s classes; untouched classes keep their ids`}>
              Extend classes
            </button>
          )}
          {offer?.graph && (
            <button onClick={() => void analysis.graphClasses('whole')} disabled={busy} data-testid="graph-classes" title="Classes without an n × n matrix: the components of the threshold graph, cut at the calibration's threshold">
              Classes from the threshold graph
            </button>
          )}
          {(offer === null || offer.full) && (
            <button onClick={() => void (which === 'calibration' && !run && cal ? analysis.calibrate(cal.accepted_fpr) : analysis.bringUpToDate())} disabled={busy} data-testid={`refresh-${which}`} title="Uses the same settings as before">
              {which === 'calibration' && !run ? 'Calibrate again' : action}
            </button>
          )}
        </span>
      )}
    </div>
  );
}
