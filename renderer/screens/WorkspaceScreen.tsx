/** An open workspace: its samples, measurements, batches and compounds, and the SQL console. */
import { useMemo, useState } from 'react';
import { DataTable } from '../components/DataTable';
import { sqlRowSource } from '../components/row-source';
import { useWorkbench, type OpenWorkspace } from '../state/workbench';
import { importFiles, type FileReport } from '../state/import-files';
import { loadSampleData } from '../state/sample-data';
import { SqlConsole } from './SqlConsole';
import { ImportReport } from './ImportReport';

const TABS = [
  { id: 'samples', label: 'Samples', relation: 'samples' },
  { id: 'measurements', label: 'Measurements', relation: 'measurements' },
  { id: 'batches', label: 'Batches', relation: '(SELECT * FROM batches ORDER BY batch_id DESC)' },
  { id: 'compounds', label: 'Compounds', relation: 'compounds' },
  { id: 'quarantine', label: 'Quarantine', relation: 'quarantine' },
  { id: 'sql', label: 'SQL console', relation: null },
] as const;
type TabId = (typeof TABS)[number]['id'];

const IMPORT_FILTERS = [{ name: 'Result and sample files', extensions: ['csv', 'tsv', 'txt', 'xlsx', 'parquet', 'arrow', 'feather'] }];

export function WorkspaceScreen({ session }: { session: OpenWorkspace }) {
  const wb = useWorkbench();
  const [tab, setTab] = useState<TabId>('samples');
  const [reports, setReports] = useState<FileReport[] | null>(null);
  const batches = session.ws.manifest.batches;
  const empty = batches.length === 0;

  const sources = useMemo(
    () => Object.fromEntries(TABS.filter((t) => t.relation).map((t) => [t.id, sqlRowSource(session.db, t.relation!)])),
    [session.db],
  );

  const pickAndImport = async () => {
    const files = await wb.host['dialog:open-files']({ title: 'Import result or sample files', filters: IMPORT_FILTERS, multiple: true });
    if (files.length) setReports(await importFiles(wb, session, files));
  };

  return (
    <main className="workspace">
      <header className="workspace-bar">
        <div>
          <h1 data-testid="workspace-name">{session.ws.manifest.name}</h1>
          <span className="hint">
            {session.ref.location} · {batches.length} {batches.length === 1 ? 'batch' : 'batches'}
          </span>
        </div>
        <div className="spacer" />
        <button className="primary" onClick={pickAndImport} data-testid="import-files">
          Import files…
        </button>
        <button onClick={() => wb.close()}>Close workspace</button>
      </header>
      {reports && <ImportReport reports={reports} onClose={() => setReports(null)} />}
      {empty ? (
        <section className="empty-state">
          <h2>This workspace has no data yet</h2>
          <p>Import instrument result tables (GC-MS, GC-FID, LC-MS peak areas; long or wide) and sample metadata from the lab information system: CSV, TSV, XLSX, Parquet or Arrow.</p>
          <div className="row">
            <button className="primary" onClick={pickAndImport}>
              Import files…
            </button>
            <button data-testid="load-samples" onClick={() => loadSampleData(wb, session)}>
              Load the bundled sample data
            </button>
          </div>
        </section>
      ) : (
        <>
          <nav className="tabs" role="tablist">
            {TABS.map((t) => (
              <button key={t.id} role="tab" aria-selected={tab === t.id} className={tab === t.id ? 'active' : ''} onClick={() => setTab(t.id)} data-testid={`tab-${t.id}`}>
                {t.label}
              </button>
            ))}
          </nav>
          <div className="tab-body">
            {tab === 'sql' ? (
              <SqlConsole session={session} />
            ) : (
              <DataTable key={tab} source={sources[tab]} version={session.version} testId={`${tab}-table`} title={TABS.find((t) => t.id === tab)!.label} />
            )}
          </div>
        </>
      )}
    </main>
  );
}
