/**
 * Attribution over a workspace: the drug's signatures from the database (the compounds of the calibration in force,
 * or the production roles), the signature library and compound dictionary in force, the calibration and classes of
 * workspace-calibration.ts, all loaded on the calling thread (queries to DuckDB); the attribution itself computed
 * on an Engine (the renderer's worker in the app, in process in the CLI and the reports).
 */
import { sqlString, type Database } from '../db/Database';
import { recordedNonDetects } from '../analysis/analysis-inputs';
import { unpackAttribution } from '../analysis/attribute-protocol';
import { inProcessEngine, matrixPayload, type Engine, type EngineRunOptions } from '../analysis/engine';
import { loadSignatures } from '../analysis/signature-query';
import { loadDictionary } from '../domain/workspace-dictionary';
import { DEFAULT_NON_DETECT_RULE } from '../profiling/non-detects';
import type { Pretreatment } from '../profiling/pretreatment';
import type { Score } from '../profiling/scores';
import type { Workspace } from '../workspace/Workspace';
import type { AttributionOptions } from './attribute';
import { compoundKey } from './compound-match';
import { libraryDictionaryWarnings, loadSignatureLibrary } from './library-document';
import { drugLibrary, type SignatureLibrary } from './signature-library';
import type { AttributionResult, ReferenceInput } from './types';
import { classesAndCalibration, recordInForce } from './workspace-calibration';

/** Roles of the production signature (as shared/analysis DEFAULT_SIGNATURE_ROLES). */
const SIGNATURE_ROLES = ['impurity', 'precursor', 'unassigned'];

export interface WorkspaceAttributionOptions extends EngineRunOptions {
  /** Main drug; default: the one whose library names the reference routes. */
  readonly drug?: string;
  /** Fixes the pretreatment of a calibration computed for the run (ignored under a calibration record). */
  readonly pretreatment?: Pretreatment;
  /** Fixes the metric of a calibration computed for the run (ignored under a calibration record). */
  readonly score?: Score;
  /** A library to use instead of the workspace's. */
  readonly library?: SignatureLibrary;
  readonly attribution?: AttributionOptions;
  /** Where the attribution is computed; default in process. */
  readonly engine?: Engine;
}

export interface WorkspaceAttribution {
  readonly result: AttributionResult;
  readonly library: { readonly version: string; readonly origin: 'workspace' | 'default' | 'given' };
  /** Samples of the drug with a signature, and the signature's compounds. */
  readonly sampleCount: number;
  readonly compounds: readonly string[];
  /** Where the calibration came from: a record in force, computed for the run, or none. */
  readonly calibrationOrigin: 'record' | 'computed' | 'none';
  readonly classCount: number;
}

/** The main drug the references point to (their library's drug), or a RangeError naming the ambiguity. */
export function referenceDrug(references: readonly (ReferenceInput & { drug: string })[], drug?: string): string {
  if (drug !== undefined) return drug;
  const drugs = [...new Set(references.map((r) => r.drug))];
  if (drugs.length !== 1) throw new RangeError(`the reference samples name routes of ${drugs.length === 0 ? 'no drug' : drugs.join(' and ')}: choose one drug`);
  return drugs[0];
}

/**
 * Runs the attribution of the workspace's samples of one drug against the given reference samples; `onProgress`
 * and `signal` go to the engine (a worker engine detaches the loaded arrays it is sent).
 */
export async function attributeWorkspace(
  ws: Workspace,
  db: Database,
  references: readonly (ReferenceInput & { drug: string })[],
  options: WorkspaceAttributionOptions = {},
): Promise<WorkspaceAttribution> {
  const dictionary = await loadDictionary(ws);
  const loaded = options.library === undefined ? await loadSignatureLibrary(ws) : { library: options.library, origin: 'given' as const };
  const library = loaded.library;
  const drugName = referenceDrug(references, options.drug);
  const drug = drugLibrary(library, drugName);
  if (drug === null) throw new RangeError(`the signature library (${library.version}) has no routes for ${drugName}`);
  const key = compoundKey(dictionary);

  // Samples of the drug: main_drug resolved through the dictionary; samples without a main drug are kept and counted.
  const drugs = await db.query('SELECT DISTINCT main_drug FROM samples WHERE main_drug IS NOT NULL');
  const col = drugs.getChild('main_drug');
  const names = Array.from({ length: drugs.numRows }, (_, i) => String(col?.get(i))).filter((d) => key(d) === key(drug.drug));
  const inForce = await recordInForce(ws);
  const recordFilter = inForce?.record.inputs.signature.sample_filter ?? null;
  const filter = `(main_drug IS NULL${names.length ? ` OR main_drug IN (${names.map(sqlString).join(', ')})` : ''})${recordFilter ? ` AND (${recordFilter})` : ''}`;
  let compounds: string[];
  if (inForce !== null) compounds = [...inForce.record.inputs.signature.compounds];
  else {
    const t = await db.query(`SELECT DISTINCT compound FROM measurements
      WHERE role IN (${SIGNATURE_ROLES.map(sqlString).join(', ')}) AND sample_id IN (SELECT sample_id FROM samples WHERE ${filter}) ORDER BY compound`);
    const cc = t.getChild('compound');
    compounds = Array.from({ length: t.numRows }, (_, i) => String(cc?.get(i)));
  }
  if (compounds.length === 0) throw new RangeError(`no ${drug.drug} sample has a measured impurity or precursor`);
  // Non-detects as the calibration in force treats them (records made before the rule was stated: 'zero').
  const nonDetects = inForce === null ? DEFAULT_NON_DETECT_RULE : recordedNonDetects(inForce.record.inputs.signature);
  const { matrix, facts } = await loadSignatures(db, { compounds, sampleFilter: filter, nonDetects });
  if (matrix.sampleIds.length === 0) throw new RangeError(`no ${drug.drug} sample has a measurement of the signature's compounds`);
  const noDrug = await db.query('SELECT count(*)::INTEGER AS n FROM samples WHERE main_drug IS NULL AND has_results');
  const undeclared = Number(noDrug.getChild('n')?.get(0) ?? 0);

  const cc = await classesAndCalibration(ws, matrix, facts.seizureId, facts.caseId, inForce, { pretreatment: options.pretreatment, score: options.score });
  const notes = [...libraryDictionaryWarnings(library, dictionary), ...cc.notes];
  if (undeclared > 0) notes.push(`${undeclared} sample(s) have no main drug recorded and were treated as ${drug.drug} when measured.`);

  const engine = options.engine ?? inProcessEngine;
  const { attribution } = await engine.run(
    {
      kind: 'attribute', matrix: matrixPayload(matrix), library, drug: drug.drug, references, comparison: cc.comparison, calibration: cc.calibration, classIds: cc.classIds,
      precursorCompounds: dictionary.compounds.filter((c) => c.role === 'precursor').map((c) => c.name),
      dictionary, options: options.attribution,
    },
    { onProgress: options.onProgress, signal: options.signal },
  );
  const result = unpackAttribution(attribution);
  return {
    result: { ...result, notes: [...notes, ...result.notes] },
    library: { version: library.version, origin: loaded.origin },
    sampleCount: matrix.sampleIds.length,
    compounds,
    calibrationOrigin: cc.origin,
    classCount: cc.classCount,
  };
}
