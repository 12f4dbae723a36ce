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
