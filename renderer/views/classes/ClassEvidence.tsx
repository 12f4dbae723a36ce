/**
 * What attribution says of a class: its route (never as certain: the ranked routes and how members voted),
 * its precursor profile beside the routes' profiles, and the nearest known sources with likelihood ratios.
 */
import { lrText, supportPhrase } from '../../../shared/lr/verbal-scale';
import { ATTRIBUTION_DEFAULTS } from '../../../shared/attribution/attribute';
import { callText, gateSummaryText, percent, sourceText } from '../../../shared/attribution/evidence-text';
import type { OpenSetValidation } from '../../../shared/attribution/open-set-validation';
import { useAttribution } from '../../state/attribution';

export function ClassEvidence({ classId }: { classId: number }) {
  const { result, note, compute } = useAttribution();
  const cls = result?.result.classes.find((c) => c.classId === classId);
  if (!result || !cls)
    return (
      <section className="panel" aria-label="Route and source evidence" data-testid="class-evidence">
        <h3>Route, precursors and sources</h3>
        <p className="hint">{note ?? 'This class has no attribution yet.'}</p>
        {compute && !result && (
          <button onClick={compute} data-testid="compute-evidence">
            Compute route evidence
          </button>
        )}
      </section>
    );
  const votes = Object.entries(cls.memberCalls).sort((a, b) => b[1] - a[1]);
  return (
    <section className="panel" aria-label="Route and source evidence" data-testid="class-evidence">
      <h3>Route evidence</h3>
      <p data-testid="class-route">
        <strong>{cls.call.route ?? (cls.call.reason === 'no-route-fits' ? 'No referenced route fits' : 'Undetermined')}</strong>: {callText(cls.call, result.result.openSet?.gate ?? null)}
      </p>
      <p className="hint">
        Members' own calls: {votes.map(([route, n]) => `${route} ${n}`).join(', ')}. A route is evidence with its uncertainty, never a certainty.
      </p>
      {referencesNote(result.result.referenceRoutes, result.result.unreferencedRoutes)}
      {ruleNote(result.result.openSet)}
      <h3>Precursor profile</h3>
      {cls.precursors.compounds.length === 0 ? (
        <p className="hint">No precursor measured in this class.</p>
      ) : (
        <>
          <table className="simple">
            <thead>
              <tr>
                <th>Precursor</th>
                <th className="num">Share of precursor area</th>
                <th className="num">Detected in</th>
              </tr>
            </thead>
            <tbody>
              {cls.precursors.compounds.map((c) => (
                <tr key={c.compound}>
                  <td>{c.compound}</td>
                  <td className="num">{percent(c.proportion)}</td>
                  <td className="num">
                    {c.detectedIn} of {cls.precursors.members}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="hint">
            Closest route profiles:{' '}
            {cls.precursors.routes
              .filter((r) => r.similarity !== null)
              .slice(0, 3)
              .map((r) => `${r.route} ${r.similarity!.toFixed(2)} (${r.origin})`)
              .join(', ') || 'none comparable'}
          </p>
        </>
      )}
      <h3>Nearest known sources</h3>
      <p data-testid="class-source">{sourceText(cls.source)}</p>
      {cls.source && cls.source.candidates.length > 0 && (
        <table className="simple">
          <thead>
            <tr>
              <th>Source</th>
              <th className="num">References</th>
              <th className="num">Median distance</th>
              <th>Within threshold</th>
              <th>Likelihood ratio</th>
            </tr>
          </thead>
          <tbody>
            {cls.source.candidates.map((s) => (
              <tr key={s.source}>
                <td>{s.source}</td>
                <td className="num">{s.references}</td>
                <td className="num">{s.medianDistance.toPrecision(3)}</td>
                <td>{s.withinThreshold ? 'yes' : 'no'}</td>
                <td>{s.lr === null ? 'not validated' : `${lrText(s.lr).replace(/^LR /, '')} (${supportPhrase(s.lr.verbal, 'the source', 'another source')})`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/**
 * The rule's settings and the per-route gate as the references' nested cross-validation set it (the same words as
 * `sigwb attribute` and the class report: evidence-text.ts).
 */
function ruleNote(o: OpenSetValidation | null) {
  if (o === null) return null;
  return (
    <p className="hint" data-testid="route-gate">
      Route floor {ATTRIBUTION_DEFAULTS.floor}; typicality α {o.alpha} (a sample fits a route within D² {Number(o.cut.toPrecision(3))}, the {100 * (1 - o.alpha)} % quantile of held-out {o.grouped ? 'sources' : 'samples'}); per-route gate{' '}
      {o.gate.floor > 0 ? `at ${o.gate.floor} (${Math.round(100 * o.gate.confidence)} % lower bound of a route's held-out precision): ${gateSummaryText(o.gate)}.` : 'off.'}
    </p>
  );
}

/** What the references cover: the routes they cannot speak for, or that there are none. */
function referencesNote(referenced: readonly string[], unreferenced: readonly string[]) {
  if (referenced.length === 0) {
    return (
      <p className="hint" data-testid="not-referenced">
        No reference samples are tagged: routes come from the marker rules alone, as probabilities over the library's routes with an equal prior.
      </p>
    );
  }
  if (unreferenced.length === 0) return null;
  return (
    <p className="hint" data-testid="not-referenced">
      Not referenced: {unreferenced.join(', ')}. Samples of these routes are named only from marker compounds; otherwise they come out as fitting no referenced route.
    </p>
  );
}
