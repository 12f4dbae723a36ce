/**
 * Home: "New links since …": the link alerts of the batches linked at import since a date (default 30 days back),
 * newest batch first, each with the class it reaches and when and where that class was seen, and an Acknowledge that
 * records the analyst's note in the audit log; above them, one line per class the batches linked to other labs' and
 * partners' classes (received packages, store pulls: issue 13). The same reading as `sigwb links`
 * (shared/linking/link-alerts-since.ts, cross-lab-links.ts).
 */
import { useEffect, useState } from 'react';
import { acknowledgeAlert, alertsSince, type SinceAlerts } from '../../../shared/linking/link-alerts-since';
import { crossLabLines } from '../../../shared/linking/cross-lab-links';
import { linkEvidenceText } from '../../../shared/linking/search-text';
import type { OpenWorkspace } from '../../state/workbench';
import { counted } from '../../../shared/util/plural';

const DEFAULT_DAYS = 30;
const SHOWN = 20;

function daysAgo(days: number): string {
  return new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
}

export function NewLinksPanel({ session }: { session: OpenWorkspace }) {
  const [since, setSince] = useState(daysAgo(DEFAULT_DAYS));
  const [found, setFound] = useState<SinceAlerts | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [acked, setAcked] = useState(0);

  useEffect(() => {
    let live = true;
    alertsSince(session.ws, /^\d{4}-\d{2}-\d{2}$/.test(since) ? since : null).then(
      (r) => live && setFound(r),
      (e: Error) => live && setError(`The link records could not be read: ${e.message}`),
    );
    return () => {
      live = false;
    };
  }, [session, since, acked]);

  const [noting, setNoting] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const acknowledge = async (id: string) => {
    try {
      await acknowledgeAlert(session.ws, id, note.trim());
      setNoting(null);
      setNote('');
      setAcked((k) => k + 1);
    } catch (e) {
      setError((e as Error).message);
    }
  };

  const open = found?.alerts.filter((a) => !a.ack) ?? [];
  const across = found ? crossLabLines(found.records) : [];
  const total = (k: 'new_samples' | 'joined' | 'bridges' | 'candidates'): number => (found?.records ?? []).reduce((s, r) => s + r.counts[k], 0);
  return (
    <section className="panel wide" aria-labelledby="links-h" data-testid="home-links">
      <h3 id="links-h">
        New links since{' '}
        <input type="date" value={since} aria-label="New links since" onChange={(e) => setSince(e.target.value)} />
      </h3>
      {error && <p className="error" role="alert">{error}</p>}
      {!found ? (
        <p className="hint">Reading the link records…</p>
      ) : found.records.length === 0 ? (
        <p className="hint">No batch linked since then. Results imported (here or with <code>sigwb import</code>) once a calibration is in force are linked against every stored profile of the same drug.</p>
      ) : (
        <>
          <p>
            {counted(found.records.length, 'batch', 'batches')} linked: {counted(total('new_samples'), 'new sample')}, {total('joined')} joined a class, {counted(total('bridges'), 'bridge class', 'bridge classes')},{' '}
            {counted(total('candidates'), 'candidate class', 'candidate classes')}; {counted(open.length, 'alert')} not acknowledged.
            {found.records.some((r) => !r.method.lr_validated) && ' LRs are not validated yet.'}
          </p>
          {across.length > 0 && (
            <>
              <h4>Across labs</h4>
              <ul data-testid="home-across-labs">
                {across.slice(0, SHOWN).map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
              {across.length > SHOWN && <p className="hint">{across.length - SHOWN} more: <code>sigwb links --since {since}</code></p>}
            </>
          )}
          <ul className="alerts" data-testid="home-link-alerts">
            {found.alerts.slice(0, SHOWN).map(({ alert: a, ack, search }) => (
              <li key={a.id} className={ack ? 'seen' : 'new'}>
                <strong>{a.kinds.join(', ')}</strong>: {a.summary}. Strongest link {a.strongest.sample_id}, {linkEvidenceText(a.strongest)}. <span className="hint search-rule">{search[0].toUpperCase() + search.slice(1)}.</span>{' '}
                {ack ? (
                  <span className="hint">
                    Acknowledged by {ack.by} {ack.at.slice(0, 16).replace('T', ' ')}
                    {ack.note ? `: ${ack.note}` : ''}
                  </span>
                ) : noting === a.id ? (
                  <form onSubmit={(e) => (e.preventDefault(), void acknowledge(a.id))}>
                    <input value={note} onChange={(e) => setNote(e.target.value)} aria-label={`Note for the audit log on alert ${a.id}`} placeholder="Who was told, what was done" />
                    <button type="submit" disabled={note.trim() === ''}>
                      Record acknowledgement
                    </button>
                    <button type="button" className="link" onClick={() => setNoting(null)}>
                      Cancel
                    </button>
                  </form>
                ) : (
                  <button className="link" onClick={() => setNoting(a.id)}>
                    Acknowledge
                  </button>
                )}
              </li>
            ))}
          </ul>
          {found.alerts.length > SHOWN && (
            <p className="hint">
              {found.alerts.length - SHOWN} more: <code>sigwb links --since {since}</code>
            </p>
          )}
        </>
      )}
    </section>
  );
}
