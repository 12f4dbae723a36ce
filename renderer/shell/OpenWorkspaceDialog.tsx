/** Open a workspace: the recent ones, a folder on the desktop, or a new one. */
import { useEffect, useState } from 'react';
import type { WorkspaceRef } from '../../shared/host/contract';
import { useWorkbench } from '../state/workbench';
import { Dialog } from './Dialog';

export function OpenWorkspaceDialog({ onClose, startWithNew = false }: { onClose: () => void; startWithNew?: boolean }) {
  const wb = useWorkbench();
  const desktop = wb.info?.host === 'electron';
  const [recent, setRecent] = useState<WorkspaceRef[] | null>(null);
  const [name, setName] = useState('');
  useEffect(() => {
    wb.host['workspace:recent']({}).then(setRecent, () => setRecent([]));
  }, [wb.host]);
  const open = async (handle?: string) => {
    onClose();
    await wb.open(handle);
  };
  const create = async () => {
    onClose();
    await wb.create(name.trim() || 'New workspace');
  };
  return (
    <Dialog title={startWithNew ? 'New workspace' : 'Open a workspace'} onClose={onClose} testId="open-dialog">
      <section className="stack">
        <label htmlFor="new-ws-name">New workspace</label>
        <div className="row">
          <input id="new-ws-name" autoFocus={startWithNew} value={name} placeholder="e.g. Fentanyl profiling 2026" onChange={(e) => setName(e.target.value)} onKeyDown={(e) => e.key === 'Enter' && create()} />
          <button className="primary" onClick={create}>
            Create{desktop ? '…' : ''}
          </button>
        </div>
      </section>
      <section className="stack">
        <h3>Recent workspaces</h3>
        {recent === null ? (
          <p className="hint">Looking…</p>
        ) : recent.length === 0 ? (
          <p className="hint">None yet{desktop ? '' : ' in this browser'}: create one above.</p>
        ) : (
          <ul className="recent" aria-label="Recent workspaces">
            {recent.map((r) => (
              <li key={r.handle}>
                <button className="link" onClick={() => open(r.handle)}>
                  {r.name}
                </button>
                <span className="hint">{r.location}</span>
              </li>
            ))}
          </ul>
        )}
        {desktop && <button onClick={() => open()}>Open workspace folder…</button>}
      </section>
    </Dialog>
  );
}
