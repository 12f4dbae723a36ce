/**
 * Who acts, in the web build: the analyst's name, asked once before any workspace opens and kept in the preferences
 * (the desktop app records the signed-in user instead, as the CLI does). Every audit line, batch, class run,
 * calibration, annotation and report records it, so it is never a placeholder such as "analyst".
 */
import { useId, useState } from 'react';
import { cleanAnalystName, usePreferences } from '../state/preferences';

export function AnalystNameForm({ onDone, autoFocus = false }: { onDone?: () => void; autoFocus?: boolean }) {
  const prefs = usePreferences();
  const id = useId();
  const [name, setName] = useState(prefs.analystName ?? '');
  const [error, setError] = useState<string | null>(null);
  const save = () => {
    if (!cleanAnalystName(name)) return setError('Write your name (1 to 100 characters): it is recorded with everything you do in a workspace.');
    prefs.setAnalystName(name);
    setError(null);
    onDone?.();
  };
  return (
    <form
      className="analyst-name"
      aria-labelledby={`${id}-h`}
      data-testid="analyst-name-form"
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
    >
      <h2 id={`${id}-h`}>Who is working?</h2>
      <p className="hint">Your name goes into every line of a workspace's audit log, and into the runs, annotations and reports you make. This browser keeps it; change it from the command palette.</p>
      <div className="row">
        <label htmlFor={`${id}-name`}>Your name</label>
        <input id={`${id}-name`} value={name} autoFocus={autoFocus} onChange={(e) => setName(e.target.value)} placeholder="e.g. A. Tremblay" data-testid="analyst-name" aria-invalid={error !== null} />
        <button type="submit" className="primary" data-testid="analyst-name-save">
          {prefs.analystName ? 'Change' : 'Continue'}
        </button>
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
