/**
 * Report (from a class card, the classes view, a sample's case, the selection or the command palette): the same
 * reports as `sigwb report`, a chemical-class report of named classes or of a case, or a sample list, in HTML or PDF,
 * through a redaction profile and with a sensitivity label, saved with its manifest where the analyst chooses and
 * recorded in the audit log (save-report.ts). A class run older than the data is said here before the report is made,
 * with the action that brings it up to date; the report states it too.
 */
import { useEffect, useId, useState } from 'react';
import type { Selection } from '../../shared/exporting/selection';
import { FALLBACK_SENSITIVITY_LABEL } from '../../shared/exporting/sensitivity-label';
import type { ReportChoice } from '../../shared/reporting/make-report';
import type { ReportFormat } from '../../shared/reporting/report-output';
import { useAnalysis } from '../state/analysis';
import { usePreferences } from '../state/preferences';
import { useColumnRule } from '../state/redaction';
import { useSelection } from '../state/selection';
import { useWorkbench, type OpenWorkspace } from '../state/workbench';
import { Dialog } from '../shell/Dialog';
import { RedactionFields } from '../shell/RedactionFields';
import { StaleNotice } from '../components/StaleNotice';
import type { ReportIntent } from './reports-state';
import { reportFileName, saveReport, type SavedReport } from './save-report';

type Kind = 'classes' | 'case' | 'sample-list';

/** Class ids typed as "3, 7" or "3 7"; null when any is not a class id. */
function parseClassIds(text: string): number[] | null {
  const parts = text.split(/[\s,;]+/).filter((p) => p !== '');
  const ids = parts.map(Number);
  return parts.length && ids.every((n) => Number.isInteger(n) && n > 0) ? [...new Set(ids)] : null;
}

