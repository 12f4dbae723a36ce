/**
 * The import step of the Import button, Ctrl+I and files dropped on the window: for each file, how it will be read
 * (format, encoding, delimiter, quoting, header row, decimal and thousands separators, date order, sheet, kind) and how
 * its columns map, each correctable; its first rows, warnings and problems; a saved import profile to apply, or the
 * corrections saved as one; then the import with those options (whole, or the valid rows with the rest quarantined).
 */
import { useEffect, useRef, useState } from 'react';
import { deleteImportProfile, loadImportProfiles, saveImportProfile, type ImportProfile } from '../../shared/importing/import-profile';
import type { ImportKind, ReadOptionsOverride } from '../../shared/importing/types';
import type { OpenWorkspace } from '../state/workbench';
import { Dialog } from './Dialog';
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
}: {
  session: OpenWorkspace;
  files: PreviewFile[];
  onImport: (settings: FileSettings[], acceptPartial: boolean) => void;
  onClose: () => void;
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
        <button onClick={() => onImport(allSettings, true)} data-testid="preview-import-partial" disabled={!preview}>
          Import valid rows only (quarantine the rest)
        </button>
        <button className="primary" onClick={() => onImport(allSettings, false)} data-testid="preview-import" disabled={!preview}>
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
        <h3>Columns</h3>
        {preview && <MappingTable preview={preview} chosen={s.columns} onChange={(header, target) => update({ columns: { ...s.columns, [header]: target } })} />}
        <h3>First rows</h3>
        {preview && <RowsTable preview={preview} />}
      </div>
    </Dialog>
  );
}
