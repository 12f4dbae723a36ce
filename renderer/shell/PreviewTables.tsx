/** The import preview's column mapping (each target overridable) and its first rows. */
import type { MappedColumn } from '../../shared/importing/column-mapping';
import type { ImportPreview } from '../../shared/importing/preview-file';
import { TARGETS, targetOf } from './import-preview-model';

const BY: Record<string, string> = {
  profile: 'profile',
  canonical: 'canonical name',
  synonym: 'synonym',
  dictionary: 'compound dictionary',
  values: 'from its values',
  unmatched: 'not matched',
};

/**
 * The columns as mapped, each target overridable. When the file is refused for a missing required column, the mapping
 * as far as it went, with a highlighted row for each field that no column supplies yet; when it could not be mapped at
 * all (not read), the bare headers, still assignable.
 */
export function MappingTable({ preview, chosen, onChange }: { preview: ImportPreview; chosen: Record<string, string>; onChange: (header: string, target: string) => void }) {
  const mapped = preview.columns.length > 0;
  const columns: MappedColumn[] = mapped ? preview.columns : preview.headers.map((header, index) => ({ index, header, role: 'ignored', field: null, by: 'unmatched' }));
  if (columns.length === 0) return <p className="hint">No column mapping (the file cannot be read as previewed).</p>;
  return (
    <table className="preview-table" data-testid="preview-mapping" aria-label="Column mapping">
      <thead>
        <tr>
          <th scope="col">Column</th>
          <th scope="col">Becomes</th>
          <th scope="col">Matched by</th>
        </tr>
      </thead>
      <tbody>
        {columns.map((c) => (
          <tr key={c.index}>
            <td>{c.header}</td>
            <td>
              <select aria-label={`Target of column ${c.header}`} data-testid={`preview-map-${c.index}`} value={mapped ? targetOf(c) : (chosen[c.header] ?? '')} onChange={(e) => onChange(c.header, e.target.value)}>
                {!mapped && <option value="">not decided (file refused)</option>}
                {TARGETS.map((t) => (
                  <option key={t.value} value={t.value}>
                    {t.label}
                  </option>
                ))}
              </select>
            </td>
            <td className="hint">
              {BY[c.by] ?? c.by}
              {c.target && c.target !== c.header ? ` → ${c.target}` : ''}
            </td>
          </tr>
        ))}
        {preview.missing.map((field) => (
          // The colours of the problems list (app.css --error, --error-bg): the row the analyst has to act on.
          <tr key={`missing-${field}`} data-testid={`preview-missing-${field}`} style={{ background: 'var(--error-bg)', color: 'var(--error)' }}>
            <td>
              <em>no column</em>
            </td>
            <td>
              <strong>{field}</strong> (required)
            </td>
            <td>missing: choose the column that holds it above</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function RowsTable({ preview }: { preview: ImportPreview }) {
  if (preview.rows.length === 0) return null;
  const width = Math.max(preview.headers.length, ...preview.rows.map((r) => r.length));
  return (
    <div className="preview-rows">
      <table className="preview-table" data-testid="preview-rows" aria-label="First rows">
        <thead>
          <tr>
            {Array.from({ length: width }, (_, i) => (
              <th key={i} scope="col">
                {preview.headers[i] ?? `(${i + 1})`}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {preview.rows.map((r, i) => (
            <tr key={i}>
              {Array.from({ length: width }, (_, j) => (
                <td key={j}>{r[j] ?? ''}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
