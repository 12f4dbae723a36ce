/**
 * `sigwb attribute`: routes, known sources and evidence for every sample not in the reference file, with the
 * cross-validated accuracy of the route classifiers on the reference set. The reference tags are saved in the
 * workspace and the run is recorded in its audit log. An existing output file is never overwritten without --force.
 */
import path from 'node:path';
import { ATTRIBUTION_CSV_HEADER, attributionCsvRows } from '../../shared/attribution/attribution-csv';
import { attributionSummary } from '../../shared/attribution/attribution-summary';
import type { OpenSetValidation, RuleFigures } from '../../shared/attribution/open-set-validation';
import { loadSignatureLibrary } from '../../shared/attribution/library-document';
import { parseReferenceCsv, ReferenceFileError } from '../../shared/attribution/reference-csv';
import { loadReferenceSamples, mergeReferenceTags, saveReferenceSamples } from '../../shared/attribution/reference-tags';
import { SignatureLibraryError } from '../../shared/attribution/signature-library';
import { attributeWorkspace } from '../../shared/attribution/workspace-attribution';
import { sqlString } from '../../shared/db/Database';
import { toCsv } from '../../shared/util/csv';
import { sha256Hex } from '../../shared/util/sha256';
import { utf8 } from '../../shared/util/text';
import { actor, checkWorkspaceFolder, openWorkspaceDatabase, RefusedError, UsageError, WAIT_OPTION } from '../context';
import { noArguments, requireString, type CliCommand } from '../command';
import { readInputFile } from '../input-file';
import { checkOutputPath, writeOutputFile } from '../output-file';
import { ATTRIBUTION_DEFAULTS } from '../../shared/attribution/attribute';

type Values = Parameters<CliCommand['run']>[0];

function numberOption(values: Values, name: string, check: (v: number) => boolean, what: string): number | undefined {
  const v = values[name];
  if (v === undefined) return undefined;
  const n = Number(v);
  if (typeof v !== 'string' || v.trim() === '' || !Number.isFinite(n) || !check(n)) throw new UsageError(`--${name} must be ${what}`);
  return n;
}

/** The open-set rule's figures as the audit line records them (the whole rule on the references, each with its optimism). */
function openSetAudit(o: OpenSetValidation | null) {
  if (o === null) return null;
  const f = (r: RuleFigures) => ({ called: r.called, right_when_called: r.rightWhenCalled, right: r.right, fits_own_route: r.fitsOwn });
  return {
    alpha: o.alpha, cut: o.cut, held_out: o.heldOut, grouped_by_source: o.grouped,
    resubstitution: f(o.resubstitution), cross_validated: f(o.crossValidated), nested: f(o.nested),
    gate: { floor: o.gate.floor, confidence: o.gate.confidence, routes: o.gate.routes.map((g) => ({ route: g.route, called: g.called, right: g.right, lower: g.lower, gated: g.gated, confused_with: g.confusedWith })) },
    gated_nested: o.gatedNested === null ? null : f(o.gatedNested),
    leave_one_route_out: o.leaveOneRouteOut.map((w) => ({ route: w.route, n: w.n, called_as_referenced: w.calledAsReferenced, fits_none: w.fitsNone, called_right: w.calledRight })),
  };
}

