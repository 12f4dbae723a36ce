/**
 * Matching the library's compound names to the signature's columns: both go through the compound dictionary
 * (synonyms fold to the canonical name) and the dictionary's normalised key (case, spacing, punctuation).
 */
import { buildLookup, normaliseCompoundKey, type CompoundDictionary } from '../domain/compound-dictionary';

/** Key under which two names of one compound are equal; with a dictionary, synonyms map to the canonical name. */
export type CompoundKey = (name: string) => string;

/** A key function over the dictionary (or over names alone when none is given). */
export function compoundKey(dictionary?: CompoundDictionary): CompoundKey {
  if (dictionary === undefined) return normaliseCompoundKey;
  const lookup = buildLookup(dictionary);
  return (name) => {
    const k = normaliseCompoundKey(name);
    const entry = lookup.get(k);
    return entry === undefined ? k : normaliseCompoundKey(entry.name);
  };
}

/** Column of each name in `compounds` (−1 when the signature does not measure it). O(p + names). */
export function columnsOf(compounds: readonly string[], names: readonly string[], key: CompoundKey = normaliseCompoundKey): Int32Array {
  const index = new Map<string, number>();
  compounds.forEach((c, i) => {
    const k = key(c);
    if (!index.has(k)) index.set(k, i);
  });
  return Int32Array.from(names, (n) => index.get(key(n)) ?? -1);
}

/** Library names the dictionary does not know, with the canonical name when the name is only a synonym. */
export function unknownCompounds(names: readonly string[], dictionary: CompoundDictionary): { name: string; canonical: string | null }[] {
  const lookup = buildLookup(dictionary);
  const out: { name: string; canonical: string | null }[] = [];
  for (const name of names) {
    const entry = lookup.get(normaliseCompoundKey(name));
    if (entry === undefined) out.push({ name, canonical: null });
    else if (entry.name !== name) out.push({ name, canonical: entry.name });
  }
  return out;
}
