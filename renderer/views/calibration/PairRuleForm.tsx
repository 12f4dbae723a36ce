/**
 * Which pairs calibrate (the population rule, Popovic et al.'s R1–R4; shared/profiling/pair-population.ts) and which
 * compounds make the signature, as `sigwb calibrate --linked-by … --unlinked-by … --linked-group-size …
 * --unlinked-singletons --exclude-compounds …` takes them. The rule is stated in words under the fields, as the
 * record and the reports will state it.
 */
import { useId, useMemo } from 'react';
import { describeLinked, describeUnlinked, PairRule } from '../../../shared/analysis/analysis-inputs';
import { MAX_RULE_COLUMNS } from '../../../shared/profiling/pair-population';

export interface PairsChoice {
  rule: PairRule;
  /** Compounds left out of the signature (canonical names). */
  excludeCompounds: string[];
}

/** Columns of `samples` that are bookkeeping, not facts about a sample's origin. */
const NOT_RULE_COLUMNS = new Set(['sample_id', 'metadata_batch', 'n_measurements', 'n_detected', 'results_batch', 'has_metadata', 'has_results']);

/** The columns a rule may name, in the view's order. */
export function ruleColumns(all: readonly string[]): string[] {
  return all.filter((c) => !NOT_RULE_COLUMNS.has(c));
}

/** Why a choice cannot be calibrated, or null. */
export function choiceProblem(c: PairsChoice, compounds: readonly string[]): string | null {
  const parsed = PairRule.safeParse(c.rule);
  if (!parsed.success) {
    const s = c.rule.linked_group_size;
    if (s && (s.min < 2 || (s.max !== null && s.max < s.min))) return 'Group sizes are whole numbers with 2 ≤ smallest ≤ largest.';
    if (c.rule.unlinked_by.columns.length === 0) return 'Choose at least one column on which unlinked pairs differ.';
    return `At most ${MAX_RULE_COLUMNS} columns on each side.`;
  }
  if (compounds.length > 0 && c.excludeCompounds.length >= compounds.length) return 'Leave at least one compound in the signature.';
  return null;
}

function toggle(list: readonly string[], item: string, on: boolean): string[] {
  return on ? [...list.filter((x) => x !== item), item] : list.filter((x) => x !== item);
}

export function PairRuleForm({ columns, compounds, value, onChange }: { columns: readonly string[]; compounds: readonly string[]; value: PairsChoice; onChange: (c: PairsChoice) => void }) {
  const id = useId();
  const r = value.rule;
  const usable = useMemo(() => ruleColumns(columns), [columns]);
  const [group, ...also] = r.linked_by;
  const set = (rule: Partial<PairRule>) => onChange({ ...value, rule: { ...r, ...rule } });
  const problem = choiceProblem(value, compounds);
  const size = r.linked_group_size;
  return (
    <div className="pair-rule-form" data-testid="pair-rule-form">
      <fieldset>
        <legend>Linked pairs</legend>
        <label htmlFor={`${id}-group`}>Same</label>{' '}
        <select id={`${id}-group`} value={group} onChange={(e) => set({ linked_by: [e.target.value, ...also.filter((c) => c !== e.target.value)] })} data-testid="linked-group">
          {usable.map((c) => (
            <option key={c}>{c}</option>
          ))}
        </select>
        <div className="checks" role="group" aria-label="Also equal on">
          <span className="hint">and also equal on</span>
          {usable
            .filter((c) => c !== group)
            .map((c) => (
              <label key={c} className="check">
                <input type="checkbox" checked={also.includes(c)} onChange={(e) => set({ linked_by: [group, ...toggle(also, c, e.target.checked)] })} data-testid={`linked-also-${c}`} /> {c}
              </label>
            ))}
        </div>
        <label className="check">
          <input type="checkbox" checked={size !== null} onChange={(e) => set({ linked_group_size: e.target.checked ? { min: 2, max: 10 } : null })} data-testid="group-size-on" /> only in groups of
        </label>{' '}
        <input type="number" aria-label="Smallest group" min={2} step={1} disabled={size === null} value={size?.min ?? 2} onChange={(e) => set({ linked_group_size: { min: e.target.valueAsNumber, max: size?.max ?? null } })} className="narrow" data-testid="group-size-min" /> to{' '}
        <input
          type="number"
          aria-label="Largest group (empty: no bound)"
          min={2}
          step={1}
          disabled={size === null}
          value={size?.max ?? ''}
          onChange={(e) => set({ linked_group_size: { min: size?.min ?? 2, max: Number.isFinite(e.target.valueAsNumber) ? e.target.valueAsNumber : null } })}
          className="narrow"
          data-testid="group-size-max"
        />{' '}
        samples (counted by {group}; Popovic et al.'s R2 and R4 take seizures of 2–10)
      </fieldset>
      <fieldset>
        <legend>Unlinked pairs: different on every one of</legend>
        <div className="checks" role="group" aria-label="Unlinked pairs differ on">
          {usable.map((c) => (
            <label key={c} className="check">
              <input type="checkbox" checked={r.unlinked_by.columns.includes(c)} onChange={(e) => set({ unlinked_by: { columns: toggle(r.unlinked_by.columns, c, e.target.checked), rule: 'different' } })} data-testid={`unlinked-${c}`} /> {c}
            </label>
          ))}
        </div>
        <label className="check">
          <input type="checkbox" checked={r.unlinked_singletons} onChange={(e) => set({ unlinked_singletons: e.target.checked })} data-testid="unlinked-singletons" /> only samples alone in their {group} (R2)
        </label>
      </fieldset>
      {compounds.length > 0 && (
        <fieldset>
          <legend>Signature: leave out</legend>
          <div className="checks" role="group" aria-label="Compounds left out">
            {compounds.map((c) => (
              <label key={c} className="check">
                <input type="checkbox" checked={value.excludeCompounds.includes(c)} onChange={(e) => onChange({ ...value, excludeCompounds: toggle(value.excludeCompounds, c, e.target.checked) })} data-testid={`exclude-${c}`} /> {c}
              </label>
            ))}
          </div>
        </fieldset>
      )}
      <p className={problem ? 'error' : 'hint'} data-testid="pair-rule-words" aria-live="polite">
        {problem ?? `Linked: ${describeLinked(r)}. Unlinked: ${describeUnlinked(r)}.${value.excludeCompounds.length ? ` Without ${value.excludeCompounds.join(', ')}.` : ''}`}
      </p>
    </div>
  );
}
