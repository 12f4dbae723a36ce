/**
 * The import step of the Import button, Ctrl+I and files dropped on the window: for each file, how it will be read
 * (format, encoding, delimiter, quoting, header row, decimal and thousands separators, date order, sheet, kind) and how
 * its columns map, each correctable; its first rows, warnings and problems; a saved import profile to apply, or the
 * corrections saved as one; then the import with those options (whole, or the valid rows with the rest quarantined).
 * Every row is checked before Import (import-check.ts): the bad values and every note of the import show here, Import
 * is offered only when it would succeed, and "Import valid rows only" quarantines the bad rows without a second pick.
 * A file that cannot be read says why and can be left out.
 */
import { useEffect, useRef, useState } from 'react';
import { deleteImportProfile, loadImportProfiles, saveImportProfile, type ImportProfile } from '../../shared/importing/import-profile';
import type { ImportKind, ReadOptionsOverride } from '../../shared/importing/types';
import type { OpenWorkspace } from '../state/workbench';
import { Dialog } from './Dialog';
import { problemText } from '../../shared/importing/problem-text';
import { useImportCheck, type FileCheck } from './import-check';
import { KIND_CHOICES, NO_SETTINGS, OPTION_CHOICES, profileToSave, usePreview, type FileSettings } from './import-preview-model';
import { MappingTable, RowsTable } from './PreviewTables';

export interface PreviewFile {
  name: string;
  bytes: Uint8Array;
}

type OptionKey = keyof typeof OPTION_CHOICES;
const OPTION_LABELS: Record<OptionKey, string> = { encoding: 'Encoding', delimiter: 'Delimiter', quote: 'Quote', decimal: 'Decimal separator', thousands: 'Thousands separator', dateOrder: 'Date order' };

