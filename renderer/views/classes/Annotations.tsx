/** A class's annotations (link confirmed, rejected, note), newest first, and, for analysts, the form to add one. */
import { useEffect, useState } from 'react';
import { addAnnotation, DECISION_LABELS, loadAnnotations, type ClassAnnotation, type Decision } from '../../data/class-annotations';
import { useWorkbench, type OpenWorkspace } from '../../state/workbench';

export function Annotations({ session, classId, runId, members, readOnly }: { session: OpenWorkspace; classId: number; runId: string; members: number; readOnly: boolean }) {
  const wb = useWorkbench();
  const [list, setList] = useState<ClassAnnotation[] | null>(null);
  const [decision, setDecision] = useState<Decision>('link-confirmed');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    let live = true;
    loadAnnotations(session.ws).then(
      (d) => live && setList(d.annotations.filter((a) => a.class_id === classId)),
      (e: Error) => live && setError(`The annotations could not be read: ${e.message}`),
    );
    return () => {
      live = false;
    };
  }, [session.ws, classId]);

  const save = async () => {
    if (decision === 'note' && !note.trim()) {
      setError('Write the note first.');
      return;
    }
    setSaving(true);
    setError(null);
    try {
      const doc = await addAnnotation(session.ws, { class_id: classId, run_id: runId, members, decision, note: note.trim(), by: wb.info?.user ?? 'analyst', at: new Date().toISOString() });
      setList(doc.annotations.filter((a) => a.class_id === classId));
      setNote('');
    } catch (e) {
      setError(`The annotation was not saved: ${(e as Error).message}. Check that the workspace folder is writable, then try again.`);
    } finally {
      setSaving(false);
    }
  };

  return (
    <section className="panel" aria-label="Annotations" data-testid="class-annotations">
      <h3>Analyst's annotations</h3>
      {error && <p className="error" role="alert">{error}</p>}
      {list === null ? (
        <p className="hint">Reading…</p>
      ) : list.length === 0 ? (
        <p className="hint">None yet.{readOnly ? '' : ' Record whether the link holds once the investigation says so; every annotation goes to the audit log.'}</p>
      ) : (
        <ul className="annotations">
          {[...list].reverse().map((a, i) => (
            <li key={i} className={a.decision}>
              <strong>{DECISION_LABELS[a.decision]}</strong> by {a.by}, {a.at.slice(0, 16).replace('T', ' ')} (run {a.run_id}, {a.members} samples)
              {a.note && <div>{a.note}</div>}
            </li>
          ))}
        </ul>
      )}
      {!readOnly && (
        <div className="annotate">
          <div className="row" role="radiogroup" aria-label="Decision">
            {(Object.keys(DECISION_LABELS) as Decision[]).map((d) => (
              <label key={d} className="check">
                <input type="radio" name="decision" value={d} checked={decision === d} onChange={() => setDecision(d)} />
                {DECISION_LABELS[d]}
              </label>
            ))}
          </div>
          <textarea aria-label="Note" placeholder="What supports or rejects the link (case officer's feedback, other evidence)…" value={note} onChange={(e) => setNote(e.target.value)} rows={3} data-testid="annotation-note" />
          <button className="primary" onClick={save} disabled={saving} data-testid="annotation-save">
            {saving ? 'Saving…' : 'Add to the record'}
          </button>
        </div>
      )}
    </section>
  );
}
