/**
 * How a class run made its classes, in words: one path for `sigwb cluster`, its audit line, the Classes view and the
 * class report (what the screen shows is what the report states). Method: docs/LINKING.md, "Classes that scale".
 */
import type { ClassRunRecord } from './class-run-record';
import { LINKAGE_LABELS } from './labels';

/** One sentence; for a full run, the tree and its cut; for a threshold-graph run, the components and what was extended. */
export function classRunMethodText(record: Pick<ClassRunRecord, 'method' | 'settings'>): string {
  const m = record.method;
  const s = record.settings;
  const linkage = LINKAGE_LABELS[s.linkage];
  if (m.kind === 'full') return `full clustering: ${linkage} linkage tree over every pair of samples, cut ${s.k !== null ? `into at most ${s.k} classes` : `at ${s.threshold}`}`;
  const within = s.linkage === 'single' ? 'single linkage cut at the threshold is exactly these components' : `within each component, ${linkage} linkage cut at the threshold (the classes of the full tree cut there)`;
  const how = m.extended_from === null ? 'built from every sample' : `extended from run ${m.extended_from} by ${m.added_samples} sample${m.added_samples === 1 ? '' : 's'} (${m.touched_components} component${m.touched_components === 1 ? '' : 's'} clustered again, every other class kept whole)`;
  return `classes from the threshold graph (no n × n matrix): the connected components of the ${m.edges.toLocaleString('en-US')} pairs at distance ≤ ${s.threshold === null ? "?" : Number(s.threshold.toPrecision(4))}, ${m.components.toLocaleString('en-US')} components (the largest ${m.largest_component}); ${within}; ${how}; no dendrogram`;
}

/** The same as a sentence (capitalised, full stop), as the Classes view and the class report print it. */
export function classRunMethodSentence(record: Pick<ClassRunRecord, 'method' | 'settings'>): string {
  const text = classRunMethodText(record);
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}
