/**
 * One edit to the compound dictionary, as the analyst makes it in the app: map an unassigned compound as a synonym of
 * a dictionary compound, add a compound, change an entry, remove one. Each edit gives a whole new dictionary, checked
 * by the same schema as `sigwb dictionary --import` (compound-dictionary.ts), a new version, and a sentence saying
 * what changed for the audit log. Nothing here writes: workspace-dictionary.ts saves the result.
 */
import { CompoundDictionary, normaliseCompoundKey, type CompoundEntry, type CompoundRole } from './compound-dictionary';

/** A compound as the editor's form gives it: text fields untrimmed, CAS and note possibly empty. */
export interface CompoundDraft {
  name: string;
  role: CompoundRole;
  cas: string | null;
  synonyms: string[];
  note?: string | null;
}

export type DictionaryEdit =
  /** `raw`, a compound name as written in result files, becomes a synonym of the dictionary compound `compound`. */
  | { kind: 'map'; raw: string; compound: string }
  /** A new compound; `raw` (the unassigned name it comes from) is kept as a synonym when the name differs from it. */
  | { kind: 'add'; entry: CompoundDraft; raw?: string }
  /** Role, CAS, synonyms and note of a compound. Its name stays: target lists, the library and records use it. */
  | { kind: 'update'; compound: string; entry: Omit<CompoundDraft, 'name'> }
  | { kind: 'remove'; compound: string };

/** What in the workspace depends on a dictionary compound (its canonical name). */
export interface CompoundUsage {
  /** Result rows mapped to it (the `compounds` view's n_measurements). */
  measurements: number;
  /** Target lists naming it, as "drug / method version n". */
  targetLists: string[];
  /** Whether the signature library names it (a marker rule or a precursor profile). */
  library: boolean;
}

export type DictionaryEditResult =
  | {
      ok: true;
      dictionary: CompoundDictionary;
      /** What changed, in a sentence (the audit line's summary). */
      summary: string;
      /** The versions and the entry before and after (the audit line's details). */
      details: Record<string, unknown>;
    }
  | { ok: false; message: string };

export interface EditOptions {
  /** The time the new version is named after (default: now). */
  now?: Date;
  /** What depends on a compound; a removal is refused when anything does. Default: nothing known. */
  usage?: (compound: string) => CompoundUsage | undefined;
}

/**
 * Applies one edit to `dict` and validates the whole result with the import's schema. A name or synonym that would
 * name two compounds is refused with a message naming both; so is the removal of a compound in use (`removalBlockers`).
 */
export function applyDictionaryEdit(dict: CompoundDictionary, edit: DictionaryEdit, options: EditOptions = {}): DictionaryEditResult {
  const find = (name: string) => dict.compounds.findIndex((c) => c.name === name);
  let compounds: CompoundEntry[];
  let before: CompoundEntry | null = null;
  let after: CompoundEntry | null = null;
  let what: string;

  switch (edit.kind) {
    case 'map': {
      const raw = edit.raw.trim();
      const i = find(edit.compound);
      if (i < 0) return refused(`${edit.compound} is not in the dictionary`);
      if (raw === '') return refused('the compound name to map is empty');
      before = dict.compounds[i];
      if ([before.name, ...before.synonyms].some((n) => normaliseCompoundKey(n) === normaliseCompoundKey(raw))) {
        return refused(`"${raw}" already names ${before.name}`);
      }
      after = { ...before, synonyms: [...before.synonyms, raw] };
      compounds = dict.compounds.map((c, j) => (j === i ? after! : c));
      what = `mapped "${raw}" as a synonym of ${before.name}`;
      break;
    }
    case 'add': {
      const entry = tidy(edit.entry, edit.raw);
      if (entry.name === '') return refused('the new compound needs a name');
      if (dict.compounds.some((c) => c.name === entry.name)) return refused(`${entry.name} is already in the dictionary: edit it instead`);
      after = entry;
      compounds = [...dict.compounds, entry];
      what = `added ${entry.name} (${entry.role}${entry.synonyms.length ? `; synonyms: ${entry.synonyms.join(', ')}` : ''})`;
      break;
    }
    case 'update': {
      const i = find(edit.compound);
      if (i < 0) return refused(`${edit.compound} is not in the dictionary`);
      before = dict.compounds[i];
      after = tidy({ ...edit.entry, name: before.name });
      const changes = describeChanges(before, after);
      if (changes.length === 0) return refused(`nothing to save: ${before.name} is unchanged`);
      compounds = dict.compounds.map((c, j) => (j === i ? after! : c));
      what = `changed ${before.name}: ${changes.join('; ')}`;
      break;
    }
    case 'remove': {
      const i = find(edit.compound);
      if (i < 0) return refused(`${edit.compound} is not in the dictionary`);
      before = dict.compounds[i];
      const usage = options.usage?.(before.name);
      const blockers = usage ? removalBlockers(usage) : [];
      if (blockers.length > 0) return refused(`${before.name} cannot be removed: ${blockers.join('; ')}`);
      compounds = dict.compounds.filter((_, j) => j !== i);
      what = `removed ${before.name} (${before.role})`;
      break;
    }
  }

  const conflict = firstConflict(compounds, after?.name);
  if (conflict) return refused(conflict);
  const version = nextDictionaryVersion(dict.version, options.now ?? new Date());
  const parsed = CompoundDictionary.safeParse({ ...dict, version, compounds });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const [, index, field] = issue.path;
    const entry = typeof index === 'number' ? compounds[index] : undefined;
    const label = field === undefined ? '' : ` (${FIELD_LABELS[String(field)] ?? String(field)})`;
    return refused(entry ? `${entry.name || 'the new compound'}${label}: ${issue.message}` : `${issue.path.join('.') || 'the dictionary'}: ${issue.message}`);
  }
  return {
    ok: true,
    dictionary: parsed.data,
    summary: `compound dictionary ${version} (was ${dict.version}): ${what}`,
    details: { edit: edit.kind, version_before: dict.version, version, compound: (after ?? before)!.name, before, after },
  };
}

