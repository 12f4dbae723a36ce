/**
 * The controlled vocabularies in force for a workspace: its own edited ones, or the shipped default. Kept as versions
 * (config/vocabularies-V0001.json …, the latest in force and copied to config/vocabularies.json), audited on every save,
 * exactly as the compound dictionary (workspace-dictionary.ts), so that a report or export that read an earlier
 * version still verifies after an edit.
 */
import { saveVersion } from '../workspace/document-versions';
import { loadDocumentInForce, parseDocumentText } from './json-document';
import type { Workspace } from '../workspace/Workspace';
import { DEFAULT_VOCABULARIES } from './default-vocabularies';
import { Vocabularies, VOCABULARY_FIELDS } from './vocabulary';

export const VOCABULARIES_DOCUMENT = 'vocabularies';

/** The vocabularies in force: the latest version the workspace saved, or the shipped default. */
export async function loadVocabularies(ws: Workspace): Promise<Vocabularies> {
  return loadDocumentInForce(ws, VOCABULARIES_DOCUMENT, Vocabularies, DEFAULT_VOCABULARIES);
}

/** Vocabularies from edited JSON text; throws saying where (`fields.form.3.value: …`) and why it is refused. */
export function parseVocabulariesText(text: string, where: string): Vocabularies {
  return parseDocumentText(text, where, Vocabularies);
}

/** What changed between two versions, in words, for the audit line: "form: 1 term added, 2 synonyms added". */
export function vocabularyChange(before: Vocabularies, after: Vocabularies): string {
  const parts: string[] = [];
  for (const field of VOCABULARY_FIELDS) {
    const b = new Map(before.fields[field].map((t) => [t.value, t]));
    const a = new Map(after.fields[field].map((t) => [t.value, t]));
    const added = [...a.keys()].filter((k) => !b.has(k));
    const removed = [...b.keys()].filter((k) => !a.has(k));
    let synonyms = 0;
    for (const [k, t] of a) {
      const old = b.get(k);
      if (old) synonyms += t.synonyms.filter((s) => !old.synonyms.includes(s)).length - old.synonyms.filter((s) => !t.synonyms.includes(s)).length;
    }
    const bits = [
      added.length ? `${added.length} ${added.length === 1 ? 'term' : 'terms'} added (${added.join(', ')})` : '',
      removed.length ? `${removed.length} removed (${removed.join(', ')})` : '',
      synonyms ? `${Math.abs(synonyms)} ${Math.abs(synonyms) === 1 ? 'synonym' : 'synonyms'} ${synonyms > 0 ? 'added' : 'removed'}` : '',
    ].filter(Boolean);
    if (bits.length) parts.push(`${field}: ${bits.join(', ')}`);
  }
  return parts.length ? parts.join('; ') : 'no term changed';
}

/**
 * Saves edited vocabularies as the workspace's own, a new version (each file written atomically, one manifest commit,
 * audit action "vocabularies.save" saying what changed). The caller then redefines the views (defineViews), which
 * maps every batch's values again.
 */
export async function saveVocabularies(ws: Workspace, doc: Vocabularies): Promise<string> {
  const checked = Vocabularies.parse(doc);
  const change = vocabularyChange(await loadVocabularies(ws), checked);
  await saveVersion(ws, VOCABULARIES_DOCUMENT, () => checked, 'vocabularies.save', { summary: change, details: { vocabularies_version: checked.version } });
  return change;
}
