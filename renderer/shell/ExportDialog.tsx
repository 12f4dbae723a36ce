/**
 * Export (the desktop menu's File › Export, and the palette): the selected samples, a class, or all
 * samples, as samples, measurements or signatures, in CSV, XLSX, Parquet or Arrow, through a redaction
 * profile and with a sensitivity label (shared/exporting). The file and its manifest are saved where the
 * analyst chooses, then the export is written to the audit log. In investigator mode the active profile
 * is the only one offered.
 */
import { useState } from 'react';
import { auditExport, exportData } from '../../shared/exporting/export-data';
import { FORMAT_INFO, type ExportFormat } from '../../shared/exporting/encoders/index';
import { manifestFileName } from '../../shared/exporting/export-manifest';
import type { ExportWhat } from '../../shared/exporting/export-table';
import { FALLBACK_SENSITIVITY_LABEL } from '../../shared/exporting/sensitivity-label';
import type { Selection as ExportSelection } from '../../shared/exporting/selection';
import { sha256Hex } from '../../shared/util/sha256';
import { OutsideWriteCancelled } from '../../shared/workspace/commit';
import { saveThroughDialogs } from '../host/save-in-commit';
import { usePreferences } from '../state/preferences';
import { useColumnRule } from '../state/redaction';
import { useSelection } from '../state/selection';
import { useWorkbench, type OpenWorkspace } from '../state/workbench';
import { Dialog } from './Dialog';
import { RedactionFields } from './RedactionFields';

export function ExportDialog({ session, onClose }: { session: OpenWorkspace; onClose: () => void }) {
  const wb = useWorkbench();
  const prefs = usePreferences();
  const rule = useColumnRule(session);
  const selection = useSelection();
  const [scope, setScope] = useState<'selected' | 'all'>(selection.ids.size ? 'selected' : 'all');
  const [what, setWhat] = useState<ExportWhat>('samples');
  const [format, setFormat] = useState<ExportFormat>('csv');
  const [profile, setProfile] = useState(prefs.investigator ? prefs.profile : 'internal');
  const [label, setLabel] = useState<string>(FALLBACK_SENSITIVITY_LABEL);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const run = async () => {
    setError(null);
    const sel: ExportSelection = scope === 'selected' ? { kind: 'samples', sample_ids: [...selection.ids] } : { kind: 'all' };
    const fileName = `${session.ws.manifest.name.replace(/[^A-Za-z0-9-]+/g, '-').toLowerCase()}-${what}.${FORMAT_INFO[format].extension}`;
    try {
      const result = await wb.runTask(`Exporting ${what}…`, async () => exportData(session.ws, session.db, { selection: sel, what, format, profile, label, fileName }, { analyst: wb.analyst, appVersion: wb.info?.version ?? __APP_VERSION__ }));
      if (!result) return;
      // Saved inside the commit of the export's audit line, as sigwb export writes (save-in-commit.ts).
      const dialogs = saveThroughDialogs(wb.host, [
        { suggestedName: fileName, filters: [{ name: format.toUpperCase(), extensions: [FORMAT_INFO[format].extension] }], bytes: result.bytes, sha256: result.manifest.output.sha256 },
        { suggestedName: manifestFileName(fileName), filters: [{ name: 'JSON', extensions: ['json'] }], bytes: result.manifestBytes, sha256: await sha256Hex(result.manifestBytes) },
      ]);
      try {
        await auditExport(session.ws, result, { file: fileName, manifest: manifestFileName(fileName) }, dialogs.write);
      } catch (e) {
        if (e instanceof OutsideWriteCancelled) return setError('Not saved: the save dialog was cancelled. Nothing left the workbench.');
        throw e;
      }
      const [file, manifest] = dialogs.locations();
      setDone(`Saved ${result.manifest.content.rows} row${result.manifest.content.rows === 1 ? '' : 's'} to ${file ?? fileName}${manifest ? ', with its manifest' : ' (the manifest was not saved: save it again from a new export)'}; the export is in the audit log.`);
    } catch (e) {
      setError(`The export failed: ${(e as Error).message}`);
    }
  };

  return (
    <Dialog title="Export" onClose={onClose} testId="export-dialog">
      <div className="stack form">
        <label>
          Samples
          <select value={scope} onChange={(e) => setScope(e.target.value as 'selected' | 'all')}>
            <option value="selected" disabled={selection.ids.size === 0}>
              the {selection.ids.size.toLocaleString('en-CA')} selected
            </option>
            <option value="all">all samples</option>
          </select>
        </label>
        <label>
          Content
          <select value={what} onChange={(e) => setWhat(e.target.value as ExportWhat)}>
            <option value="samples">samples (one row each)</option>
            <option value="measurements">measurements (sample × compound)</option>
            <option value="signatures">signatures (one column per compound)</option>
          </select>
        </label>
        <label>
          Format
          <select value={format} onChange={(e) => setFormat(e.target.value as ExportFormat)}>
            {(Object.keys(FORMAT_INFO) as ExportFormat[]).map((f) => (
              <option key={f} value={f}>
                {f.toUpperCase()}
              </option>
            ))}
          </select>
        </label>
        <RedactionFields profiles={rule.profiles} profile={profile} onProfile={setProfile} label={label} onLabel={setLabel} locked={prefs.investigator} />
        {error && <p className="error" role="alert">{error}</p>}
        {done && <p className="ok" role="status">{done}</p>}
        <div className="row">
          <button className="primary" onClick={run} data-testid="export-run">
            Export…
          </button>
          <button onClick={onClose}>Close</button>
        </div>
      </div>
    </Dialog>
  );
}
