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

/** The columns as mapped; when the mapping was refused (a required field missing), the bare headers, still assignable. */
export function MappingTable({ preview, chosen, onChange }: { preview: ImportPreview; chosen: Record<string, string>; onChange: (header: string, target: string) => void }) {
  const columns: MappedColumn[] = preview.columns.length > 0 ? preview.columns : preview.headers.map((header, index) => ({ index, header, role: 'ignored', field: null, by: 'unmatched' }));
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
              <select aria-label={`Target of column ${c.header}`} data-testid={`preview-map-${c.index}`} value={preview.columns.length > 0 ? targetOf(c) : (chosen[c.header] ?? '')} onChange={(e) => onChange(c.header, e.target.value)}>
                {preview.columns.length === 0 && <option value="">not decided (file refused)</option>}
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
