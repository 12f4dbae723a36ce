/**
 * Link alerts, what investigators act on: a new sample linked to a class (or, with no class run, to stored profiles)
 * seen in another region, another case, by another agency, or across the Canada–U.S. border, with the class's earliest
 * and latest seizure. A sample is at the border when its metadata names a port of entry (the `Port of Entry` column,
 * kept as x_port_of_entry); "across the border" means the class holds seizures at a port of entry and inland, or at
 * another port, than the new sample.
 */
import type { Database } from '../db/Database';
import type { LoadedSignatures } from '../analysis/signature-query';
import { loadSampleColumn, sampleColumns } from '../analysis/signature-query';
import type { AlertKind, ClassSpan, LinkAlert, SampleLinks } from './link-record';

/** The metadata column that names a seizure's port of entry. */
export const PORT_COLUMN = 'x_port_of_entry';

/** Per sample (signature order): the facts alerts compare. */
export interface AlertFacts {
  drug: (string | null)[];
  caseId: (string | null)[];
  region: (string | null)[];
  agency: (string | null)[];
  port: (string | null)[];
  seizedOn: (string | null)[];
}

/** Reads the facts for the loaded signatures' samples (main drug, agency, port of entry when the column exists). */
export async function loadAlertFacts(db: Database, loaded: LoadedSignatures): Promise<AlertFacts> {
  const columns = new Set(await sampleColumns(db));
  const column = async (name: string) => (columns.has(name) ? loadSampleColumn(db, loaded, name) : loaded.matrix.sampleIds.map(() => null));
  return { drug: await column('main_drug'), caseId: loaded.facts.caseId, region: loaded.facts.region, agency: await column('agency'), port: await column(PORT_COLUMN), seizedOn: loaded.facts.seizedOn };
}

const distinct = (values: (string | null)[]): string[] => [...new Set(values.filter((v): v is string => v !== null && v !== ''))].sort();

/** What the samples at `members` span. */
export function spanOf(members: readonly number[], facts: AlertFacts, classId: number | null): ClassSpan {
  const dates = distinct(members.map((m) => facts.seizedOn[m]));
  return {
    lab: null,
    class_id: classId,
    samples: members.length,
    first_seen: dates[0] ?? null,
    last_seen: dates[dates.length - 1] ?? null,
    regions: distinct(members.map((m) => facts.region[m])),
    cases: distinct(members.map((m) => facts.caseId[m])),
    agencies: distinct(members.map((m) => facts.agency[m])),
    ports_of_entry: distinct(members.map((m) => facts.port[m])),
  };
}

/** The alert kinds of a sample against a span. */
export function alertKinds(i: number, facts: AlertFacts, span: ClassSpan, inland: boolean): AlertKind[] {
  const other = (mine: string | null, theirs: string[]) => theirs.some((t) => t !== mine);
  const kinds: AlertKind[] = [];
  if (other(facts.region[i], span.regions)) kinds.push('region');
  if (other(facts.caseId[i], span.cases)) kinds.push('case');
  if (other(facts.agency[i], span.agencies)) kinds.push('agency');
  const port = facts.port[i];
  if (port ? inland || span.ports_of_entry.some((p) => p !== port) : span.ports_of_entry.length > 0) kinds.push('border');
  return kinds;
}

/** Alerts of a batch's linked samples (see the module doc). O(new × class size). */
export function linkAlerts(batchId: string, samples: readonly SampleLinks[], facts: AlertFacts, ids: readonly string[], classOf: ReadonlyMap<string, number>): LinkAlert[] {
  const index = new Map(ids.map((id, i) => [id, i]));
  const members = new Map<number, number[]>();
  ids.forEach((id, i) => {
    const c = classOf.get(id);
    if (c !== undefined) members.set(c, [...(members.get(c) ?? []), i]);
  });
  const alerts: LinkAlert[] = [];
  for (const s of samples) {
    if (s.links.length === 0) continue;
    const i = index.get(s.sample_id)!;
    const group = s.class_id !== null ? (members.get(s.class_id) ?? []) : s.links.map((l) => index.get(l.sample_id)!);
    const span = spanOf(group, facts, s.class_id);
    const inland = group.some((m) => !facts.port[m]);
    const kinds = alertKinds(i, facts, span, inland);
    if (kinds.length === 0) continue;
    const what = s.class_id !== null ? `class ${s.class_id} (${span.samples} samples)` : `${span.samples} stored profile${span.samples === 1 ? '' : 's'}`;
    const where = [
      kinds.includes('region') ? `regions ${span.regions.join(', ')}` : null,
      kinds.includes('case') ? `${span.cases.length} case${span.cases.length === 1 ? '' : 's'}` : null,
      kinds.includes('agency') ? `agencies ${span.agencies.join(', ')}` : null,
      kinds.includes('border') ? (span.ports_of_entry.length ? `ports of entry ${span.ports_of_entry.join(', ')}` : 'inland seizures') : null,
    ].filter((x): x is string => x !== null);
    alerts.push({
      id: `${batchId}-${s.sample_id}-${s.class_id ?? s.links[0].sample_id}`,
      sample_id: s.sample_id,
      kinds,
      summary: `${s.sample_id} (${facts.region[i] ?? 'region unknown'}${facts.port[i] ? `, port of entry ${facts.port[i]}` : ''}, ${facts.seizedOn[i] ?? 'date unknown'}) links to ${what} seen ${span.first_seen ?? '?'} to ${span.last_seen ?? '?'} in ${where.join('; ')}`,
      strongest: s.links[0],
      span,
    });
  }
  return alerts;
}
