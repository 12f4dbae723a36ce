/**
 * The signature library in force for a workspace: its own edited copy (config/signature-library.json) or the
 * shipped default; saving goes through the workspace (atomic write, manifest, audit line).
 */
import type { CompoundDictionary } from '../domain/compound-dictionary';
import type { Workspace } from '../workspace/Workspace';
import { unknownCompounds } from './compound-match';
import { DEFAULT_SIGNATURE_LIBRARY } from './default-library';
import { libraryCompounds, readSignatureLibrary, SignatureLibrary } from './signature-library';

export const LIBRARY_DOCUMENT = 'signature-library';

/** The workspace's library, or the shipped default when it has none; throws SignatureLibraryError when unreadable. */
export async function loadSignatureLibrary(ws: Workspace): Promise<{ library: SignatureLibrary; origin: 'workspace' | 'default' }> {
  const raw = await ws.getDocument(LIBRARY_DOCUMENT);
  if (raw === null) return { library: DEFAULT_SIGNATURE_LIBRARY, origin: 'default' };
  return { library: readSignatureLibrary(raw, `config/${LIBRARY_DOCUMENT}.json`), origin: 'workspace' };
}

/** Validates and saves an edited library (audit action "library.save"). */
export async function saveSignatureLibrary(ws: Workspace, library: SignatureLibrary): Promise<void> {
  await ws.putDocument(LIBRARY_DOCUMENT, SignatureLibrary.parse(library), 'library.save');
}

/** Warnings for library compounds the dictionary does not know, or names only as a synonym. */
export function libraryDictionaryWarnings(library: SignatureLibrary, dictionary: CompoundDictionary): string[] {
  return unknownCompounds(libraryCompounds(library), dictionary).map((u) =>
    u.canonical === null
      ? `The signature library names "${u.name}", which the compound dictionary does not know: its rules only apply if a measured compound has exactly that name.`
      : `The signature library names "${u.name}", a synonym of "${u.canonical}": use the canonical name.`,
  );
}
