/**
 * Route and source evidence for a report's chemical classes, from the attribution of the workspace's tagged
 * reference samples (shared/attribution): ranked routes with their probabilities or "undetermined", the marker
 * compounds found with their abundances, and the nearest known sources with their likelihood ratio on the ENFSI
 * verbal scale. The attribution compares classes of the latest class run made with the calibration in force; for
 * any other run the class route is the same rule on its members' evidence combined and sources are not assessed
 * (said so).
 */
import type { Engine } from '../analysis/engine';
import type { ClassRunRecord } from '../analysis/class-run-record';
import { latestClassRun } from '../analysis/class-run-store';
import { calibrationInForce } from '../analysis/calibration-store';
import { classRouteCall } from '../attribution/class-attribution';
import { loadSignatureLibrary } from '../attribution/library-document';
import { loadReferenceSamples } from '../attribution/reference-tags';
import { ATTRIBUTION_DEFAULTS } from '../attribution/attribute';
import { markerSiblings, type RouteCall } from '../attribution/route-decision';
import { DEFAULT_TYPICALITY_ALPHA } from '../attribution/typicality';
import { drugLibrary } from '../attribution/signature-library';
import type { SourceAttribution } from '../attribution/source-attribution';
import type { ClassAttribution, ClassReference, SampleAttribution } from '../attribution/types';
import { attributeWorkspace, type WorkspaceAttribution } from '../attribution/workspace-attribution';
import type { Database } from '../db/Database';
import type { Workspace } from '../workspace/Workspace';

/**
 * The attribution parameters a report uses (recorded in its manifest). `alpha` and `gate_floor` are absent from
 * reports made before they were recorded: those are computed again with α 0.01 (the default then) and no gate.
 */
export interface EvidenceSettings {
  k: number;
  folds: number;
  seed: number;
  floor: number;
  /** Typicality α (the cut is the 1 − α quantile of held-out-source distances). */
  alpha?: number;
  /** The per-route gate's floor (route-gate.ts); absent: no gate. */
  gate_floor?: number;
  /** The gate counts by source for a route whose marker sibling is referenced too (route-gate.ts); absent: by sample. */
  gate_by_source?: boolean;
  source_rule: 'threshold' | 'threshold-and-lr';
  top_sources: number;
}

/** The settings of a new report: the attribution's defaults (the app's and `sigwb attribute`'s), in the manifest's words. */
export const REPORT_EVIDENCE_SETTINGS: EvidenceSettings = {
  k: ATTRIBUTION_DEFAULTS.k, folds: ATTRIBUTION_DEFAULTS.folds, seed: ATTRIBUTION_DEFAULTS.seed, floor: ATTRIBUTION_DEFAULTS.floor,
  alpha: ATTRIBUTION_DEFAULTS.alpha, gate_floor: ATTRIBUTION_DEFAULTS.gateFloor, gate_by_source: ATTRIBUTION_DEFAULTS.gateBySource, source_rule: ATTRIBUTION_DEFAULTS.sourceRule, top_sources: ATTRIBUTION_DEFAULTS.topSources,
};

/** The evidence of one class (or of one unclassified sample, as a class of one). */
export interface ClassEvidence {
  classId: number | null;
  /** Members with a route call (questioned samples of the drug). */
  samples: SampleAttribution[];
  /** Reference samples among the members. */
  references: ClassReference[];
  call: RouteCall;
  memberCalls: Record<string, number>;
  /** Null when not assessed; `sourceNote` says why. */
  source: SourceAttribution | null;
  precursors: ClassAttribution['precursors'] | null;
}

export type Evidence =
  | { assessed: false; reason: string }
  | {
      assessed: true;
      attribution: WorkspaceAttribution;
      /** Route names by id, from the signature library. */
      routeNames: ReadonlyMap<string, string>;
      /** Why sources are not assessed for this report's classes, or null. */
      sourceNote: string | null;
      /** Tagged reference samples in the workspace. */
      tagged: number;
      settings: EvidenceSettings;
      of(members: readonly string[], classId: number | null): ClassEvidence;
    };

