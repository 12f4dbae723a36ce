/**
 * The compounds the results name that the dictionary does not know (role “unassigned”), most measured first, each with
 * its two ways out: map it as a synonym of a dictionary compound, or add it as a new compound with a role.
 */
import { forwardRef, useState, type FormEvent, type KeyboardEvent, type ReactNode } from 'react';
import type { CompoundEntry } from '../../../shared/domain/compound-dictionary';
import type { DictionaryEdit } from '../../../shared/domain/dictionary-edit';
import type { UnassignedCompound } from '../../data/dictionary-usage';
import { CompoundForm } from './CompoundForm';
import { CompoundPicker } from './CompoundPicker';

const n = (v: number) => v.toLocaleString('en-CA');

type Open = { raw: string; mode: 'map' | 'add' } | null;

export const UnassignedCompounds = forwardRef<HTMLHeadingElement, {
  unassigned: UnassignedCompound[] | null;
  compounds: readonly CompoundEntry[];
  hasResults: boolean;
  readOnly: boolean;
  busy: boolean;
  /** Saves the edit; resolves to the refusal, or null once saved. */
  save(edit: DictionaryEdit): Promise<string | null>;
}>(function UnassignedCompounds({ unassigned, compounds, hasResults, readOnly, busy, save }, headingRef) {
  const [open, setOpen] = useState<Open>(null);
  const [error, setError] = useState<string | null>(null);
  const toggle = (next: Open) => {
    setError(null);
    setOpen(open && next && open.raw === next.raw && open.mode === next.mode ? null : next);
  };
  const run = async (edit: DictionaryEdit) => {
    const refusal = await save(edit);
    setError(refusal);
    if (refusal === null) setOpen(null);
  };

  return (
    <section className="panel dictionary-section" aria-labelledby="unassigned-h" data-testid="unassigned-compounds">
      <h3 id="unassigned-h" ref={headingRef} tabIndex={-1}>
        Not in the dictionary{unassigned ? ` (${n(unassigned.length)})` : ''}
      </h3>
      {unassigned === null ? (
        <p className="hint">Reading the results…</p>
      ) : unassigned.length === 0 ? (
        <p className="ok" data-testid="unassigned-empty">
          {hasResults
            ? 'Every compound in the results is in the dictionary.'
            : 'No results imported yet. Import a results file: compounds the dictionary does not know are listed here, to map or add.'}
        </p>
      ) : (
        <>
          <p className="hint">
            The views give these names the role “unassigned” until they are mapped.{' '}
            {readOnly ? '' : 'Map each to a dictionary compound it is another name for, or add it as a new compound.'}
          </p>
          <table className="simple dictionary-table">
            <thead>
              <tr>
                <th scope="col">Compound as written</th>
                <th scope="col" className="num">Results</th>
                <th scope="col" className="num">Samples</th>
                <th scope="col" className="num">RT (min, median)</th>
                {!readOnly && <th scope="col">Actions</th>}
              </tr>
            </thead>
            <tbody>
              {unassigned.map((u) => (
                <UnassignedRow key={u.name} u={u} open={open?.raw === u.name ? open.mode : null} readOnly={readOnly} onToggle={(mode) => toggle({ raw: u.name, mode })}>
                  {open?.raw === u.name && open.mode === 'map' && (
                    <MapForm raw={u.name} compounds={compounds} busy={busy} error={error} onSubmit={(to) => run({ kind: 'map', raw: u.name, compound: to })} onCancel={() => toggle(null)} />
                  )}
                  {open?.raw === u.name && open.mode === 'add' && (
                    <CompoundForm
                      initial={{ name: u.name, role: 'impurity', cas: null, synonyms: [], note: '' }}
                      nameEditable
                      submitLabel="Add to the dictionary"
                      hint={`Give it the name the lab uses; “${u.name}” is kept as a synonym, so these results map to it.`}
                      busy={busy}
                      error={error}
                      onSubmit={(entry) => run({ kind: 'add', entry, raw: u.name })}
                      onCancel={() => toggle(null)}
                      testId="add-form"
                    />
                  )}
                </UnassignedRow>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
});

function UnassignedRow({ u, open, readOnly, onToggle, children }: { u: UnassignedCompound; open: 'map' | 'add' | null; readOnly: boolean; onToggle(mode: 'map' | 'add'): void; children: ReactNode }) {
  return (
    <>
      <tr data-testid="unassigned-row" data-compound={u.name}>
        <th scope="row" className="compound-name">
          {u.name}
        </th>
        <td className="num">{n(u.results)}</td>
        <td className="num">{n(u.samples)}</td>
        <td className="num">{u.rtMin === null ? '—' : u.rtMin.toFixed(2)}</td>
        {!readOnly && (
          <td className="actions">
            <button type="button" aria-expanded={open === 'map'} onClick={() => onToggle('map')} aria-label={`Map as synonym: ${u.name}`} data-testid="map-synonym">
              Map as synonym…
            </button>
            <button type="button" aria-expanded={open === 'add'} onClick={() => onToggle('add')} aria-label={`Add as new compound: ${u.name}`} data-testid="add-compound">
              Add as new compound…
            </button>
          </td>
        )}
      </tr>
      {open && (
        <tr className="editing">
          <td colSpan={5}>{children}</td>
        </tr>
      )}
    </>
  );
}

function MapForm({ raw, compounds, busy, error, onSubmit, onCancel }: { raw: string; compounds: readonly CompoundEntry[]; busy: boolean; error: string | null; onSubmit(to: string): void; onCancel(): void }) {
  const [to, setTo] = useState<string | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (to) onSubmit(to);
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.stopPropagation();
      onCancel();
    }
  };
  return (
    <form className="compound-form" onSubmit={submit} onKeyDown={onKeyDown} aria-label={`Map ${raw} as a synonym`} data-testid="map-form">
      <CompoundPicker compounds={compounds} value={to} onChange={setTo} label={`“${raw}” is another name for`} testId="map-target" />
      {error && (
        <p className="error" role="alert" data-testid="map-form-error">
          Not saved: {error}
        </p>
      )}
      <div className="row">
        <button type="submit" className="primary" disabled={busy || to === null} data-testid="map-save">
          {busy ? 'Saving…' : to ? `Map as a synonym of ${to}` : 'Choose a compound'}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
