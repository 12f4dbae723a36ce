/**
 * Verify a report (command palette): the analyst chooses a report and its manifest; the report is computed again from
 * the open workspace exactly as `sigwb verify` does (verify-picked.ts), and the dialog says whether it is reproduced,
 * what was checked, and what differs. Reads only.
 */
import { useState } from 'react';
import type { VerifyOutcome } from '../../shared/reporting/verify-report';
import { openWorkerDatabase } from '../db/worker-database';
import { Dialog } from '../shell/Dialog';
import { useAnalysis } from '../state/analysis';
import { useWorkbench, type OpenWorkspace } from '../state/workbench';
import { verifyPicked } from './verify-picked';

export function VerifyDialog({ session, onClose }: { session: OpenWorkspace; onClose: () => void }) {
  const wb = useWorkbench();
  const analysis = useAnalysis();
  const [result, setResult] = useState<{ file: string; outcome: VerifyOutcome } | null>(null);
  const [error, setError] = useState<string | null>(null);

  const choose = async () => {
    setError(null);
    setResult(null);
    try {
      const r = await wb.runTask('Verifying the report: computing it again from the workspace…', () =>
        verifyPicked({ host: wb.host, store: session.ws.store, openDatabase: openWorkerDatabase, appVersion: wb.info?.version ?? __APP_VERSION__, engine: analysis.engine }),
      );
      if (!r) return;
      if ('refused' in r) return setError(`Not verified: ${r.refused}.`);
      setResult(r);
    } catch (e) {
      setError(`The report could not be verified: ${(e as Error).message}`);
    }
  };

  const o = result?.outcome;
  return (
    <Dialog title="Verify a report" onClose={onClose} testId="verify-dialog">
      <div className="stack">
        <p>
          Choose a report made from this workspace (HTML or PDF) together with its manifest (<code>&lt;report&gt;.manifest.json</code>; a PDF needs it). The report is computed
          again from the workspace's batches and records, as <code>sigwb verify</code> does, and compared.
        </p>
        {error && (
          <p className="error" role="alert" data-testid="verify-error">
            {error}
          </p>
        )}
        {o && (
          <section className={o.reproduced ? 'ok' : 'error'} role="status" data-testid="verify-result" aria-label="Verification">
            <p>
              <strong>{o.reproduced ? 'Reproduced exactly' : 'Not reproduced'}</strong>: {o.kind} {o.reportId ?? '(no id)'} ({o.format === 'pdf' ? 'PDF' : 'HTML'}, {result.file}) from workspace “
              {session.ws.manifest.name}”.
            </p>
            {o.differences.length > 0 && (
              <ul data-testid="verify-differences">
                {o.differences.map((d, i) => (
                  <li key={i}>{d}</li>
                ))}
              </ul>
            )}
            {o.checked.length > 0 && (
              <ul className="hint" data-testid="verify-checked">
                {o.checked.map((c, i) => (
                  <li key={i}>checked: {c}</li>
                ))}
              </ul>
            )}
          </section>
        )}
        <div className="row">
          <button className="primary" onClick={() => void choose()} data-testid="verify-choose">
            Choose the report…
          </button>
          <button onClick={onClose}>Close</button>
        </div>
      </div>
    </Dialog>
  );
}