const NO_REFERENCES = 'No reference samples are tagged in the workspace: route and source not assessed.';

/** Runs the attribution for a report on class run `run`; never throws for missing evidence, says why instead. */
export async function loadEvidence(ws: Workspace, db: Database, run: ClassRunRecord, settings: EvidenceSettings = REPORT_EVIDENCE_SETTINGS, engine?: Engine): Promise<Evidence> {
  const tags = (await loadReferenceSamples(ws)).samples;
  if (tags.length === 0) return { assessed: false, reason: NO_REFERENCES };
  let attribution: WorkspaceAttribution;
  try {
    attribution = await attributeWorkspace(ws, db, tags.map((t) => ({ sampleId: t.sample_id, route: t.route, source: t.source, drug: t.drug })), {
      attribution: {
        k: settings.k, folds: settings.folds, seed: settings.seed, floor: settings.floor, alpha: settings.alpha ?? DEFAULT_TYPICALITY_ALPHA,
        gateFloor: settings.gate_floor ?? 0, gateBySource: settings.gate_by_source ?? false, sourceRule: settings.source_rule, topSources: settings.top_sources,
      },
      // Where it computes (the app's engine worker, so that the interface never waits on it); the result is the same.
      engine,
    });
  } catch (e) {
    if (e instanceof RangeError) return { assessed: false, reason: `Route and source not assessed: ${e.message}.` };
    throw e;
  }
  const r = attribution.result;
  const { library } = await loadSignatureLibrary(ws);
  const drug = drugLibrary(library, r.drug);
  const routeNames = new Map((drug?.routes ?? []).map((route) => [route.id, route.name]));
  const latest = await latestClassRun(ws);
  const inForce = await calibrationInForce(ws);
  const aligned = latest?.id === run.id && inForce !== null && run.settings.calibration_id === inForce.id;
  let sourceNote: string | null = null;
  if (!aligned) {
    sourceNote = inForce === null
      ? 'Sources are not assessed: the workspace holds no saved calibration.'
      : `Sources are not assessed: they are compared for the classes of the latest class run made with the calibration in force (${inForce.id}), and this report's run ${run.id} is not that run.`;
  } else if (r.calibration === null || !r.classes.some((c) => c.source !== null)) {
    sourceNote = r.references.sources === 0 ? 'Sources are not assessed: no tagged reference sample names a source.' : null;
  }
  const bySample = new Map(r.samples.map((s) => [s.sampleId, s]));
  const byClass = new Map(r.classes.map((c) => [c.classId, c]));
  const refBySample = new Map(tags.map((t) => [t.sample_id, t]));
  const routes = r.routes;
  return {
    assessed: true,
    attribution,
    routeNames,
    sourceNote,
    tagged: tags.length,
    settings,
    of(members, classId) {
      const samples = members.map((id) => bySample.get(id)).filter((s): s is SampleAttribution => s !== undefined);
      const references = members.flatMap((id) => {
        const t = refBySample.get(id);
        return t ? [{ sampleId: id, route: t.route, source: t.source }] : [];
      });
      const cls = aligned && classId !== null ? byClass.get(classId) : undefined;
      const memberCalls: Record<string, number> = {};
      for (const s of samples) memberCalls[s.call.route ?? 'undetermined'] = (memberCalls[s.call.route ?? 'undetermined'] ?? 0) + 1;
      return {
        classId,
        samples,
        references,
        call: cls?.call ?? (samples.length === 1 ? samples[0].call : classRouteCall(routes, r.referenceRoutes, samples, { floor: settings.floor, disagreementLog10: 0.5 * library.evidence_scale.weak, gate: r.openSet?.gate ?? null }, drug === null ? undefined : markerSiblings(drug.markers))),
        memberCalls,
        source: cls?.source ?? null,
        precursors: cls?.precursors ?? null,
      };
    },
  };
}