export function ReportDialog({ session, intent, onClose }: { session: OpenWorkspace; intent: ReportIntent; onClose: () => void }) {
  const wb = useWorkbench();
  const prefs = usePreferences();
  const analysis = useAnalysis();
  const rule = useColumnRule(session);
  const selection = useSelection();
  const ids = useId();
  const run = analysis.classRun?.record ?? null;
  const [kind, setKind] = useState<Kind>(intent.kind === 'case' ? 'case' : intent.kind === 'classes' && run ? 'classes' : 'sample-list');
  const [classText, setClassText] = useState(intent.kind === 'classes' ? intent.classIds.join(', ') : '');
  const [caseId, setCaseId] = useState(intent.kind === 'case' ? intent.caseId : '');
  const [listScope, setListScope] = useState<'selected' | 'case' | 'all'>(intent.kind === 'sample-list' && intent.scope === 'selected' && selection.ids.size ? 'selected' : intent.kind === 'case' ? 'case' : 'all');
  const browser = wb.info?.host === 'browser';
  const [format, setFormat] = useState<ReportFormat>('html');
  const [profile, setProfile] = useState(prefs.investigator ? prefs.profile : 'internal');
  const [label, setLabel] = useState<string>(FALLBACK_SENSITIVITY_LABEL);
  const [cases, setCases] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<Extract<SavedReport, { saved: true }> | null>(null);

  useEffect(() => {
    let live = true;
    session.db.query('SELECT DISTINCT case_id FROM samples WHERE case_id IS NOT NULL ORDER BY case_id LIMIT 2000').then(
      (t) => live && setCases(Array.from(t.getChild('case_id')?.toArray() ?? [], String)),
      () => live && setCases([]),
    );
    return () => {
      live = false;
    };
  }, [session]);

  const classIds = parseClassIds(classText);
  const choice = ((): { choice: ReportChoice; what: string } | { refused: string } => {
    if (kind === 'classes') {
      if (!run) return { refused: analysis.classRunUnreadable ? 'The latest class run cannot be read (the banner says why): run the classes again, or make a sample list.' : 'There is no class run yet: run the classes (Classes view) first, or make a sample list.' };
      if (!classIds) return { refused: 'Name the classes to report, e.g. 3, 7.' };
      return { choice: { kind: 'classes', scope: { by: 'classes', classIds }, runId: run.id }, what: `classes ${classIds.join('-')}` };
    }
    if (kind === 'case' || listScope === 'case') {
      const id = caseId.trim();
      if (!id) return { refused: 'Name the case.' };
      if (kind === 'case') {
        if (!run) return { refused: analysis.classRunUnreadable ? 'The latest class run cannot be read (the banner says why): run the classes again, or make a sample list of the case.' : 'There is no class run yet: run the classes first, or make a sample list of the case.' };
        return { choice: { kind: 'classes', scope: { by: 'cases', caseIds: [id] }, runId: run.id }, what: `case ${id}` };
      }
      return { choice: { kind: 'sample-list', selection: { kind: 'cases', case_ids: [id] } }, what: `case ${id} samples` };
    }
    if (listScope === 'selected') {
      if (selection.ids.size === 0) return { refused: 'No samples are selected.' };
      const sel: Selection = { kind: 'samples', sample_ids: [...selection.ids].sort() };
      return { choice: { kind: 'sample-list', selection: sel }, what: `${selection.ids.size} selected samples` };
    }
    return { choice: { kind: 'sample-list', selection: { kind: 'all' } }, what: 'all samples' };
  })();

  const make = async () => {
    setError(null);
    setDone(null);
    if ('refused' in choice) return setError(choice.refused);
    const fileName = reportFileName(session.ws.manifest.name, choice.what, format);
    try {
      const saved = await wb.runTask(format === 'pdf' ? 'Making and printing the report…' : 'Making the report…', () =>
        saveReport(wb.host, session.ws, session.db, { choice: choice.choice, format, profile, label, fileName, engine: analysis.engine }, { analyst: wb.analyst, appVersion: wb.info?.version ?? __APP_VERSION__ }),
      );
      if (!saved) return;
      if (!saved.saved) return setError('Not saved: the save dialog was cancelled. Nothing left the workbench and nothing was recorded.');
      setDone(saved);
    } catch (e) {
      setError(`The report was not made: ${(e as Error).message}`);
    }
  };

  const reportsClasses = kind === 'classes' || kind === 'case';
  return (
    <Dialog title="Report" onClose={onClose} testId="report-dialog">
      <div className="stack form">
        <label>
          Report
          <select value={kind} onChange={(e) => setKind(e.target.value as Kind)} data-testid="report-kind">
            <option value="classes" disabled={!run}>
              chemical class report of classes…
            </option>
            <option value="case" disabled={!run}>
              chemical class report of a case
            </option>
            <option value="sample-list">sample list</option>
          </select>
        </label>
        {kind === 'classes' && (
          <label>
            Classes
            <input value={classText} onChange={(e) => setClassText(e.target.value)} placeholder="e.g. 3, 7" data-testid="report-classes" aria-invalid={classIds === null} />
          </label>
        )}
        {kind === 'sample-list' && (
          <label>
            Samples
            <select value={listScope} onChange={(e) => setListScope(e.target.value as typeof listScope)} data-testid="report-scope">
              <option value="selected" disabled={selection.ids.size === 0}>
                the {selection.ids.size.toLocaleString('en-CA')} selected
              </option>
              <option value="case">the samples of a case</option>
              <option value="all">all samples</option>
            </select>
          </label>
        )}
        {(kind === 'case' || (kind === 'sample-list' && listScope === 'case')) && (
          <label>
            Case
            <input list={`${ids}-cases`} value={caseId} onChange={(e) => setCaseId(e.target.value)} data-testid="report-case" />
            <datalist id={`${ids}-cases`}>
              {cases.map((c) => (
                <option key={c} value={c} />
              ))}
            </datalist>
          </label>
        )}
        {reportsClasses && run && (
          <p className="hint" data-testid="report-run">
            Classes of class run {run.id} ({run.created_at.slice(0, 10)}, by {run.analyst}).
          </p>
        )}
        {reportsClasses && <StaleNotice which="classes" compact />}
        <label>
          Format
          <select value={format} onChange={(e) => setFormat(e.target.value as ReportFormat)} data-testid="report-format">
            <option value="html">HTML (self-contained; prints from any browser)</option>
            <option value="pdf" disabled={browser}>
              PDF{browser ? ' (desktop app or sigwb report)' : ''}
            </option>
          </select>
        </label>
        {browser && (
          <p className="hint" data-testid="report-pdf-note">
            PDF is printed by the desktop app or <code>sigwb report --out file.pdf</code>: a browser prints without returning the file, so its SHA-256 could not go in the manifest.
          </p>
        )}
        <RedactionFields profiles={rule.profiles} profile={profile} onProfile={setProfile} label={label} onLabel={setLabel} locked={prefs.investigator} testIdPrefix="report" />
        {error && (
          <p className="error" role="alert" data-testid="report-error">
            {error}
          </p>
        )}
        {done && (
          <div className="ok" role="status" data-testid="report-done">
            <p>
              Saved {done.result.manifest.report?.kind === 'class-report' ? 'chemical class report' : 'sample list'} {done.report.reportId} ({done.result.manifest.content.rows} rows, profile{' '}
              {done.result.manifest.redaction.profile}, {done.result.manifest.sensitivity_label}) to {done.file}
              {done.manifest ? `, with its manifest ${done.manifest}` : ' (its manifest was not saved: a PDF cannot be verified without it)'}; recorded in the audit log.
            </p>
            <p className="hint">
              SHA-256 {done.result.manifest.output.sha256}. Check it any time with Verify a report… or <code>sigwb verify &lt;file&gt; --workspace &lt;folder&gt;</code>.
            </p>
          </div>
        )}
        <div className="row">
          <button className="primary" onClick={() => void make()} data-testid="report-make">
            Make the report…
          </button>
          <button onClick={onClose}>Close</button>
        </div>
      </div>
    </Dialog>
  );
}
