/**
 * A class's annotations (link confirmed, rejected, note), newest first, each with its reason, who and when; one
 * withdrawn later stays shown, struck through, with who withdrew it and why. For analysts, the form to add one: the
 * decision is chosen explicitly (nothing is pre-selected) and a reason is required, since the record is permanent.
 */
import { useEffect, useId, useState } from 'react';
import { addAnnotation, CHOICES, classRecord, DECISION_LABELS, loadAnnotations, withdrawAnnotation, type ClassAnnotations, type Decision } from '../../data/class-annotations';
import { useWorkbench, type OpenWorkspace } from '../../state/workbench';

const when = (at: string) => at.slice(0, 16).replace('T', ' ');

export function Annotations({ session, classId, runId, members, readOnly }: { session: OpenWorkspace; classId: number; runId: string; members: number; readOnly: boolean }) {
  const wb = useWorkbench();
  const ids = useId();
  const [doc, setDoc] = useState<ClassAnnotations | null>(null);
  const [decision, setDecision] = useState<Decision | null>(null);
  const [note, setNote] = useState('');
  const [withdrawing, setWithdrawing] = useState<{ id: string; note: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    let live = true;
    loadAnnotations(session.ws).then(
      (d) => live && setDoc(d),
      (e: Error) => live && setError(`The annotations could not be read: ${e.message}`),
    );
    return () => {
      live = false;
    };
  }, [session.ws, classId]);

  const write = async (work: () => Promise<ClassAnnotations>, after: () => void) => {
    setSaving(true);
    setError(null);
    try {
      setDoc(await work());
      after();
    } catch (e) {
      const err = e as Error;
      setError(err.name === 'AnnotationError' ? `Not recorded: ${err.message}.` : `The annotation was not saved: ${err.message}. Check that the workspace folder is writable, then try again.`);
    } finally {
      setSaving(false);
    }
  };

  const save = () => {
    if (decision === null) return setError('Not recorded: choose what the annotation records (link confirmed, link rejected or a note).');
    if (!note.trim()) return setError('Not recorded: give the reason (what supports or rejects the link: the case officer’s feedback, other evidence).');
    void write(
      () => addAnnotation(session.ws, { class_id: classId, run_id: runId, members, decision, note, by: wb.analyst, at: new Date().toISOString() }),
      () => {
        setNote('');
        setDecision(null);
      },
    );
  };

  const withdraw = () => {
    if (!withdrawing) return;
    if (!withdrawing.note.trim()) return setError('Not withdrawn: say why the annotation is withdrawn.');
    void write(() => withdrawAnnotation(session.ws, withdrawing.id, { note: withdrawing.note, by: wb.analyst, at: new Date().toISOString() }), () => setWithdrawing(null));
  };

  const list = doc ? classRecord(doc, classId) : null;
  return (
    <section className="panel" aria-label="Annotations" data-testid="class-annotations">
      <h3>Analyst's annotations</h3>
      {error && (
        <p className="error" role="alert" data-testid="annotation-error">
          {error}
        </p>
      )}
      {list === null ? (
        <p className="hint">Reading…</p>
      ) : list.length === 0 ? (
        <p className="hint">None yet.{readOnly ? '' : ' Record whether the link holds once the investigation says so; every annotation goes to the audit log.'}</p>
      ) : (
        <ul className="annotations">
          {[...list].reverse().map(({ annotation: a, withdrawnBy: w }) => (
            <li key={a.id} className={`${a.decision}${w ? ' withdrawn' : ''}`} data-testid={`annotation-${a.id}`}>
              <span className={w ? 'struck' : undefined}>
                <strong>{DECISION_LABELS[a.decision]}</strong> by {a.by}, {when(a.at)} (run {a.run_id}, {a.members} samples)
                {a.note && <span className="annotation-note">{a.note}</span>}
              </span>
              {w ? (
                <div className="hint">
                  Withdrawn by {w.by}, {when(w.at)}: {w.note}
                </div>
              ) : (
                !readOnly &&
                withdrawing?.id !== a.id && (
                  <button className="link" onClick={() => setWithdrawing({ id: a.id, note: '' })} data-testid={`withdraw-${a.id}`}>
                    Withdraw…
                  </button>
                )
              )}
              {withdrawing?.id === a.id && (
                <div className="withdraw-form">
                  <label htmlFor={`${ids}-w`}>Why is it withdrawn?</label>
                  <textarea id={`${ids}-w`} rows={2} value={withdrawing.note} onChange={(e) => setWithdrawing({ id: a.id, note: e.target.value })} data-testid="withdraw-note" />
                  <div className="row">
                    <button onClick={withdraw} disabled={saving} data-testid="withdraw-save">
                      Withdraw it (kept in the record)
                    </button>
                    <button className="link" onClick={() => setWithdrawing(null)}>
                      Keep it
                    </button>
                  </div>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      {!readOnly && (
        <div className="annotate">
          <fieldset className="row">
            <legend>This annotation records</legend>
            {CHOICES.map((d) => (
              <label key={d} className="check">
                <input type="radio" name={`${ids}-decision`} value={d} checked={decision === d} onChange={() => setDecision(d)} />
                {DECISION_LABELS[d]}
              </label>
            ))}
          </fieldset>
          <label htmlFor={`${ids}-note`}>Reason (required)</label>
          <textarea
            id={`${ids}-note`}
            placeholder="What supports or rejects the link (case officer's feedback, other evidence)…"
            value={note}
            onChange={(e) => setNote(e.target.value)}
            rows={3}
            data-testid="annotation-note"
            aria-required="true"
          />
          <p className="hint">Annotations are never edited: one made in error is withdrawn by a later one, and both stay in the record.</p>
          <button className="primary" onClick={save} disabled={saving} data-testid="annotation-save">
            {saving ? 'Saving…' : 'Add to the record'}
          </button>
        </div>
      )}
    </section>
  );
}
