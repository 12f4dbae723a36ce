/**
 * The workspace's compound dictionary, edited in place: the unassigned compounds first (map each as a synonym or add it
 * as a compound), then the dictionary itself. Every change is one edit validated whole by the schema that checks
 * `sigwb dictionary --import`, saved as the workspace's own copy (atomic write, audit line saying what changed), and
 * then the views are rebuilt with it, as opening the workspace after the CLI import would. Investigator mode shows the
 * dictionary without the edit actions.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { defineViews } from '../../../shared/db/workspace-views';
import type { CompoundUsage, DictionaryEdit } from '../../../shared/domain/dictionary-edit';
import { DICTIONARY_DOCUMENT, editWorkspaceDictionary } from '../../../shared/domain/workspace-dictionary';
import { compoundUsage, unassignedCompounds, type UnassignedCompound } from '../../data/dictionary-usage';
import { usePreferences } from '../../state/preferences';
import { useWorkbench, type OpenWorkspace } from '../../state/workbench';
import { DictionaryCompounds } from './DictionaryCompounds';
import { UnassignedCompounds } from './UnassignedCompounds';
import './dictionary.css';

type Usage = (compound: string) => CompoundUsage;

export function DictionaryEditor({ session }: { session: OpenWorkspace }) {
  const wb = useWorkbench();
  const { investigator } = usePreferences();
  const [unassigned, setUnassigned] = useState<UnassignedCompound[] | null>(null);
  const [hasResults, setHasResults] = useState(false);
  const [usage, setUsage] = useState<{ of: Usage | null; error: string | null }>({ of: null, error: null });
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const focusedOnArrival = useRef(false);

  useEffect(() => {
    let live = true;
    Promise.all([unassignedCompounds(session.db), session.db.query('SELECT count(*) AS n FROM measurements')]).then(
      ([u, t]) => {
        if (!live) return;
        setUnassigned(u);
        setHasResults(Number(t.getChild('n')!.get(0)) > 0);
      },
      (e: Error) => live && setLoadError(`The unassigned compounds could not be read: ${e.message}`),
    );
    compoundUsage(session.ws, session.db).then(
      (of) => live && setUsage({ of, error: null }),
      (e: Error) => live && setUsage({ of: null, error: e.message }),
    );
    return () => {
      live = false;
    };
  }, [session.db, session.ws, session.version]);

  // Arriving from Home's "Map or add them" the link is gone and the focus with it: put it on the unassigned list.
  useEffect(() => {
    if (focusedOnArrival.current || unassigned === null) return;
    focusedOnArrival.current = true;
    if (unassigned.length > 0 && (document.activeElement === null || document.activeElement === document.body)) heading.current?.focus();
  }, [unassigned]);

  const { changed } = wb;
  const save = useCallback(
    async (edit: DictionaryEdit): Promise<string | null> => {
      setBusy(true);
      setStatus(null);
      try {
        if (edit.kind === 'remove' && !usage.of) return `what depends on ${edit.compound} could not be read${usage.error ? ` (${usage.error})` : ''}`;
        const result = await editWorkspaceDictionary(session.ws, edit, { usage: usage.of ?? undefined });
        if (!result.ok) return result.message;
        try {
          await defineViews(session.db, session.ws, result.dictionary);
        } catch (e) {
          return `the dictionary was saved, but the views could not be rebuilt (${(e as Error).message}): reopen the workspace`;
        }
        await changed();
        setStatus(`Saved: ${result.summary}.`);
        heading.current?.focus();
        return null;
      } catch (e) {
        return (e as Error).message;
      } finally {
        setBusy(false);
      }
    },
    [session.ws, session.db, usage, changed],
  );

  const dict = session.dictionary;
  const own = session.ws.manifest.documents[DICTIONARY_DOCUMENT] !== undefined;
  const readOnly = investigator;
  const waiting = wb.task !== null;

  return (
    <div className="dictionary-editor" data-testid="dictionary-editor">
      <div className="row">
        <h2 className="view-title">Compound dictionary</h2>
        <span className="hint" data-testid="dictionary-version">
          version {dict.version} · {dict.compounds.length.toLocaleString('en-CA')} compounds · {own ? 'the workspace’s own copy (config/compound-dictionary.json)' : 'the shipped default'}
        </span>
      </div>
      {readOnly ? (
        <p className="hint" data-testid="dictionary-read-only">
          Investigator mode is read-only: an analyst maps and adds compounds.
        </p>
      ) : (
        <p className="hint">
          Each change is checked as <code>sigwb dictionary --import</code> checks a file (no name or synonym may name two compounds), saved as the
          workspace’s own copy, written to the audit log, and every view maps the compounds through it at once.
        </p>
      )}
      {waiting && !readOnly && <p className="hint">Changes wait until “{wb.task?.label}” finishes.</p>}
      {loadError && (
        <p className="error" role="alert">
          {loadError}
        </p>
      )}
      <p className="ok" role="status" data-testid="dictionary-status">
        {status}
      </p>
      <UnassignedCompounds ref={heading} unassigned={unassigned} compounds={dict.compounds} hasResults={hasResults} readOnly={readOnly} busy={busy || waiting} save={save} />
      <DictionaryCompounds dictionary={dict} usage={usage.of} usageError={usage.error} readOnly={readOnly} busy={busy || waiting} save={save} />
    </div>
  );
}
