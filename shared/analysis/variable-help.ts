/**
 * Help in choosing a signature's compounds (Andersson et al. 2007): for every candidate compound its presence rate,
 * within- vs between-seizure variation and the compounds it correlates with beyond |r| > 0.7, with the compound's
 * role, over the workspace's samples. For the target-list editor and `sigwb` output.
 */
import type { Database } from '../db/Database';
import { sqlString } from '../db/Database';
import { assessVariables, type CompoundAssessment, type CorrelatedPair, type VariableSelectionOptions } from '../profiling/variable-selection';
import { loadSignatures, requireMeasurements, type LoadedSignatures, type SignatureSelection } from './signature-query';

export interface VariableHelp {
  samples: number;
  /** Seizures with two samples or more: what the within-seizure variation rests on. */
  replicatedSeizures: number;
  compounds: (CompoundAssessment & { role: string })[];
  correlatedPairs: CorrelatedPair[];
  /** Compounds suggested for the signature (present in most samples, discriminating), in column order. */
  suggested: string[];
}

/** The figures over loaded signatures; `roles` maps compound → role (default unassigned). O(n·p²). */
export function variableHelp(loaded: LoadedSignatures, roles: ReadonlyMap<string, string> = new Map(), options: VariableSelectionOptions = {}): VariableHelp {
  const groups = loaded.facts.seizureId;
  const sizes = new Map<string, number>();
  for (const g of groups) if (g) sizes.set(g, (sizes.get(g) ?? 0) + 1);
  const { compounds, correlatedPairs } = assessVariables(loaded.matrix, groups, options);
  return {
    samples: loaded.matrix.sampleIds.length,
    replicatedSeizures: [...sizes.values()].filter((s) => s >= 2).length,
    compounds: compounds.map((c) => ({ ...c, role: roles.get(c.compound) ?? 'unassigned' })),
    correlatedPairs,
    suggested: compounds.filter((c) => c.suggested).map((c) => c.compound),
  };
}

/** Loads the candidates (default the production roles) and assesses them. */
export async function workspaceVariableHelp(db: Database, selection: SignatureSelection = {}, options: VariableSelectionOptions = {}): Promise<VariableHelp> {
  const loaded = requireMeasurements(await loadSignatures(db, selection), selection);
  const list = loaded.matrix.compounds.map(sqlString).join(', ');
  const t = await db.query(`SELECT compound, min(role) AS role FROM measurements WHERE compound IN (${list}) GROUP BY compound`);
  const roles = new Map<string, string>();
  const compound = t.getChild('compound');
  const role = t.getChild('role');
  for (let i = 0, n = t.numRows; i < n; i++) roles.set(String(compound?.get(i)), String(role?.get(i)));
  return variableHelp(loaded, roles, options);
}
