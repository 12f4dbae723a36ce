/** First start: (web build) who is working, then create or open a workspace, or try the bundled sample data in one click. */
import { useEffect, useState } from 'react';
import type { WorkspaceRef } from '../../shared/host/contract';
import { useWorkbench } from '../state/workbench';
import { loadSampleData } from '../state/sample-data';
import { AnalystNameForm } from './AnalystName';

export function Welcome() {
  const wb = useWorkbench();
  const [name, setName] = useState('');
  const [recent, setRecent] = useState<WorkspaceRef[]>([]);
  const desktop = wb.info?.host === 'electron';
  // Nothing is created or opened before the web build knows who acts (the desktop knows the signed-in user).
  const unnamed = wb.info !== null && !wb.analyst;

  useEffect(() => {
    wb.host['workspace:recent']({}).then(setRecent, () => setRecent([]));
  }, [wb.host]);

  const create = async () => {
    await wb.create(name.trim() || 'New workspace');
  };

  const trySamples = async () => {
    const opened = await wb.create('Sample data');
    if (opened) await loadSampleData(wb, opened);
  };

  return (
    <main className="welcome">
      <div className="welcome-card">
        <h1>Signature Workbench</h1>
        <p className="lede">
          Import impurity-profile batches, link seized samples by chemical signature, and report chemical classes to
          investigators. Everything stays on this {desktop ? 'workstation' : 'computer'}: nothing is sent anywhere unless you export it.
        </p>
        {unnamed && <AnalystNameForm autoFocus />}
        <div className="welcome-actions" inert={unnamed}>
          <section>
            <h2>New workspace</h2>
            <label htmlFor="ws-name">Name</label>
            <input id="ws-name" value={name} placeholder="e.g. Fentanyl profiling 2026" onChange={(e) => setName(e.target.value)} onKeyDown={(e) => e.key === 'Enter' && create()} />
            <button className="primary" data-testid="welcome-create" onClick={create}>
              Create workspace{desktop ? '…' : ''}
            </button>
            {desktop && <p className="hint">You will choose an empty folder for it.</p>}
          </section>
          <section>
            <h2>Open a workspace</h2>
            {recent.length === 0 ? (
              <p className="hint">No recent workspaces{desktop ? '' : ' in this browser'}.</p>
            ) : (
              <ul className="recent" aria-label="Recent workspaces">
                {recent.map((r) => (
                  <li key={r.handle}>
                    <button className="link" onClick={() => wb.open(r.handle)} title={r.location}>
                      {r.name}
                    </button>
                    <span className="hint">{r.location}</span>
                  </li>
                ))}
              </ul>
            )}
            {desktop && (
              <button data-testid="welcome-open" onClick={() => wb.open()}>
                Open workspace folder…
              </button>
            )}
          </section>
          <section>
            <h2>New here?</h2>
            <p>Create a workspace filled with the bundled, synthetic fentanyl profiling data to see the workbench at work.</p>
            <button data-testid="load-samples" onClick={trySamples}>
              Try with sample data
            </button>
          </section>
        </div>
      </div>
    </main>
  );
}