/** Why a compound cannot be removed (empty when it can): results mapped to it, target lists or the library naming it. */
export function removalBlockers(usage: CompoundUsage): string[] {
  const out: string[] = [];
  if (usage.measurements > 0) {
    const n = usage.measurements.toLocaleString('en-CA');
    out.push(`${n} result${usage.measurements === 1 ? ' is' : 's are'} mapped to it and would become “unassigned”`);
  }
  if (usage.targetLists.length > 0) out.push(`the target list${usage.targetLists.length === 1 ? '' : 's'} ${usage.targetLists.join(', ')} name${usage.targetLists.length === 1 ? 's' : ''} it`);
  if (usage.library) out.push('the signature library names it (a marker rule or precursor profile)');
  return out;
}

/**
 * The version after an edit made at `now`: `YYYY-MM-DD.n`, n counting the edits of that day (UTC), so that exports
 * and reports name the dictionary they used.
 */
export function nextDictionaryVersion(previous: string, now: Date): string {
  const day = now.toISOString().slice(0, 10);
  const m = /^(\d{4}-\d{2}-\d{2})\.(\d+)$/.exec(previous);
  return m && m[1] === day ? `${day}.${Number(m[2]) + 1}` : `${day}.1`;
}

/**
 * The first name or synonym that names two compounds, as a sentence naming both (the schema says the same with the
 * folded key; this keeps the spelling the analyst typed). With `edited`, that compound is checked last, so the
 * sentence says which existing compound already has the name.
 */
export function firstConflict(compounds: readonly CompoundEntry[], edited?: string): string | null {
  const seen = new Map<string, { compound: string; spelled: string; asName: boolean }>();
  const ordered = edited === undefined ? compounds : [...compounds.filter((c) => c.name !== edited), ...compounds.filter((c) => c.name === edited)];
  for (const c of ordered) {
    for (const [k, n] of [c.name, ...c.synonyms].entries()) {
      const key = normaliseCompoundKey(n);
      const other = seen.get(key);
      if (other && other.compound !== c.name) {
        const was = other.asName ? 'is the name of' : `is a synonym of`;
        const same = other.spelled === n ? `"${n}"` : `"${n}" (the same name as "${other.spelled}")`;
        return `${same} ${was} ${other.compound}: it cannot also name ${c.name}. A name or synonym may name one compound only.`;
      }
      if (!other) seen.set(key, { compound: c.name, spelled: n, asName: k === 0 });
    }
  }
  return null;
}

/** Trims the form's text, drops empty and repeated synonyms (and any equal to the name), adds `raw` as a synonym. */
function tidy(draft: CompoundDraft, raw?: string): CompoundEntry {
  const name = draft.name.trim();
  const keys = new Set([normaliseCompoundKey(name)]);
  const synonyms: string[] = [];
  for (const s of [...(raw !== undefined ? [raw] : []), ...draft.synonyms].map((x) => x.trim())) {
    const key = normaliseCompoundKey(s);
    if (s === '' || keys.has(key)) continue;
    keys.add(key);
    synonyms.push(s);
  }
  const cas = draft.cas?.trim() || null;
  const note = draft.note?.trim() || undefined;
  return { name, cas, role: draft.role, synonyms, ...(note !== undefined ? { note } : {}) };
}

function describeChanges(a: CompoundEntry, b: CompoundEntry): string[] {
  const out: string[] = [];
  if (a.role !== b.role) out.push(`role ${a.role} → ${b.role}`);
  if (a.cas !== b.cas) out.push(`CAS ${a.cas ?? 'none'} → ${b.cas ?? 'none'}`);
  const added = b.synonyms.filter((s) => !a.synonyms.includes(s));
  const removed = a.synonyms.filter((s) => !b.synonyms.includes(s));
  if (added.length) out.push(`synonyms added: ${added.join(', ')}`);
  if (removed.length) out.push(`synonyms removed: ${removed.join(', ')}`);
  if ((a.note ?? '') !== (b.note ?? '')) out.push('note changed');
  return out;
}

const FIELD_LABELS: Record<string, string> = { name: 'name', cas: 'CAS number', role: 'role', synonyms: 'synonym', note: 'note' };

function refused(message: string): DictionaryEditResult {
  return { ok: false, message };
}

/**
 * The roles as the interface names them, with what each says about a sample: impurities and precursors speak of
 * production, adulterants and diluents (added later) of distribution (../shared/DOMAIN.md).
 */
export const ROLE_LABELS: Record<CompoundRole, { label: string; hint: string }> = {
  main_drug: { label: 'main drug', hint: 'the drug identified and quantified' },
  impurity: { label: 'impurity', hint: 'a by-product of synthesis: speaks of production' },
  precursor: { label: 'precursor', hint: 'a starting material or intermediate: speaks of production and route' },
  adulterant: { label: 'adulterant', hint: 'an active substance added after synthesis: speaks of distribution' },
  diluent: { label: 'diluent', hint: 'an inert bulking agent added after synthesis: speaks of distribution' },
  internal_standard: { label: 'internal standard', hint: 'added by the lab for quantification, not part of the sample' },
};
