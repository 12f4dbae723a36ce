/**
 * The options that say which pairs are linked and unlinked (the population rule, Popovic et al.'s R1–R4) and which
 * compounds make the signature, shared by `sigwb calibrate` and `sigwb cluster`. Parsed whole before any work: a
 * malformed option is a usage error (exit 2); a column or compound the workspace does not have is refused (exit 1).
 */
import type { ParseArgsConfig } from 'node:util';
import { DEFAULT_PAIR_RULE, PairRule, RoleName } from '../../shared/analysis/analysis-inputs';
import { resolveCompoundNames } from '../../shared/analysis/compound-names';
import { ALL_ROLES, type SignatureSelection } from '../../shared/analysis/signature-query';
import type { Database } from '../../shared/db/Database';
import { MAX_RULE_COLUMNS } from '../../shared/profiling/pair-population';
import { UsageError } from '../context';

type Values = Record<string, unknown>;

/** parseArgs options of the pair rule and the signature's compounds. */
export const PAIR_AND_SIGNATURE_OPTIONS: NonNullable<ParseArgsConfig['options']> = {
  'linked-by': { type: 'string' },
  'unlinked-by': { type: 'string' },
  'linked-group-size': { type: 'string' },
  'unlinked-singletons': { type: 'boolean', default: false },
  roles: { type: 'string' },
  compounds: { type: 'string' },
  'exclude-compounds': { type: 'string' },
};

/** The usage words of those options. */
export const PAIR_AND_SIGNATURE_USAGE =
  '[--linked-by <column,...>] [--unlinked-by <column,...>] [--linked-group-size MIN-MAX] [--unlinked-singletons] [--roles <role,...>|all | --compounds <name,...>] [--exclude-compounds <name,...>]';

/** A comma-separated list option: trimmed, none empty, no repeats. */
function list(values: Values, name: string, max = Infinity): string[] | undefined {
  const v = values[name];
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || v.trim() === '') throw new UsageError(`--${name} takes a comma-separated list`);
  const items = v.split(',').map((x) => x.trim());
  if (items.some((x) => x === '')) throw new UsageError(`--${name} "${v}" has an empty name between commas`);
  const seen = new Set<string>();
  for (const x of items) {
    if (seen.has(x)) throw new UsageError(`--${name} names "${x}" twice`);
    seen.add(x);
  }
  if (items.length > max) throw new UsageError(`--${name} takes at most ${max} names`);
  return items;
}

/** `--linked-group-size 2-10` (or `3-` for no upper bound) as whole numbers 2 ≤ MIN ≤ MAX. */
function groupSize(values: Values): PairRule['linked_group_size'] {
  const v = values['linked-group-size'];
  if (v === undefined) return null;
  const m = typeof v === 'string' ? /^\s*(\d+)\s*-\s*(\d*)\s*$/.exec(v) : null;
  const usage = '--linked-group-size is MIN-MAX samples per group, e.g. 2-10 (or 2- for no upper bound), with 2 ≤ MIN ≤ MAX';
  if (!m) throw new UsageError(usage);
  const min = Number(m[1]);
  const max = m[2] === '' ? null : Number(m[2]);
  if (min < 2 || (max !== null && max < min)) throw new UsageError(usage);
  return { min, max };
}

/** The population rule the options ask for (defaults: same seizure_id linked, different case_id unlinked). */
export function pairRuleFromOptions(values: Values): PairRule {
  return PairRule.parse({
    linked_by: list(values, 'linked-by', MAX_RULE_COLUMNS) ?? DEFAULT_PAIR_RULE.linked_by,
    unlinked_by: { columns: list(values, 'unlinked-by', MAX_RULE_COLUMNS) ?? DEFAULT_PAIR_RULE.unlinked_by.columns, rule: 'different' },
    linked_group_size: groupSize(values),
    unlinked_singletons: values['unlinked-singletons'] === true,
  });
}

/** `--roles a,b|all` as a signature selection (unset: the production roles). */
export function selectionFromRoles(values: Values): SignatureSelection {
  const v = values.roles;
  if (v === undefined) return {};
  if (typeof v !== 'string' || v === '') throw new UsageError('--roles takes a comma-separated list of roles, or all');
  if (v === 'all') return { roles: [...ALL_ROLES] };
  const roles = v.split(',').map((r) => r.trim());
  for (const r of roles) if (!RoleName.safeParse(r).success) throw new UsageError(`unknown role "${r}"; roles are ${ALL_ROLES.join(', ')}, or all`);
  return { roles: roles as SignatureSelection['roles'] };
}

/** The signature's compounds as the options name them, checked for form only (names are resolved by `resolveSelection`). */
export function selectionFromOptions(values: Values): SignatureSelection {
  const compounds = list(values, 'compounds');
  if (compounds && values.roles !== undefined) throw new UsageError('give --roles or --compounds, not both');
  const exclude = list(values, 'exclude-compounds');
  return { ...(compounds ? { compounds } : selectionFromRoles(values)), ...(exclude ? { excludeCompounds: exclude } : {}) };
}

/** The selection with its compound names resolved to the workspace's canonical names (unknown ones refused). */
export async function resolveSelection(db: Database, selection: SignatureSelection): Promise<SignatureSelection> {
  const out: SignatureSelection = { ...selection };
  if (selection.compounds?.length) out.compounds = await resolveCompoundNames(db, selection.compounds, '--compounds');
  if (selection.excludeCompounds?.length) out.excludeCompounds = await resolveCompoundNames(db, selection.excludeCompounds, '--exclude-compounds');
  return out;
}
