/**
 * The propositions an LR system addresses, stated in words and at a level (Meuwly, Ramos & Haraksim 2017: the
 * propositions and their level come first in a validation). They follow from the calibration's population rule:
 * linked pairs share every linked-by column (Hp), unlinked pairs differ in every unlinked-by column (Hd). Linked by
 * seizure, the LR speaks of one seizure (batch) against different cases, which is not "same source" against
 * "different sources": a source supplies many cases (DOMAIN.md). Only a rule that links by a source column
 * (a column named like "source") makes source-level propositions.
 */

export type PropositionLevel = 'seizure' | 'case' | 'source' | 'custom';

export interface Propositions {
  readonly level: PropositionLevel;
  /** Full sentences for a report. */
  readonly hp: string;
  readonly hd: string;
  /** Clauses for the verbal scale ("the two samples come from the same seizure"). */
  readonly clauses: { readonly hp: string; readonly hd: string };
  /** Short phrases for tables ("the same seizure", "different cases"). */
  readonly short: { readonly hp: string; readonly hd: string };
}

const NOUNS: Record<string, [string, string]> = {
  seizure_id: ['seizure', 'seizures'],
  case_id: ['case', 'cases'],
  agency: ['agency', 'agencies'],
  region: ['region', 'regions'],
};

const isSource = (column: string): boolean => /(^|_)source(_|$)/i.test(column);

function noun(column: string): [string, string] {
  if (NOUNS[column]) return NOUNS[column];
  if (isSource(column)) return ['source', 'sources'];
  return [`${column} value`, `${column} values`];
}

/** The level a population rule speaks at: source when a linked-by column names a source, else by its first column. */
export function propositionLevel(linkedBy: readonly string[]): PropositionLevel {
  if (linkedBy.some(isSource)) return 'source';
  if (linkedBy.length === 1 && linkedBy[0] === 'seizure_id') return 'seizure';
  if (linkedBy.length === 1 && linkedBy[0] === 'case_id') return 'case';
  return 'custom';
}

const join = (words: string[]): string => (words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`);

/** The propositions of a population rule (linked-by and unlinked-by columns). */
export function propositionsOf(linkedBy: readonly string[], unlinkedBy: readonly string[]): Propositions {
  const level = propositionLevel(linkedBy);
  const same = join(linkedBy.map((c) => `the same ${noun(c)[0]}`));
  const different = join(unlinkedBy.map((c) => `different ${noun(c)[1]}`));
  const hpClause = level === 'source' ? 'the two samples come from the same source' : `the two samples come from ${same}`;
  const hdClause = level === 'source' && unlinkedBy.some(isSource) ? 'they come from different sources' : `they come from ${different}`;
  return {
    level,
    hp: `Hp: ${hpClause.replace(/^the two samples/, 'The two samples')}.`,
    hd: `Hd: ${hdClause.replace(/^they/, 'The two samples')}.`,
    clauses: { hp: hpClause, hd: hdClause },
    short: { hp: level === 'source' ? 'the same source' : same, hd: level === 'source' && unlinkedBy.some(isSource) ? 'different sources' : different },
  };
}

/**
 * The group-level clauses under the same propositions, for a sample against a group (the other members of a class,
 * or a known source's reference samples): "the sample comes from the same seizure as <group>" against "it comes
 * from a different case than <group>".
 */
export function groupClauses(p: Pick<Propositions, 'level' | 'short'>, group: string): { hp: string; hd: string } {
  const hp = `the sample comes from ${p.short.hp} as ${group}`;
  const m = /^different (\S+?)s$/.exec(p.short.hd);
  const hd = p.level !== 'custom' && m ? `it comes from a different ${m[1]} than ${group}` : `it is unlinked from ${group} (${p.short.hd})`;
  return { hp, hd };
}
