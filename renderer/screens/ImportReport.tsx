/** What happened to each imported file: counts and every note of the import (as the CLI prints them), "already imported", or the reasons it was refused; for results, what linking did. */
import { problemText } from '../../shared/importing/problem-text';
import type { FileReport } from '../state/import-files';
import { linkOutcomeText } from '../../shared/linking/link-imported';

export function ImportReport({ reports, onClose }: { reports: FileReport[]; onClose: () => void }) {
  return (
    <section className="import-report" aria-label="Import results" data-testid="import-report">
      <header>
        <h2>Import</h2>
        <button className="link" onClick={onClose}>
          Close
        </button>
      </header>
      <ul>
        {reports.map((r) => (
          <li key={r.name} className={r.outcome.status}>
            <strong>{r.name}</strong>: <OutcomeText report={r} />{' '}
            {r.links && (
              <p className="links" data-testid="import-links">
                {linkOutcomeText(r.outcome.status === 'imported' ? r.outcome.batch.id : r.name, r.links)}
                {r.links.status === 'linked' && r.links.record.counts.alerts > 0 ? ' (listed on Home under New links).' : '.'}
              </p>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

function OutcomeText({ report }: { report: FileReport }) {
  const o = report.outcome;
  switch (o.status) {
    case 'imported':
      return (
        <span>
          imported as {o.batch.id}: {o.batch.rows_imported.toLocaleString('en-CA')} row{o.batch.rows_imported === 1 ? '' : 's'}
          {o.batch.rows_quarantined ? `, ${o.batch.rows_quarantined.toLocaleString('en-CA')} quarantined` : ''}
          {o.warnings.length > 0 && (
            <ul className="notes" data-testid="import-notes">
              {o.warnings.map((w, i) => (
                <li key={i}>note: {w}</li>
              ))}
            </ul>
          )}
          {o.problems.length > 0 && (
            <ul className="problems" aria-label="Quarantined rows">
              {o.problems.slice(0, 10).map((p, i) => (
                <li key={i}>{problemText(p)} (quarantined)</li>
              ))}
              {o.problemCount > 10 && <li>… and {o.problemCount - 10} more in Data › Quarantine</li>}
            </ul>
          )}
        </span>
      );
    case 'duplicate':
      return <span>already imported as {o.existing.id} (same SHA-256); nothing written.</span>;
    case 'cancelled':
      return <span>cancelled; nothing written.</span>;
    case 'refused':
      return (
        <span>
          refused, nothing written. {o.problemCount} problem{o.problemCount === 1 ? '' : 's'}:
          <ul className="problems">
            {o.problems.map((p, i) => (
              <li key={i}>{problemText(p)}</li>
            ))}
            {o.problemCount > o.problems.length && <li>… and {o.problemCount - o.problems.length} more</li>}
          </ul>
        </span>
      );
  }
}
