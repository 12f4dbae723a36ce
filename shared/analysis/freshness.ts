/**
 * Whether a saved analysis (a calibration, a class run, and the route attribution computed from them) is older than
 * the data: a batch imported or superseded after it, or the compound dictionary or a controlled vocabulary changed
 * after it (they change the compounds of a signature and the regions, forms and drugs a class summary counts). Every
 * view and report that shows the analysis says so with this one function, so no screen can show an out-of-date run
 * as current (DOMAIN.md: reports must be reproducible from their inputs, and say what they rest on).
 */
import type { Manifest } from '../workspace/manifest';
import { inForce } from '../workspace/document-versions';
import { inputBatches, type InputBatch } from './analysis-inputs';
import { supersededIds } from '../db/workspace-views';

/** Documents whose change makes an analysis out of date, with their names in words. */
export const DATA_DOCUMENTS: readonly { name: string; label: string }[] = [
  { name: 'compound-dictionary', label: 'the compound dictionary' },
  { name: 'vocabularies', label: 'the controlled vocabularies' },
];

/** What an analysis record states about its inputs (calibration and class-run records both do). */
export interface AnalysisStamp {
  id: string;
  created_at: string;
  inputs: { batches: readonly InputBatch[] };
}

export interface Freshness {
  /** True when the analysis read every live batch as it is now and no data document changed after it. */
  current: boolean;
  /** Live batches the analysis did not read (imported after it). */
  newBatches: string[];
  /** Batches it read that are superseded (or removed) since. */
  replacedBatches: string[];
  /** Data documents saved after it, with when. */
  changedDocuments: { name: string; label: string; at: string }[];
  /** Why it is out of date, in words ("batch B0006 was imported after it"); empty when current. */
  reasons: string[];
}

const list = (ids: readonly string[]) => (ids.length === 1 ? `batch ${ids[0]}` : `batches ${ids.slice(0, -1).join(', ')} and ${ids[ids.length - 1]}`);

/**
 * When a document's version in force was saved, or null when it never was (the shipped default is in force) or it is
 * kept in place as before versions existed: that copy's time is rewritten when it is first saved as versions, so a
 * report computed again by sigwb verify could not read it back as it was (its first save as a version is compared).
 */
function savedAt(manifest: Pick<Manifest, 'documents'>, name: string): string | null {
  const f = inForce(manifest, name);
  return f && f.version !== null ? (manifest.documents[f.document]?.updated_at ?? null) : null;
}

/** Compares an analysis with the workspace as it is now. O(batches + documents). */
export function freshness(manifest: Pick<Manifest, 'batches' | 'documents'>, stamp: AnalysisStamp): Freshness {
  const live = inputBatches({ manifest });
  const read = new Map(stamp.inputs.batches.map((b) => [b.id, b.data_sha256]));
  const liveIds = new Set(live.map((b) => b.id));
  const newBatches = live.filter((b) => read.get(b.id) !== b.data_sha256).map((b) => b.id);
  const superseded = supersededIds(manifest.batches);
  const replacedBatches = stamp.inputs.batches.filter((b) => !liveIds.has(b.id) || superseded.has(b.id)).map((b) => b.id);
  const changedDocuments = DATA_DOCUMENTS.flatMap((d) => {
    const at = savedAt(manifest, d.name);
    return at !== null && at > stamp.created_at ? [{ ...d, at }] : [];
  });
  const reasons: string[] = [];
  if (newBatches.length) reasons.push(`${list(newBatches)} ${newBatches.length === 1 ? 'was' : 'were'} imported after it`);
  if (replacedBatches.length) reasons.push(`${list(replacedBatches)} ${replacedBatches.length === 1 ? 'was' : 'were'} superseded since`);
  for (const d of changedDocuments) reasons.push(`${d.label} changed on ${d.at.slice(0, 10)}`);
  return { current: reasons.length === 0, newBatches, replacedBatches, changedDocuments, reasons };
}

/** "Class run R0002 is out of date: batch B0006 was imported after it." (null when current). */
export function staleSentence(what: string, stamp: AnalysisStamp, f: Freshness): string | null {
  if (f.current) return null;
  return `${what} ${stamp.id} is out of date: ${f.reasons.join('; ')}.`;
}
