/**
 * The signature library in force for a workspace: its own edited library or the shipped default. The workspace's
 * own is kept as versions (config/signature-library-V0001.json …, the latest in force and copied to
 * config/signature-library.json; shared/workspace/document-versions.ts), so that a report whose route evidence used
 * an earlier library still verifies; saving goes through the workspace (atomic writes, manifest, audit line). A
 * library edited in place (the earlier layout) is read as it is, and kept byte for byte as V0001 on the next save.
 */
import type { CompoundDictionary } from '../domain/compound-dictionary';
import { readInForce, saveVersion } from '../workspace/document-versions';
import type { Workspace } from '../workspace/Workspace';
import { unknownCompounds } from './compound-match';
import { DEFAULT_SIGNATURE_LIBRARY } from './default-library';
import { libraryCompounds, readSignatureLibrary, SignatureLibrary } from './signature-library';

export const LIBRARY_DOCUMENT = 'signature-library';

/** The workspace's library, or the shipped default when it has none; throws SignatureLibraryError when unreadable. */
export async function loadSignatureLibrary(ws: Workspace): Promise<{ library: SignatureLibrary; origin: 'workspace' | 'default' }> {
  // Its `version` is the analysts' own (default-2026.11), not the version id.
  const stored = await readInForce(ws, LIBRARY_DOCUMENT, { namesVersion: false });
  if (stored === null) return { library: DEFAULT_SIGNATURE_LIBRARY, origin: 'default' };
  return { library: readSignatureLibrary(stored.raw, stored.inForce.file), origin: 'workspace' };
}

/** Validates and saves an edited library as a new version (audit action "library.save"). */
export async function saveSignatureLibrary(ws: Workspace, library: SignatureLibrary): Promise<void> {
  const checked = SignatureLibrary.parse(library);
  await saveVersion(ws, LIBRARY_DOCUMENT, () => checked, 'library.save');
}

/** Warnings for library compounds the dictionary does not know, or names only as a synonym. */
export function libraryDictionaryWarnings(library: SignatureLibrary, dictionary: CompoundDictionary): string[] {
  return unknownCompounds(libraryCompounds(library), dictionary).map((u) =>
    u.canonical === null
      ? `The signature library names "${u.name}", which the compound dictionary does not know: its rules only apply if a measured compound has exactly that name.`
      : `The signature library names "${u.name}", a synonym of "${u.canonical}": use the canonical name.`,
  );
}
