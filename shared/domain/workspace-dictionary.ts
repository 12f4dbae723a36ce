/** The compound dictionary in force for a workspace: its own edited copy, or the shipped default. */
import { CompoundDictionary } from './compound-dictionary';
import { DEFAULT_COMPOUND_DICTIONARY } from './default-compounds';
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

/** Saves an edited dictionary as the workspace's own (config/compound-dictionary.json, audited). */
export async function saveDictionary(ws: Workspace, dict: CompoundDictionary): Promise<void> {
  await ws.putDocument(DICTIONARY_DOCUMENT, CompoundDictionary.parse(dict), 'dictionary.save');
}
