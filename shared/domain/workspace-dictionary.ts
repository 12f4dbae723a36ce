/** The compound dictionary in force for a workspace: its own edited copy, or the shipped default. */
import { CompoundDictionary } from './compound-dictionary';
import { DEFAULT_COMPOUND_DICTIONARY } from './default-compounds';
import { applyDictionaryEdit, type DictionaryEdit, type DictionaryEditResult, type EditOptions } from './dictionary-edit';
import type { Workspace } from '../workspace/Workspace';

export const DICTIONARY_DOCUMENT = 'compound-dictionary';

export async function loadDictionary(ws: Workspace): Promise<CompoundDictionary> {
  const doc = await ws.getDocument(DICTIONARY_DOCUMENT);
  if (doc === null) return DEFAULT_COMPOUND_DICTIONARY;
  const parsed = CompoundDictionary.safeParse(doc);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`config/${DICTIONARY_DOCUMENT}.json: ${issue.path.join('.')}: ${issue.message}`);
  }
  return parsed.data;
}

/** A dictionary from edited JSON text; throws saying where (`compounds.12.cas: …`) and why it is refused. */
export function parseDictionaryText(text: string, where: string): CompoundDictionary {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new Error(`${where} is not valid JSON: ${(e as Error).message}`, { cause: e });
  }
  const parsed = CompoundDictionary.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${where}: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  return parsed.data;
}

/**
 * Saves an edited dictionary as the workspace's own (config/compound-dictionary.json, written atomically, audit action
 * "dictionary.save"); `change`, when given, says in the audit line what changed.
 */
export async function saveDictionary(ws: Workspace, dict: CompoundDictionary, change?: { summary: string; details?: Record<string, unknown> }): Promise<void> {
  await ws.putDocument(DICTIONARY_DOCUMENT, CompoundDictionary.parse(dict), 'dictionary.save', change);
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
