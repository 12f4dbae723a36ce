/**
 * A searchable choice of one dictionary compound: a filter field (name, synonym or CAS number, matched folded as the
 * import matches names) above a list box. Arrow Down moves from the field into the list; Enter in either saves.
 */
import { useId, useMemo, useState, type KeyboardEvent } from 'react';
import { normaliseCompoundKey, type CompoundEntry } from '../../../shared/domain/compound-dictionary';
import { ROLE_LABELS } from '../../../shared/domain/dictionary-edit';

/** Compounds whose name, a synonym or the CAS number contains the query (folded); the name matches rank first. */
export function filterCompounds(compounds: readonly CompoundEntry[], query: string): CompoundEntry[] {
  const q = normaliseCompoundKey(query);
  if (q === '') return [...compounds];
  const byName: CompoundEntry[] = [];
  const other: CompoundEntry[] = [];
  for (const c of compounds) {
    if (normaliseCompoundKey(c.name).includes(q)) byName.push(c);
    else if (c.synonyms.some((s) => normaliseCompoundKey(s).includes(q)) || (c.cas ?? '').includes(q)) other.push(c);
  }
  return [...byName, ...other];
}

export function CompoundPicker({
  compounds,
  value,
  onChange,
  label,
  testId,
}: {
  compounds: readonly CompoundEntry[];
  value: string | null;
  onChange(name: string | null): void;
  label: string;
  testId: string;
}) {
  const id = useId();
  const [query, setQuery] = useState('');
  const shown = useMemo(() => filterCompounds(compounds, query), [compounds, query]);

  const onQuery = (text: string) => {
    setQuery(text);
    const next = filterCompounds(compounds, text);
    // Keep the choice while it is still shown; otherwise take the best match, so that typing then Enter works.
    if (!next.some((c) => c.name === value)) onChange(next[0]?.name ?? null);
  };
  const onFieldKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' && shown.length > 0) {
      e.preventDefault();
      document.getElementById(`${id}-list`)?.focus();
    }
  };

  return (
    <div className="compound-picker">
      <label htmlFor={`${id}-filter`}>{label}</label>
      <input
        id={`${id}-filter`}
        type="search"
        value={query}
        onChange={(e) => onQuery(e.target.value)}
        onKeyDown={onFieldKey}
        placeholder="Type a name, synonym or CAS number"
        aria-controls={`${id}-list`}
        autoComplete="off"
        autoFocus
        data-testid={`${testId}-filter`}
      />
      <select
        id={`${id}-list`}
        size={Math.min(7, Math.max(2, shown.length))}
        value={value ?? ''}
        onChange={(e) => onChange(e.target.value || null)}
        // A list box takes no implicit submission: Enter on the chosen compound saves, as Enter in the field does.
        onKeyDown={(e) => e.key === 'Enter' && (e.preventDefault(), e.currentTarget.form?.requestSubmit())}
        aria-label={`${label}: ${shown.length} compounds`} data-testid={`${testId}-list`}>
        {shown.map((c) => (
          <option key={c.name} value={c.name}>
            {c.name} — {ROLE_LABELS[c.role].label}
            {c.synonyms.length ? ` (${c.synonyms.slice(0, 3).join(', ')}${c.synonyms.length > 3 ? ', …' : ''})` : ''}
          </option>
        ))}
      </select>
      {shown.length === 0 && <p className="hint">No dictionary compound matches “{query}”. Add it as a new compound instead.</p>}
    </div>
  );
}
