/**
 * The compound dictionary in force for a workspace: its own edited dictionary, or the shipped default. The workspace's
 * own is kept as versions (config/compound-dictionary-V0001.json …, the latest in force and copied to
 * config/compound-dictionary.json; shared/workspace/document-versions.ts), so that a report that named compounds
 * with an earlier one still verifies after an edit. A dictionary edited in place (the earlier layout) is read as it
 * is, and kept byte for byte as V0001 on the next save.
 */
import { saveVersion } from '../workspace/document-versions';
import { loadDocumentInForce, parseDocumentText } from './json-document';
import { CompoundDictionary } from './compound-dictionary';
import { DEFAULT_COMPOUND_DICTIONARY } from './default-compounds';
import { applyDictionaryEdit, type DictionaryEdit, type DictionaryEditResult, type EditOptions } from './dictionary-edit';
import type { Workspace } from '../workspace/Workspace';

export const DICTIONARY_DOCUMENT = 'compound-dictionary';

/** The dictionary in force: the latest version the workspace saved, or the shipped default. */
export async function loadDictionary(ws: Workspace): Promise<CompoundDictionary> {
  return loadDocumentInForce(ws, DICTIONARY_DOCUMENT, CompoundDictionary, DEFAULT_COMPOUND_DICTIONARY);
}

/** A dictionary from edited JSON text; throws saying where (`compounds.12.cas: …`) and why it is refused. */
export function parseDictionaryText(text: string, where: string): CompoundDictionary {
  return parseDocumentText(text, where, CompoundDictionary);
}

/**
 * Saves an edited dictionary as the workspace's own, a new version (config/compound-dictionary-V0002.json and its copy
 * in force, each written atomically, one manifest commit, audit action "dictionary.save"); `change`, when given, says
 * in the audit line what changed (its details' `version`, the dictionary's own, goes in as `dictionary_version`:
 * `version` names the version id).
 */
export async function saveDictionary(ws: Workspace, dict: CompoundDictionary, change?: { summary: string; details?: Record<string, unknown> }): Promise<void> {
  const checked = CompoundDictionary.parse(dict);
  const { version: dictionaryVersion, ...details } = change?.details ?? {};
  const said = change && { summary: change.summary, details: dictionaryVersion === undefined ? details : { ...details, dictionary_version: dictionaryVersion } };
  await saveVersion(ws, DICTIONARY_DOCUMENT, () => checked, 'dictionary.save', said);
}

/**
 * Applies one edit to the dictionary in force and, when it validates, saves it (as `saveDictionary`, with what changed
 * in the audit line). A refused edit writes nothing. The caller then rebuilds the views (`defineViews`), as opening the
 * workspace after `sigwb dictionary --import` would.
 */
export async function editWorkspaceDictionary(ws: Workspace, edit: DictionaryEdit, options: EditOptions = {}): Promise<DictionaryEditResult> {
  const result = applyDictionaryEdit(await loadDictionary(ws), edit, options);
  if (result.ok) await saveDictionary(ws, result.dictionary, { summary: result.summary, details: result.details });
  return result;
}
