/**
 * The fields of one dictionary compound: name (new compounds only: a saved name is what target lists, the library and
 * records use), role, CAS number, synonyms one a line, and a note. Enter in a one-line field saves, Escape cancels; a
 * refusal (a name that already names another compound, a malformed CAS number) shows under the fields, which keep
 * what was typed.
 */
import { useId, useState, type FormEvent, type KeyboardEvent } from 'react';
import { COMPOUND_ROLES, type CompoundRole } from '../../../shared/domain/compound-dictionary';
import { ROLE_LABELS, type CompoundDraft } from '../../../shared/domain/dictionary-edit';

export function CompoundForm({
  initial,
  nameEditable,
  hint,
  submitLabel,
  busy,
  error,
  onSubmit,
  onCancel,
  testId,
}: {
  initial: CompoundDraft;
  nameEditable: boolean;
  /** A line above the fields (what happens to the name the form started from). */
  hint?: string;
  submitLabel: string;
  busy: boolean;
  error: string | null;
  onSubmit(draft: CompoundDraft): void;
  onCancel(): void;
  testId: string;
}) {
  const id = useId();
  const [name, setName] = useState(initial.name);
  const [role, setRole] = useState<CompoundRole>(initial.role);
  const [cas, setCas] = useState(initial.cas ?? '');
  const [synonyms, setSynonyms] = useState(initial.synonyms.join('\n'));
  const [note, setNote] = useState(initial.note ?? '');

  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit({ name, role, cas: cas.trim() || null, synonyms: synonyms.split('\n'), note });
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.stopPropagation();
      onCancel();
    }
  };

  return (
    <form className="compound-form" onSubmit={submit} onKeyDown={onKeyDown} data-testid={testId} aria-label={submitLabel}>
      {hint && <p className="hint">{hint}</p>}
      <div className="fields">
        {nameEditable && (
          <>
            <label htmlFor={`${id}-name`}>Name</label>
            <input id={`${id}-name`} value={name} onChange={(e) => setName(e.target.value)} required maxLength={200} autoFocus data-testid={`${testId}-name`} />
          </>
        )}
        <label htmlFor={`${id}-role`}>Role</label>
        <div>
          <select id={`${id}-role`} value={role} onChange={(e) => setRole(e.target.value as CompoundRole)} autoFocus={!nameEditable} aria-describedby={`${id}-role-hint`} data-testid={`${testId}-role`}>
            {COMPOUND_ROLES.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABELS[r].label}
              </option>
            ))}
          </select>{' '}
          <span id={`${id}-role-hint`} className="hint">
            {ROLE_LABELS[role].hint}
          </span>
        </div>
        <label htmlFor={`${id}-cas`}>CAS number</label>
        <input id={`${id}-cas`} value={cas} onChange={(e) => setCas(e.target.value)} placeholder="e.g. 437-38-7 (optional)" inputMode="numeric" data-testid={`${testId}-cas`} />
        <label htmlFor={`${id}-synonyms`}>Synonyms</label>
        <textarea id={`${id}-synonyms`} value={synonyms} onChange={(e) => setSynonyms(e.target.value)} rows={3} aria-describedby={`${id}-synonyms-hint`} data-testid={`${testId}-synonyms`} />
        <span />
        <span id={`${id}-synonyms-hint`} className="hint">
          One a line: names as instruments and LIMS write them. Case, spaces and punctuation variants match already.
        </span>
        <label htmlFor={`${id}-note`}>Note</label>
        <textarea id={`${id}-note`} value={note} onChange={(e) => setNote(e.target.value)} rows={2} maxLength={2000} placeholder="Why this entry and its role (literature), optional" data-testid={`${testId}-note`} />
      </div>
      {error && (
        <p className="error" role="alert" data-testid={`${testId}-error`}>
          Not saved: {error}
        </p>
      )}
      <div className="row">
        <button type="submit" className="primary" disabled={busy} data-testid={`${testId}-save`}>
          {busy ? 'Saving…' : submitLabel}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