export function ImportPreviewDialog({
  session,
  files,
  onImport,
  onClose,
  onRemove,
}: {
  session: OpenWorkspace;
  files: PreviewFile[];
  onImport: (settings: FileSettings[], acceptPartial: boolean) => void;
  onClose: () => void;
  /** Leaves the file at this index out of the import. */
  onRemove: (index: number) => void;
}) {
  const [settings, setSettings] = useState<FileSettings[]>(() => files.map(() => NO_SETTINGS));
  const [at, setAt] = useState(0);
  const [profiles, setProfiles] = useState<ImportProfile[]>([]);
  const [saving, setSaving] = useState<{ name: string; instrument: string } | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [deleting, setDeleting] = useState<string | null>(null);
  const saveButton = useRef<HTMLButtonElement>(null);
  const file = files[at] ?? null;
  const s = settings[at] ?? NO_SETTINGS;
  const { preview, error } = usePreview(file, s, session.dictionary);

  useEffect(() => {
    loadImportProfiles(session.ws).then(setProfiles, (e: unknown) => setMessage({ ok: false, text: (e as Error).message }));
  }, [session.ws]);

  // Files dropped (or picked) while the dialog is open join the list: show the first of them.
  const [counted, setCounted] = useState(files.length);
  if (files.length !== counted) {
    setCounted(files.length);
    if (files.length > counted) setAt(counted);
  }

  const update = (patch: Partial<FileSettings>) => setSettings((all) => files.map((_, i) => (i === at ? { ...(all[i] ?? NO_SETTINGS), ...patch } : (all[i] ?? NO_SETTINGS))));
  const setOption = (key: OptionKey | 'headerRow', raw: string) => {
    const value = key === 'headerRow' ? Number(raw) : key === 'dateOrder' && raw === '' ? null : raw;
    update({ overrides: { ...s.overrides, [key]: value } as ReadOptionsOverride });
  };
  const chooseProfile = (name: string) => {
    const base = profiles.find((p) => p.name === name) ?? null;
    update({ base, overrides: {}, columns: {}, kind: undefined, sheet: base?.sheet });
  };
  const save = async () => {
    if (!saving) return;
    try {
      const profile = profileToSave(s, saving.name, saving.instrument);
      await saveImportProfile(session.ws, profile);
      const all = await loadImportProfiles(session.ws);
      setProfiles(all);
      update({ base: all.find((p) => p.name === profile.name) ?? profile, overrides: {}, columns: {}, kind: undefined });
      setSaving(null);
      // The form (and the focused field in it) is gone: keep the focus in the dialog, on the button that opened it.
      saveButton.current?.focus();
      setMessage({ ok: true, text: `Saved import profile “${profile.name}”.` });
    } catch (e) {
      setMessage({ ok: false, text: (e as Error).message });
    }
  };

  const remove = async (name: string) => {
    try {
      await deleteImportProfile(session.ws, name);
      setProfiles(await loadImportProfiles(session.ws));
      // Files read through the deleted profile go back to detection.
      setSettings((all) => files.map((_, i) => ((all[i] ?? NO_SETTINGS).base?.name === name ? NO_SETTINGS : (all[i] ?? NO_SETTINGS))));
      setDeleting(null);
      saveButton.current?.focus();
      setMessage({ ok: true, text: `Deleted import profile “${name}”; batches imported with it keep their data and their record of how they were read.` });
    } catch (e) {
      setMessage({ ok: false, text: (e as Error).message });
    }
  };

  const allSettings = files.map((_, i) => settings[i] ?? NO_SETTINGS);
  const checks = useImportCheck(session, files, allSettings);
  const check = checks[at] ?? ({ state: 'checking' } as FileCheck);
  const verdict = importVerdict(files, checks);
  const leaveOut = () => {
    setSettings((all) => all.filter((_, i) => i !== at));
    setCounted(files.length - 1);
    setAt(0);
    onRemove(at);
  };
  const opts = preview?.options ?? null;
  const text = preview?.format === 'csv' || preview?.format === 'tsv' || preview?.format === 'txt';
  const problems = preview?.problems ?? [];

  // In the footer, always in view: the profile form opens right above the button that asked for it, and its outcome
  // shows there too, whatever the body is scrolled to.
  const footer = (
    <>
      {saving && (
        <form
          className="dialog-actions preview-save"
          aria-label="Save as import profile"
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <label>
            Profile name
            <input autoFocus value={saving.name} onChange={(e) => setSaving({ ...saving, name: e.target.value })} data-testid="profile-name" />
          </label>
          <label>
            Instrument
            <input value={saving.instrument} onChange={(e) => setSaving({ ...saving, instrument: e.target.value })} data-testid="profile-instrument" />
          </label>
          <button type="submit" disabled={!saving.name.trim()} data-testid="profile-save-confirm">
            Save profile
          </button>
        </form>
      )}
      {deleting && (
        <div className="dialog-actions preview-save" role="group" aria-label="Delete import profile">
          <span>
            Delete the import profile “{deleting}”? Batches imported with it keep their data.
          </span>
          <button onClick={() => void remove(deleting)} className="danger" data-testid="profile-delete-confirm">
            Delete profile
          </button>
          <button autoFocus onClick={() => setDeleting(null)}>
            Keep it
          </button>
        </div>
      )}
      {message && (
        <p className={message.ok ? 'ok' : 'error'} role={message.ok ? 'status' : 'alert'} data-testid="preview-message">
          {message.text}
        </p>
      )}
      <div className="dialog-actions">
        <button ref={saveButton} onClick={() => setSaving(saving ? null : { name: s.base?.name ?? '', instrument: s.base?.instrument ?? '' })} data-testid="preview-save-profile" aria-expanded={saving !== null}>
          Save as import profile…
        </button>
        {s.base && (
          <button onClick={() => setDeleting(deleting ? null : (s.base?.name ?? null))} data-testid="preview-delete-profile" aria-expanded={deleting !== null}>
            Delete profile…
          </button>
        )}
        <span className="spacer" />
        {verdict.reason && (
          <span className="hint preview-verdict" data-testid="preview-verdict">
            {verdict.reason}
          </span>
        )}
        <button onClick={() => onImport(allSettings, true)} data-testid="preview-import-partial" disabled={!preview || !verdict.partial}>
          {verdict.badRows ? `Import valid rows only (quarantine ${verdict.badRows.toLocaleString('en-CA')} ${verdict.badRows === 1 ? 'row' : 'rows'})` : 'Import valid rows only (quarantine the rest)'}
        </button>
        <button className="primary" onClick={() => onImport(allSettings, false)} data-testid="preview-import" disabled={!preview || !verdict.whole}>
          Import
        </button>
        <button onClick={onClose} data-testid="preview-cancel">
          Cancel
        </button>
      </div>
    </>
  );

  return (
    <Dialog title="Import files" onClose={onClose} testId="import-preview" wide footer={footer}>
      <div className="stack form import-preview">
        {files.length > 1 && (
          <label>
            File
            <select value={at} onChange={(e) => setAt(Number(e.target.value))} data-testid="preview-file">
              {files.map((f, i) => (
                <option key={i} value={i}>
                  {f.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <p data-testid="preview-format">
          <strong>{file?.name}</strong> · format {preview?.format?.toUpperCase() ?? '…'} (detected from its content)
          {preview?.kind ? ` · holds ${KIND_CHOICES.find((k) => k.value === preview.kind)?.label ?? preview.kind}` : ''}
        </p>
        <div className="preview-options">
          <label>
            Import profile
            <select value={s.base?.name ?? ''} onChange={(e) => chooseProfile(e.target.value)} data-testid="preview-profile">
              <option value="">none (detect)</option>
              {profiles.map((p) => (
                <option key={p.name} value={p.name}>
                  {p.name}
                  {p.instrument ? ` (${p.instrument})` : ''}
                </option>
              ))}
            </select>
          </label>
          {preview && preview.sheets.length > 0 && (
            <label>
              Sheet
              <select value={preview.sheet ?? ''} onChange={(e) => update({ sheet: e.target.value })} data-testid="preview-sheet">
                {preview.sheets.map((n) => (
                  <option key={n} value={n}>
                    {n}
                  </option>
                ))}
              </select>
            </label>
          )}
          <label>
            File holds
            <select value={s.kind ?? ''} onChange={(e) => update({ kind: (e.target.value || undefined) as ImportKind | undefined })} data-testid="preview-kind">
              {KIND_CHOICES.map((k) => (
                <option key={k.value} value={k.value}>
                  {k.value === '' && preview?.kind ? `as detected (${preview.kind})` : k.label}
                </option>
              ))}
            </select>
          </label>
          {opts &&
            (Object.keys(OPTION_CHOICES) as OptionKey[])
              .filter((k) => text || k === 'decimal' || k === 'thousands' || k === 'dateOrder')
              .map((k) => (
                <label key={k}>
                  {OPTION_LABELS[k]}
                  <select value={String(opts[k] ?? '')} onChange={(e) => setOption(k, e.target.value)} data-testid={`preview-${k === 'dateOrder' ? 'date-order' : k}`}>
                    {OPTION_CHOICES[k].map((o) => (
                      <option key={o.value} value={o.value}>
                        {o.label}
                      </option>
                    ))}
                  </select>
                </label>
              ))}
          {opts && (text || preview?.format === 'xlsx') && (
            <label>
              Header row
              <select value={opts.headerRow} onChange={(e) => setOption('headerRow', e.target.value)} data-testid="preview-header-row">
                {Array.from({ length: 21 }, (_, i) => (
                  <option key={i} value={i}>
                    {i === 0 ? 'none' : `line ${i}`}
                  </option>
                ))}
              </select>
            </label>
          )}
        </div>
        {error && <p className="error" role="alert">{error}</p>}
        {problems.length > 0 && (
          <ul className="error" data-testid="preview-problems" aria-label="Problems">
            {problems.map((p, i) => (
              <li key={i}>
                {p.line ? `line ${p.line}: ` : ''}
                {p.columnName ? `${p.columnName}: ` : ''}
                {p.reason}
              </li>
            ))}
          </ul>
        )}
        {preview && preview.warnings.length > 0 && (
          <ul className="hint" data-testid="preview-warnings" aria-label="Warnings">
            {preview.warnings.map((w, i) => (
              <li key={i}>{w}</li>
            ))}
          </ul>
        )}
        <CheckSection check={check} previewWarnings={preview?.warnings ?? []} previewRefused={problems.length > 0} fileName={file?.name ?? ''} onLeaveOut={leaveOut} />
        <h3>Columns</h3>
        {preview && <MappingTable preview={preview} chosen={s.columns} onChange={(header, target) => update({ columns: { ...s.columns, [header]: target } })} />}
        <h3>First rows</h3>
        {preview && <RowsTable preview={preview} />}
      </div>
    </Dialog>
  );
}

/** Whether the files can be imported whole, or their valid rows only, and if not, why (from the checks of every row). */
export function importVerdict(files: readonly { name: string }[], checks: readonly FileCheck[]): { whole: boolean; partial: boolean; badRows: number; reason: string | null } {
  const refused = files.filter((_, i) => checks[i]?.state === 'refused' || checks[i]?.state === 'failed').map((f) => f.name);
  const bad = checks.reduce((n, c) => n + (c.state === 'checked' ? c.badRows : 0), 0);
  const badFiles = files.filter((_, i) => { const c = checks[i]; return c?.state === 'checked' && c.badRows > 0; }).map((f) => f.name);
  if (refused.length) return { whole: false, partial: false, badRows: bad, reason: `${refused.join(', ')} cannot be imported (see why above): leave ${refused.length === 1 ? 'it' : 'them'} out to import the rest.` };
  if (bad) return { whole: false, partial: true, badRows: bad, reason: `${bad.toLocaleString('en-CA')} ${bad === 1 ? 'row' : 'rows'} of ${badFiles.join(', ')} ${bad === 1 ? 'has' : 'have'} bad values: correct the file, or import the valid rows only.` };
  return { whole: true, partial: false, badRows: 0, reason: null };
}

/** What the check of every row found for the file on view: its problems, the rows they condemn, and the import's notes. */
function CheckSection({ check, previewWarnings, previewRefused, fileName, onLeaveOut }: { check: FileCheck; previewWarnings: readonly string[]; previewRefused: boolean; fileName: string; onLeaveOut: () => void }) {
  const notes = check.state === 'checked' ? check.notes.filter((n) => !previewWarnings.includes(n)) : [];
  return (
    <section className="preview-check" aria-label="Check of every row" data-testid="preview-check" data-state={check.state}>
      {check.state === 'checking' && (
        <p className="hint" role="status">
          Checking every row of {fileName}…
        </p>
      )}
      {check.state === 'failed' && (
        <p className="error" role="alert">
          The check failed: {check.message}
        </p>
      )}
      {check.state === 'duplicate' && <p className="hint">{fileName} was imported before (same SHA-256): importing it again writes nothing.</p>}
      {check.state === 'refused' && (
        <div className="error" role="alert">
          <p>
            <strong>{fileName} cannot be imported</strong>, nothing of it would be written{previewRefused ? ' (the reason is above).' : ':'}
          </p>
          {!previewRefused && (
            <ul data-testid="preview-refusal">
              {check.problems.map((p, i) => (
                <li key={i}>{problemText(p)}</li>
              ))}
              {check.problemCount > check.problems.length && <li>… and {check.problemCount - check.problems.length} more</li>}
            </ul>
          )}
          <button onClick={onLeaveOut} data-testid="preview-leave-out">
            Leave this file out
          </button>
        </div>
      )}
      {check.state === 'checked' &&
        (check.badRows === 0 ? (
          <p className="ok" data-testid="preview-check-ok">
            Every one of the {check.rowsRead.toLocaleString('en-CA')} rows was read: nothing to quarantine.
          </p>
        ) : (
          <div className="warn-box" role="alert">
            <p data-testid="preview-bad-rows">
              <strong>
                {check.badRows.toLocaleString('en-CA')} of {check.rowsRead.toLocaleString('en-CA')} rows have bad values.
              </strong>{' '}
              Import refuses the file while they stand; “Import valid rows only” imports the others and keeps these in the quarantine with their reasons (their values are then missing, not
              zero).
            </p>
            <ul data-testid="preview-bad-values">
              {check.problems.slice(0, 20).map((p, i) => (
                <li key={i}>{problemText(p)}</li>
              ))}
              {check.problemCount > 20 && <li>… and {check.problemCount - 20} more</li>}
            </ul>
          </div>
        ))}
      {notes.length > 0 && (
        <ul className="hint" data-testid="preview-notes" aria-label="Notes of the import">
          {notes.map((n, i) => (
            <li key={i}>note: {n}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
