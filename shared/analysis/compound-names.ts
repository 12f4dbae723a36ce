/**
 * Compound names an analyst types (`sigwb calibrate --compounds …`, the calibration view's lists) resolved to the
 * canonical names of the `compounds` view: the canonical name, else a synonym, compared without regard to case. A
 * name that matches nothing, or a compound with no measurement in the workspace, is refused with the reason and the
 * names there are, never guessed.
 */
import type { Database } from '../db/Database';
import { AnalysisRefusal } from './analysis-refusal';

interface Known {
  compound: string;
  synonyms: string[];
  measured: number;
}

async function knownCompounds(db: Database): Promise<Known[]> {
  const t = await db.query('SELECT compound, synonyms, CAST(n_measurements AS DOUBLE) AS n FROM compounds ORDER BY compound');
  const c = t.getChild('compound');
  const s = t.getChild('synonyms');
  const n = t.getChild('n');
  return Array.from({ length: t.numRows }, (_, i) => ({
    compound: String(c?.get(i)),
    synonyms: s?.get(i) ? String(s.get(i)).split(';').map((x) => x.trim()).filter(Boolean) : [],
    measured: Number(n?.get(i) ?? 0),
  }));
}

/** The canonical names of `names`, in their order, duplicates dropped; refuses unknown or unmeasured ones (`what` names the option). */
export async function resolveCompoundNames(db: Database, names: readonly string[], what: string): Promise<string[]> {
  const known = await knownCompounds(db);
  const byName = new Map<string, Known>();
  for (const k of known) byName.set(k.compound.toLowerCase(), k);
  for (const k of known) for (const s of k.synonyms) if (!byName.has(s.toLowerCase())) byName.set(s.toLowerCase(), k);
  const out: string[] = [];
  const measured = known.filter((k) => k.measured > 0).map((k) => k.compound);
  for (const raw of names) {
    const name = raw.trim();
    const k = byName.get(name.toLowerCase());
    if (!k) throw new AnalysisRefusal('bad-setting', `${what}: unknown compound "${name}"; the workspace has measurements of ${measured.join(', ') || 'no compound'}`);
    if (k.measured === 0) throw new AnalysisRefusal('bad-setting', `${what}: the workspace holds no measurements of ${k.compound}`);
    if (!out.includes(k.compound)) out.push(k.compound);
  }
  return out;
}