export const attributeCommand: CliCommand = {
  name: 'attribute',
  usage: `sigwb attribute --workspace <dir> --reference <file.csv> --out <file.csv> [--drug <name>] [--source-rule threshold|threshold-and-lr] [--k ${ATTRIBUTION_DEFAULTS.k}] [--folds ${ATTRIBUTION_DEFAULTS.folds}] [--seed ${ATTRIBUTION_DEFAULTS.seed}] [--floor ${ATTRIBUTION_DEFAULTS.floor}] [--alpha ${ATTRIBUTION_DEFAULTS.alpha}] [--gate-floor ${ATTRIBUTION_DEFAULTS.gateFloor}] [--force] [--wait]`,
  summary: 'Attribute routes and known sources to every sample not in the reference file (sample_id,route[,source]); print the cross-validated accuracy.',
  options: {
    ...WAIT_OPTION,
    workspace: { type: 'string', short: 'w' },
    reference: { type: 'string', short: 'r' },
    out: { type: 'string', short: 'o' },
    drug: { type: 'string' },
    'source-rule': { type: 'string', default: ATTRIBUTION_DEFAULTS.sourceRule },
    k: { type: 'string' },
    folds: { type: 'string' },
    seed: { type: 'string' },
    floor: { type: 'string' },
    alpha: { type: 'string' },
    'gate-floor': { type: 'string' },
    force: { type: 'boolean', default: false },
  },
  async run(values, positionals, io) {
    noArguments(positionals);
    const dir = requireString(values, 'workspace');
    const refPath = requireString(values, 'reference');
    const out = path.resolve(requireString(values, 'out'));
    const rule = values['source-rule'];
    if (rule !== 'threshold' && rule !== 'threshold-and-lr') throw new UsageError('--source-rule is threshold or threshold-and-lr');
    const k = numberOption(values, 'k', (v) => Number.isInteger(v) && v >= 1, 'a whole number ≥ 1');
    const folds = numberOption(values, 'folds', (v) => Number.isInteger(v) && v >= 2, 'a whole number ≥ 2');
    const seed = numberOption(values, 'seed', (v) => Number.isInteger(v), 'a whole number');
    const floor = numberOption(values, 'floor', (v) => v > 0 && v <= 1, 'a probability in (0, 1]');
    const alpha = numberOption(values, 'alpha', (v) => v > 0 && v < 0.5, 'a share in (0, 0.5)');
    const gateFloor = numberOption(values, 'gate-floor', (v) => v >= 0 && v < 1, 'a proportion in [0, 1) (0 turns the per-route gate off)');
    const force = values.force === true;
    checkWorkspaceFolder(dir);
    checkOutputPath(out, force);
    const refBytes = await readInputFile(refPath, 'the reference file');

    const { ws, db, close } = await openWorkspaceDatabase(dir, { write: 'attribute', wait: values.wait === true, io });
    try {
      const display = path.basename(refPath);
      let rows;
      try {
        const { library } = await loadSignatureLibrary(ws);
        rows = parseReferenceCsv(display, new TextDecoder().decode(refBytes), library, typeof values.drug === 'string' ? values.drug : undefined);
      } catch (e) {
        if (e instanceof ReferenceFileError || e instanceof SignatureLibraryError) throw new RefusedError(e.message);
        throw e;
      }
      const known = await db.query(`SELECT sample_id FROM samples WHERE sample_id IN (${rows.map((r) => sqlString(r.sampleId)).join(', ')})`);
      const col = known.getChild('sample_id');
      const present = new Set(Array.from({ length: known.numRows }, (_, i) => String(col?.get(i))));
      const unknown = rows.filter((r) => !present.has(r.sampleId));
      if (unknown.length > 0) {
        throw new RefusedError(unknown.slice(0, 20).map((r) => `${r.where}:1: sample ${r.sampleId} is not in the workspace`).join('\n'));
      }

      let run;
      try {
        run = await attributeWorkspace(ws, db, rows, {
          drug: typeof values.drug === 'string' ? values.drug : undefined,
          attribution: { k, folds, seed, floor, alpha, gateFloor, sourceRule: rule },
        });
      } catch (e) {
        if (e instanceof RangeError) throw new RefusedError(e.message);
        throw e;
      }
      const bytes = utf8(toCsv(ATTRIBUTION_CSV_HEADER, attributionCsvRows(run.result)));
      await writeOutputFile(out, bytes, force);

      const who = actor();
      const now = new Date().toISOString();
      const current = await loadReferenceSamples(ws);
      const { doc, change } = mergeReferenceTags(
        current,
        rows.map((r) => ({ sample_id: r.sampleId, drug: r.drug, route: r.route, source: r.source, kind: 'other' as const, note: `from ${display}`, tagged_by: who.user, tagged_at: now })),
      );
      const saved = await saveReferenceSamples(ws, doc, change, display);
      const cv = run.result.crossValidation;
      await ws.audit('attribution.run', `Attributed ${run.result.samples.length} ${run.result.drug} sample(s) against ${run.result.references.used} reference sample(s); wrote ${path.basename(out)}`, [{ path: out, sha256: await sha256Hex(bytes) }], {
        reference_file: refPath,
        reference_sha256: await sha256Hex(refBytes),
        drug: run.result.drug,
        library_version: run.library.version,
        comparison: run.result.comparison,
        calibration: run.result.calibration?.label ?? null,
        options: { k: k ?? ATTRIBUTION_DEFAULTS.k, folds: folds ?? ATTRIBUTION_DEFAULTS.folds, seed: seed ?? ATTRIBUTION_DEFAULTS.seed, floor: floor ?? ATTRIBUTION_DEFAULTS.floor, alpha: alpha ?? ATTRIBUTION_DEFAULTS.alpha, gate_floor: gateFloor ?? ATTRIBUTION_DEFAULTS.gateFloor, gate_by_source: ATTRIBUTION_DEFAULTS.gateBySource, source_rule: rule },
        cv_accuracy: cv === null ? null : { lda: cv.lda?.accuracy ?? null, knn: cv.knn.accuracy, ensemble: cv.ensemble.accuracy, grouped_by_source: cv.plan.grouped },
        open_set: openSetAudit(run.result.openSet),
        not_referenced: run.result.unreferencedRoutes,
      });
      const lines = attributionSummary(run, path.basename(out));
      if (saved) lines.push(`Reference tags saved in the workspace: ${change.added.length} added, ${change.changed.length} changed.`);
      io.out(lines.join('\n') + '\n');
    } finally {
      await close();
    }
  },
};
