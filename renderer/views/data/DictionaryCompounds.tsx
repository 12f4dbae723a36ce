/**
 * The dictionary's compounds with their role, CAS number, synonyms and how many results map to each; found by a filter
 * field. An analyst adds a compound, edits one (role, CAS, synonyms, note) or removes one that nothing depends on; a
 * compound in use says what uses it instead of going.
 */
import { Fragment, useMemo, useState } from 'react';
import type { CompoundDictionary } from '../../../shared/domain/compound-dictionary';
import { removalBlockers, ROLE_LABELS, type CompoundUsage, type DictionaryEdit } from '../../../shared/domain/dictionary-edit';
import { CompoundForm } from './CompoundForm';
import { filterCompounds } from './CompoundPicker';

const n = (v: number) => v.toLocaleString('en-CA');

type Open = { compound: string; mode: 'edit' | 'remove' } | { compound: null; mode: 'add' } | null;

export function DictionaryCompounds({
  dictionary,
  usage,
  usageError,
  readOnly,
  busy,
  save,
}: {
  dictionary: CompoundDictionary;
  usage: ((compound: string) => CompoundUsage) | null;
  usageError: string | null;
  readOnly: boolean;
  busy: boolean;
  save(edit: DictionaryEdit): Promise<string | null>;
}) {
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState<Open>(null);
  const [error, setError] = useState<string | null>(null);
  const shown = useMemo(() => filterCompounds(dictionary.compounds, query), [dictionary, query]);
  const toggle = (next: Open) => {
    setError(null);
    setOpen(open && next && open.compound === next.compound && open.mode === next.mode ? null : next);
  };
  const run = async (edit: DictionaryEdit) => {
    const refusal = await save(edit);
    setError(refusal);
    if (refusal === null) setOpen(null);
  };
  const cols = readOnly ? 5 : 6;

  return (
    <section className="panel dictionary-section" aria-labelledby="dictionary-h" data-testid="dictionary-compounds">
      <div className="row">
        <h3 id="dictionary-h">In the dictionary ({n(dictionary.compounds.length)})</h3>
        <span className="spacer" />
        <label className="dictionary-filter">
          Find{' '}
          <input type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder="name, synonym or CAS number" data-testid="dictionary-filter" />
        </label>
        {!readOnly && (
          <button type="button" aria-expanded={open?.mode === 'add'} onClick={() => toggle({ compound: null, mode: 'add' })} data-testid="dictionary-add">
            Add a compound…
          </button>
        )}
      </div>
      {open?.mode === 'add' && (
        <CompoundForm
          initial={{ name: query.trim(), role: 'impurity', cas: null, synonyms: [], note: '' }}
          nameEditable
          submitLabel="Add to the dictionary"
          busy={busy}
          error={error}
          onSubmit={(entry) => run({ kind: 'add', entry })}
          onCancel={() => toggle(null)}
          testId="new-compound-form"
        />
      )}
      {dictionary.compounds.length === 0 ? (
        <p className="hint" data-testid="dictionary-empty">
          The dictionary is empty: every measured compound is “unassigned”. {readOnly ? 'An analyst adds the compounds.' : 'Add compounds with Add a compound…, or add the unassigned ones above.'}
        </p>
      ) : shown.length === 0 ? (
        <p className="hint">No compound in the dictionary matches “{query}”.</p>
      ) : (
        <table className="simple dictionary-table">
          <thead>
            <tr>
              <th scope="col">Compound</th>
              <th scope="col">Role</th>
              <th scope="col">CAS number</th>
              <th scope="col">Synonyms</th>
              <th scope="col" className="num">Results</th>
              {!readOnly && <th scope="col">Actions</th>}
            </tr>
          </thead>
          <tbody>
            {shown.map((c) => {
              const editing = open?.compound === c.name ? open.mode : null;
              const used = usage?.(c.name);
              const blockers = used ? removalBlockers(used) : [];
              return (
                <Fragment key={c.name}>
                  <tr data-testid="dictionary-row" data-compound={c.name}>
                    <th scope="row" className="compound-name">
                      {c.name}
                      {c.note && (
                        <div className="hint compound-note" title={c.note}>
                          {c.note}
                        </div>
                      )}
                    </th>
                    <td>{ROLE_LABELS[c.role].label}</td>
                    <td className="cas">{c.cas ?? '—'}</td>
                    <td className="synonyms">{c.synonyms.join('; ') || '—'}</td>
                    <td className="num">{used ? n(used.measurements) : '…'}</td>
                    {!readOnly && (
                      <td className="actions">
                        <button type="button" aria-expanded={editing === 'edit'} onClick={() => toggle({ compound: c.name, mode: 'edit' })} aria-label={`Edit ${c.name}`} data-testid="edit-compound">
                          Edit…
                        </button>
                        <button type="button" aria-expanded={editing === 'remove'} onClick={() => toggle({ compound: c.name, mode: 'remove' })} aria-label={`Remove ${c.name}`} data-testid="remove-compound">
                          Remove…
                        </button>
                      </td>
                    )}
                  </tr>
                  {editing && (
                    <tr className="editing">
                      <td colSpan={cols}>
                        {editing === 'edit' ? (
                          <CompoundForm
                            initial={c}
                            nameEditable={false}
                            submitLabel={`Save ${c.name}`}
                            busy={busy}
                            error={error}
                            onSubmit={(entry) => run({ kind: 'update', compound: c.name, entry })}
                            onCancel={() => toggle(null)}
                            testId="edit-form"
                          />
                        ) : (
                          <RemoveConfirm name={c.name} blockers={usage ? blockers : [`what depends on it could not be read${usageError ? ` (${usageError})` : ''}`]} busy={busy} error={error} onRemove={() => run({ kind: 'remove', compound: c.name })} onCancel={() => toggle(null)} />
                        )}
                      </td>
                    </tr>
                  )}
                </Fragment>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}

function RemoveConfirm({ name, blockers, busy, error, onRemove, onCancel }: { name: string; blockers: string[]; busy: boolean; error: string | null; onRemove(): void; onCancel(): void }) {
  if (blockers.length > 0) {
    return (
      <div className="compound-form" role="alert" data-testid="remove-blocked">
        <p>
          <strong>{name}</strong> cannot be removed: {blockers.join('; ')}. Keep it, or change its role or synonyms instead.
        </p>
        <button type="button" autoFocus onClick={onCancel}>
          Keep {name}
        </button>
      </div>
    );
  }
  return (
    <div className="compound-form" data-testid="remove-confirm" onKeyDown={(e) => e.key === 'Escape' && (e.stopPropagation(), onCancel())}>
      <p>Remove {name} from the workspace’s dictionary? No result maps to it, and no target list or the signature library names it.</p>
      {error && (
        <p className="error" role="alert">
          Not saved: {error}
        </p>
      )}
      <div className="row">
        <button type="button" className="primary" disabled={busy} onClick={onRemove} data-testid="remove-save">
          Remove {name}
        </button>
        <button type="button" autoFocus onClick={onCancel}>
          Keep it
        </button>
      </div>
    </div>
  );
}
