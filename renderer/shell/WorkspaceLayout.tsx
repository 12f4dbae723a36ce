/**
 * An open workspace: the bar (name, selection, mode, actions), the views on the left, the view on the
 * right. An empty workspace says what to do next instead of showing empty views.
 */
import { useEffect } from 'react';
import { preloadPlotly } from '../components/Plot';
import { ReportDialogs } from '../reports/ReportDialogs';
import { ImportReport } from '../screens/ImportReport';
import { useAnalysis } from '../state/analysis';
import { usePreferences } from '../state/preferences';
import { loadSampleData } from '../state/sample-data';
import { useWorkbench, type OpenWorkspace } from '../state/workbench';
import type { ViewId } from '../state/navigation';
import { MOD } from './commands';
import { NavBar } from './NavBar';
import { SelectionBar } from './SelectionBar';
import type { useImport } from './use-import';
import { ViewRouter } from './ViewRouter';

const INVESTIGATOR_HIDDEN: ReadonlySet<ViewId> = new Set(['sql']);
const NONE: ReadonlySet<ViewId> = new Set();

export function WorkspaceLayout({ session, imports, onImport, onPalette }: { session: OpenWorkspace; imports: ReturnType<typeof useImport>; onImport: () => void; onPalette: () => void }) {
  const wb = useWorkbench();
  const prefs = usePreferences();
  const analysis = useAnalysis();
  const batches = session.ws.manifest.batches;
  const empty = batches.length === 0;
  useEffect(preloadPlotly, []);
  return (
    <main className={`workspace${prefs.investigator ? ' investigator' : ''}`}>
      <header className="workspace-bar">
        <div>
          <h1 data-testid="workspace-name">{session.ws.manifest.name}</h1>
          <span className="hint">
            {session.ref.location} · {batches.length} {batches.length === 1 ? 'batch' : 'batches'}
            {session.engine.cached > 0 && (
              <span data-testid="engine-cache" title="Read from the engine file the app keeps beside the batches (engine/workspace.duckdb), each batch checked against its SHA-256; the others from their batch files">
                {' '}
                · {session.engine.cached} of {session.engine.cached + session.engine.stale} opened from the engine file
              </span>
            )}
          </span>
        </div>
        <SelectionBar />
        <div className="spacer" />
        {prefs.investigator && (
          <span className="badge investigator-badge" data-testid="investigator-badge" title="Read-only; columns outside the redaction profile are hidden">
            Investigator mode · {prefs.profile}
          </span>
        )}
        <button onClick={onPalette} title={`Command palette (${MOD}K)`} data-testid="open-palette">
          Commands <kbd>{MOD}K</kbd>
        </button>
        {!prefs.investigator && (
          <button className="primary" onClick={onImport} data-testid="import-files" title={`Import files (${MOD}I), or drop them on the window`}>
            Import files…
          </button>
        )}
        <button onClick={prefs.toggleTheme} aria-label={`Switch to the ${prefs.resolved === 'dark' ? 'light' : 'dark'} theme`} title="Theme (follows the system until you switch)" data-testid="theme-toggle">
          {prefs.resolved === 'dark' ? '☀' : '☾'}
        </button>
        <button onClick={() => wb.close()}>Close</button>
      </header>
      {imports.reports && <ImportReport reports={imports.reports} onClose={imports.clearReports} />}
      <ReportDialogs session={session} />
      {analysis.problem && (
        <p className="banner warn" role="alert" data-testid="analysis-problem">
          {analysis.problem}
        </p>
      )}
      {empty ? (
        <section className="empty-state" data-testid="empty-workspace">
          <h2>This workspace has no data yet</h2>
          {prefs.investigator ? (
            <p>Investigator mode is read-only. Ask an analyst to import the lab's results, or leave investigator mode from the command palette.</p>
          ) : (
            <>
              <p>
                Import instrument result tables (GC-MS, GC-FID, LC-MS peak areas; long or wide) and sample metadata from the lab information system: CSV, TSV,
                XLSX, Parquet or Arrow. You can also drop the files on this window.
              </p>
              <div className="row">
                <button className="primary" onClick={onImport}>
                  Import files…
                </button>
                <button data-testid="load-samples" onClick={() => loadSampleData(wb, session)}>
                  Load the bundled sample data
                </button>
              </div>
            </>
          )}
        </section>
      ) : (
        <div className="workspace-body">
          <NavBar hidden={prefs.investigator ? INVESTIGATOR_HIDDEN : NONE} />
          <div className="view">
            <ViewRouter session={session} />
          </div>
        </div>
      )}
    </main>
  );
}
