/**
 * Says, where an analysis is shown, that it is older than the data (shared/analysis/freshness.ts), with the one action
 * that brings it up to date: calibrate again at the accepted rate when the calibration is out of date, then run the
 * classes again. Shows nothing when the analysis is current. In investigator mode the action is an analyst's.
 */
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
  return (
    <div className={`stale-notice${compact ? ' compact' : ''}`} role="status" data-testid={`stale-${which}`}>
      <span>
        {lines.join(' ')}
        {which === 'classes' && (analysis.freshness.classRun?.newBatches.length ?? 0) > 0 ? ' Samples imported since are in no class (“not in the class run”), and their routes are not attributed.' : ''}
      </span>
      {investigator ? (
        <span className="hint">An analyst brings it up to date.</span>
      ) : (
        <button onClick={() => void (which === 'calibration' && !run && cal ? analysis.calibrate(cal.accepted_fpr) : analysis.bringUpToDate())} disabled={busy} data-testid={`refresh-${which}`} title="Uses the same settings as before">
          {which === 'calibration' && !run ? 'Calibrate again' : action}
        </button>
      )}
    </div>
  );
}
