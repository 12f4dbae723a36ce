/**
 * Home: what the workspace holds (batches, samples, measurements), the latest imports, the problems that
 * need an analyst (quarantined rows, unmapped compounds, samples without metadata or results), and the
 * calibration and class run in force, and the links found at import since a date (NewLinksPanel).
 */
import { useEffect, useState } from 'react';
import { combinationLabel, percent, score100Text } from '../../../shared/analysis/labels';
import { StaleNotice } from '../../components/StaleNotice';
import { homeCounts, recentBatches, type HomeCounts, type RecentBatch } from '../../data/home-summary';
import { markOpen } from '../../state/open-marks';
import { useAnalysis } from '../../state/analysis';
import { useNavigation, type Place } from '../../state/navigation';
import { usePreferences } from '../../state/preferences';
import type { OpenWorkspace } from '../../state/workbench';
import { NewLinksPanel } from './NewLinksPanel';

const n = (v: number) => v.toLocaleString('en-CA');

export function HomeView({ session }: { session: OpenWorkspace }) {
  const { go } = useNavigation();
  const { investigator } = usePreferences();
  const analysis = useAnalysis();
  const [counts, setCounts] = useState<HomeCounts | null>(null);
  const [batches, setBatches] = useState<RecentBatch[]>([]);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    Promise.all([homeCounts(session.db), recentBatches(session.db)]).then(
      ([c, b]) => {
        // Marked even when the view was left meanwhile: the engine did the work, and the steps behind it waited.
        markOpen('home-counts');
        if (!live) return;
        setCounts(c);
        setBatches(b);
      },
      (e: Error) => live && setError(`The summary could not be read: ${e.message}. Reopen the workspace; if it persists, check the SQL console.`),
    );
    return () => {
      live = false;
    };
  }, [session]);

  if (error) return <p className="error" role="alert">{error}</p>;
  if (!counts) return <p className="hint">Counting…</p>;

  type Problem = { id: string; count: number; text: string; one: string; action: string; to: Place; labOnly?: boolean };
  const all: Problem[] = [
    { id: 'quarantine', count: counts.quarantined, text: 'rows in quarantine', one: 'row in quarantine', action: 'Review them', to: { view: 'data', dataTab: 'quarantine' }, labOnly: true },
    { id: 'unmapped', count: counts.unmapped, text: 'compounds not in the dictionary (role “unassigned”)', one: 'compound not in the dictionary (role “unassigned”)', action: investigator ? 'See them in the dictionary' : 'Map or add them', to: { view: 'data', dataTab: 'dictionary' } },
    { id: 'no-metadata', count: counts.withoutMetadata, text: 'samples with results but no metadata (no seizure, case, date or place)', one: 'sample with results but no metadata (no seizure, case, date or place)', action: 'Import their metadata', to: { view: 'samples' } },
    {
      id: 'missing',
      count: counts.withMissing,
      text: 'samples left out of the signatures: a value of theirs is in quarantine (missing, not a non-detect)',
      one: 'sample left out of the signatures: a value of it is in quarantine (missing, not a non-detect)',
      action: 'Review the quarantine',
      to: { view: 'data', dataTab: 'quarantine' },
      labOnly: true,
    },
    { id: 'vocabulary', count: counts.unnamedValues, text: 'values of region, form or main drug that no vocabulary term names', one: 'value of region, form or main drug that no vocabulary term names', action: investigator ? 'See the vocabularies' : 'Map or add them', to: { view: 'data', dataTab: 'vocabularies' } },
    { id: 'no-results', count: counts.withoutResults, text: 'samples with metadata but no results', one: 'sample with metadata but no results', action: 'See the samples', to: { view: 'samples' } },
  ];
  const problems = all.filter((p) => p.count > 0 && !(investigator && p.labOnly));

  const cal = analysis.calibration;
  const run = analysis.classRun?.record;
  return (
    <div className="view-body home" data-testid="home-view">
      <h2 className="view-title">Home</h2>
      <section className="cards" aria-label="Counts">
        <Card label="Samples" value={n(counts.samples)} testId="home-samples" onClick={() => go('samples')} />
        <Card label="Measurements" value={n(counts.measurements)} testId="home-measurements" onClick={() => go({ view: 'data', dataTab: 'measurements' })} />
        <Card label="Batches" value={n(counts.batches)} testId="home-batches" onClick={investigator ? undefined : () => go({ view: 'data', dataTab: 'batches' })} />
        <Card label="Compounds" value={n(counts.compounds)} testId="home-compounds" onClick={() => go({ view: 'data', dataTab: 'compounds' })} />
        <Card label="Chemical classes" value={run ? n(run.classes.length) : analysis.classRunUnreadable ? 'unreadable' : 'none yet'} sub={run ? `${run.id}: ${n(run.singletons)} unlinked samples${analysis.freshness.classRun?.current === false ? ' · out of date' : ''}` : analysis.classRunUnreadable ? 'The latest class run cannot be read (the banner says why)' : 'No class run yet'} testId="home-classes" onClick={() => go('classes')} />
        <Card label="Seized" value={counts.firstSeized ? `${counts.firstSeized} – ${counts.lastSeized}` : '—'} testId="home-dates" onClick={() => go('timeline')} />
      </section>
      {run ? <StaleNotice which="classes" /> : <StaleNotice which="calibration" />}

      <div className="home-grid">
        <section className="panel" aria-labelledby="problems-h" data-testid="home-problems">
          <h3 id="problems-h">Open problems</h3>
          {problems.length === 0 ? (
            <p className="ok">Nothing to fix: every row was read, every compound is known, every sample has metadata and results.</p>
          ) : (
            <ul className="problems-list">
              {problems.map((p) => (
                <li key={p.id} data-testid={`problem-${p.id}`}>
                  <strong>{n(p.count)}</strong> {p.count === 1 ? p.one : p.text}.{' '}
                  <button className="link" onClick={() => go(p.to)}>
                    {p.action}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </section>

        <section className="panel" aria-labelledby="cal-h" data-testid="home-calibration">
          <h3 id="cal-h">Calibration in force</h3>
          {cal ? (
            <dl className="facts">
              <dt>Calibration</dt>
              <dd>
                {cal.id}, {cal.created_at.slice(0, 10)} by {cal.analyst}
              </dd>
              <dt>Signature</dt>
              <dd>{combinationLabel(cal.chosen.pretreatment, cal.chosen.score)}, {cal.inputs.signature.compounds.length} compounds</dd>
              <dt>Threshold</dt>
              <dd>
                {cal.threshold.distance.toPrecision(4)} ({score100Text(cal.threshold.score_100)} on the 0–100 scale){' '}
                {cal.threshold.rule === 'linked-quantile'
                  ? 'at the 99th percentile of the linked distances'
                  : `at ${percent(cal.accepted_fpr)} false positives${cal.threshold.rule === 'corrected-fpr' ? ' among pairs estimated to be of different sources' : ''}`}
                ; {percent(cal.threshold.tpr)} of linked pairs found
              </dd>
              {cal.contamination && (
                <>
                  <dt>Contamination</dt>
                  <dd>about {percent(cal.contamination.share)} of the unlinked pairs estimated to share a source</dd>
                </>
              )}
              <dt>ROC AUC</dt>
              <dd>{cal.auc.toFixed(3)}</dd>
              <dt>Pairs</dt>
              <dd>
                {n(cal.inputs.pairs.linked)} linked, {n(cal.inputs.pairs.unlinked)} unlinked
              </dd>
            </dl>
          ) : (
            <p className="hint">No calibration yet. {investigator ? 'An analyst calibrates the link threshold.' : 'Open Calibration to set the link threshold from known linked and unlinked pairs.'}</p>
          )}
          <button className="link" onClick={() => go('calibration')}>
            Open Calibration
          </button>
        </section>

        <NewLinksPanel session={session} />
        <section className="panel wide" aria-labelledby="imports-h" data-testid="home-imports">
          <h3 id="imports-h">Latest imports</h3>
          {batches.length === 0 ? (
            <p className="hint">No imports yet.</p>
          ) : (
            <table className="simple">
              <thead>
                <tr>
                  <th>Batch</th>
                  <th>Kind</th>
                  {!investigator && <th>File</th>}
                  <th>Imported</th>
                  <th className="num">Rows</th>
                  <th className="num">Quarantined</th>
                  {!investigator && <th>Analyst</th>}
                </tr>
              </thead>
              <tbody>
                {batches.map((b) => (
                  <tr key={b.batch_id}>
                    <td>
                      {b.batch_id}
                      {b.superseded_by && <span className="hint"> (superseded by {b.superseded_by})</span>}
                    </td>
                    <td>{b.kind}</td>
                    {!investigator && <td>{b.file_name}</td>}
                    <td>{String(b.imported_at).slice(0, 16).replace('T', ' ')}</td>
                    <td className="num">{n(Number(b.rows_imported))}</td>
                    <td className="num">{n(Number(b.rows_quarantined))}</td>
                    {!investigator && <td>{b.analyst}</td>}
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      </div>
    </div>
  );
}

function Card({ label, value, sub, testId, onClick }: { label: string; value: string; sub?: string; testId: string; onClick?: () => void }) {
  const body = (
    <>
      <span className="card-label">{label}</span>
      <span className="card-value" data-testid={`${testId}-value`}>
        {value}
      </span>
      {sub && <span className="card-sub">{sub}</span>}
    </>
  );
  return onClick ? (
    <button className="card" onClick={onClick} data-testid={testId}>
      {body}
    </button>
  ) : (
    <div className="card" data-testid={testId}>
      {body}
    </div>
  );
}
