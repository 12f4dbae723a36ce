/**
 * The workspace's controlled vocabularies (region, form, main drug), edited in place like the compound dictionary: the
 * values no term names first (map each as a synonym of a term, or add it as a term), then each field's terms with their
 * synonyms. Every change is validated whole by the schema that checks `sigwb vocabulary --import`, saved as a new
 * version with an audit line saying what changed, and the views are redefined at once (every batch mapped again).
 * Investigator mode shows the vocabularies without the edit actions.
 */
import { useCallback, useEffect, useId, useState } from 'react';
import { defineViews } from '../../../shared/db/workspace-views';
import { FIELD_LABELS, VOCABULARY_FIELDS, type VocabularyField } from '../../../shared/domain/vocabulary';
import { applyVocabularyEdit, type VocabularyEdit } from '../../../shared/domain/vocabulary-edit';
import { saveVocabularies, VOCABULARIES_DOCUMENT } from '../../../shared/domain/workspace-vocabulary';
import { inForce } from '../../../shared/workspace/document-versions';
import { usePreferences } from '../../state/preferences';
import { useWorkbench, type OpenWorkspace } from '../../state/workbench';

interface Unmapped {
  field: VocabularyField;
  value: string;
  samples: number;
}

async function unmappedValues(session: OpenWorkspace): Promise<Unmapped[]> {
  const t = await session.db.query('SELECT field, value, samples FROM vocabulary_values WHERE canonical IS NULL ORDER BY field, samples DESC, value');
  return Array.from({ length: t.numRows }, (_, i) => ({ field: String(t.getChild('field')!.get(i)) as VocabularyField, value: String(t.getChild('value')!.get(i)), samples: Number(t.getChild('samples')!.get(i)) }));
}

export function VocabularyEditor({ session }: { session: OpenWorkspace }) {
  const wb = useWorkbench();
  const { investigator } = usePreferences();
  const ids = useId();
  const [unmapped, setUnmapped] = useState<Unmapped[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const [targets, setTargets] = useState<Record<string, string>>({});
  const doc = session.vocabularies;

  useEffect(() => {
    let live = true;
    unmappedValues(session).then(
      (u) => live && setUnmapped(u),
      (e: Error) => live && setStatus({ ok: false, text: `The values could not be read: ${e.message}` }),
    );
    return () => {
      live = false;
    };
  }, [session]);

  const { changed } = wb;
  const save = useCallback(
    async (edit: VocabularyEdit) => {
      setBusy(true);
      setStatus(null);
      try {
        const result = applyVocabularyEdit(session.vocabularies, edit);
        if (!result.ok) return setStatus({ ok: false, text: `Not saved: ${result.message}.` });
        await saveVocabularies(session.ws, result.doc);
        try {
          await defineViews(session.db, session.ws, session.dictionary, result.doc);
        } catch (e) {
          return setStatus({ ok: false, text: `Saved, but the views could not be rebuilt (${(e as Error).message}): reopen the workspace.` });
        }
        await changed();
        setStatus({ ok: true, text: `Saved: ${result.summary}.` });
      } catch (e) {
        setStatus({ ok: false, text: `Not saved: ${(e as Error).message}` });
      } finally {
        setBusy(false);
      }
    },
    [session, changed],
  );

  const own = inForce(session.ws.manifest, VOCABULARIES_DOCUMENT);
  const readOnly = investigator;
  const waiting = busy || wb.task !== null;
  return (
    <div className="vocabulary-editor" data-testid="vocabulary-editor">
      <div className="row">
        <h2 className="view-title">Controlled vocabularies</h2>
        <span className="hint" data-testid="vocabulary-version">
          version {doc.version} · {own ? `the workspace’s own, ${own.version ?? 'kept before versions'} (config/${VOCABULARIES_DOCUMENT}.json)` : 'the shipped default'}
        </span>
      </div>
      <p className="hint">
        Region, form and main drug are read through these terms (synonyms in English and French, codes): the samples view shows the term, and the value as written in{' '}
        <code>region_raw</code>, <code>form_raw</code>, <code>main_drug_raw</code>. A value no term names is kept as written and listed here, never guessed. Each change is checked as{' '}
        <code>sigwb vocabulary --import</code> checks a file, saved as a new version and written to the audit log.
      </p>
      <p className={status?.ok === false ? 'error' : 'ok'} role="status" data-testid="vocabulary-status">
        {status?.text}
      </p>
      <section className="panel" aria-labelledby={`${ids}-unmapped`} aria-busy={unmapped === null} data-testid="vocabulary-values">
        <h3 id={`${ids}-unmapped`}>Values no term names</h3>
        {unmapped === null ? (
          <p className="hint">Reading…</p>
        ) : unmapped.length === 0 ? (
          <p className="ok">Every region, form and main drug is named by a term.</p>
        ) : (
          <table className="simple" data-testid="vocabulary-unmapped">
            <thead>
              <tr>
                <th>Field</th>
                <th>Value as written</th>
                <th className="num">Samples</th>
                {!readOnly && <th>Action</th>}
              </tr>
            </thead>
            <tbody>
              {unmapped.map((u) => {
                const key = `${u.field}\u0000${u.value}`;
                const target = targets[key] ?? '';
                return (
                  <tr key={key} data-testid={`unmapped-${u.field}-${u.value}`}>
                    <td>{FIELD_LABELS[u.field]}</td>
                    <td>“{u.value}”</td>
                    <td className="num">{u.samples}</td>
                    {!readOnly && (
                      <td className="row">
                        <select aria-label={`Term for “${u.value}”`} value={target} onChange={(e) => setTargets((t) => ({ ...t, [key]: e.target.value }))} data-testid="unmapped-term">
                          <option value="">choose a term…</option>
                          {doc.fields[u.field].map((t) => (
                            <option key={t.value} value={t.value}>
                              {t.value}
                            </option>
                          ))}
                        </select>
                        <button disabled={waiting || !target} onClick={() => void save({ kind: 'synonym', field: u.field, term: target, synonym: u.value })} data-testid="unmapped-map">
                          Read as this term
                        </button>
                        <button disabled={waiting} onClick={() => void save({ kind: 'add-term', field: u.field, value: u.value })} data-testid="unmapped-add">
                          Add as a new term
                        </button>
                      </td>
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </section>
      {VOCABULARY_FIELDS.map((field) => (
        <details key={field} className="panel">
          <summary>
            {FIELD_LABELS[field]}: {doc.fields[field].length} terms
          </summary>
          <table className="simple" data-testid={`vocabulary-${field}`}>
            <thead>
              <tr>
                <th>Term</th>
                <th>Synonyms (English, French, codes)</th>
              </tr>
            </thead>
            <tbody>
              {doc.fields[field].map((t) => (
                <tr key={t.value}>
                  <td>{t.value}</td>
                  <td>{t.synonyms.join(', ') || <span className="hint">none</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      ))}
    </div>
  );
}
