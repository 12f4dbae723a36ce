/**
 * What the views show beyond the raw tables: the helper tables (signatures, classes; data/ui-tables.ts),
 * the calibration in force and the latest class run (with what it changed, when it extends a graph run); and the
 * analyses an analyst starts from the views (calibrate, run the classes, classes from the threshold graph: built
 * whole or extended), computed by the engine worker (renderer/engine) with progress and Cancel.
 * Rebuilt after every change to the workspace; `tablesVersion` tells views when to query again.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { calibrateWorkspace } from '../../shared/analysis/calibrate-workspace';
import type { PairRule } from '../../shared/analysis/analysis-inputs';
import type { CalibrationRecord } from '../../shared/analysis/calibration-record';
import { runClasses } from '../../shared/analysis/class-run';
import { classRunChanges, type ClassRunChanges } from '../../shared/analysis/class-run-changes';
import { extensionOptions, runGraphClasses } from '../../shared/analysis/class-run-graph';
import { loadClassRun } from '../../shared/analysis/class-run-store';
import type { ClassRunSettings } from '../../shared/analysis/class-run-compute';
import { registerClassRun } from '../../shared/analysis/sample-classes';
import { freshness, type Freshness } from '../../shared/analysis/freshness';
import { EngineClient } from '../engine/engine-client';
import { ensureAnalysisTables, putClasses } from '../data/ui-tables';
import { signatureTables, signatureTablesBundle, signatureTablesKey } from '../data/ui-tables-cache';
import { calibrationForView, latestClassRun, type ClassRunInView } from '../data/analysis-records';
import { markOpen } from './open-marks';
import { useWorkbench, type OpenWorkspace } from './workbench';
import { recordedNonDetects } from '../../shared/analysis/analysis-inputs';

export interface AnalysisState {
  /** Bumped when the helper tables have been rebuilt; 0 while the first build runs. */
  tablesVersion: number;
  /** Signature compounds, in signature order. */
  compounds: string[];
  calibration: CalibrationRecord | null;
  classRun: ClassRunInView | null;
  /** Why a record could not be read (a changed file, a newer format), with what to do. */
  problem: string | null;
  /** The workspace has a class run, but the latest cannot be read (`problem` says why): not "no class run yet". */
  classRunUnreadable: boolean;
  /** Whether the calibration in force and the latest class run are older than the data (null: there is none). */
  freshness: { calibration: Freshness | null; classRun: Freshness | null };
  /** Brings the analyses up to date in one action: calibrates again at the accepted rate when the calibration is out of date, then runs the classes again. */
  bringUpToDate(): Promise<boolean>;
  /** Calibrates at an accepted false-positive rate on the pairs and compounds chosen (default rule and roles) and saves the next calibration (now in force). */
  calibrate(acceptedFpr: number, pairs?: { rule: PairRule; excludeCompounds: string[] }): Promise<boolean>;
  /** Runs the classes (automatic mode, the calibration in force and its pairs, unless `settings` say otherwise) and saves the next run. */
  runClasses(settings?: ClassRunSettings): Promise<boolean>;
  /**
   * Classes from the threshold graph (shared/analysis/class-run-graph.ts, as `sigwb cluster --graph`), saved as the
   * next run: 'extend' adds the samples imported since to the latest graph run with its own settings and calibration
   * (untouched classes keep members and ids); 'whole' builds the graph from every sample under the calibration in force.
   */
  graphClasses(mode: 'extend' | 'whole'): Promise<boolean>;
  /** What the latest run changed against the one it extends (null unless it extends a graph run). */
  changes: { from: string; changes: ClassRunChanges } | null;
  /** Samples with a signature (what a re-run would cluster), for the memory check of a full re-run. */
  signatureSamples: number;
  engine: EngineClient;
}

type Loaded = Pick<AnalysisState, 'tablesVersion' | 'compounds' | 'calibration' | 'classRun' | 'problem' | 'classRunUnreadable' | 'changes' | 'signatureSamples'>;
const Context = createContext<AnalysisState | null>(null);

export function AnalysisProvider({ session, children }: { session: OpenWorkspace; children: ReactNode }) {
  const wb = useWorkbench();
  const [state, setState] = useState<Loaded>({ tablesVersion: 0, compounds: [], calibration: null, classRun: null, problem: null, classRunUnreadable: false, changes: null, signatureSamples: 0 });
  const [nonce, setNonce] = useState(0);
  const engine = useMemo(() => new EngineClient(), []);
  useEffect(() => () => engine.dispose(), [engine]);

  // Not while a long task (an import, a calibration) changes the database under the queries: after it.
  const busy = wb.task !== null;
  const host = wb.host;
  const built = useRef<unknown[]>([]);
  useEffect(() => {
    if (busy || (built.current[0] === session && built.current[1] === nonce)) return;
    built.current = [session, nonce];
    let cancelled = false;
    let finished = false;
    (async () => {
      const { db, ws } = session;
      markOpen('analysis-start');
      await ensureAnalysisTables(db);
      // Every record that cannot be read is named (a damaged calibration must not hide a damaged class run).
      const problems: string[] = [];
      const read = async <T,>(what: string, f: () => Promise<T | null>): Promise<T | null> => {
        try {
          return await f();
        } catch (e) {
          problems.push(`The ${what} could not be read: ${(e as Error).message}. Run it again, or restore the workspace folder from a backup.`);
          return null;
        }
      };
      const calibration = await read('calibration in force', () => calibrationForView(ws));
      const unreadBefore = problems.length;
      const classRun = await read('latest class run', () => latestClassRun(ws));
      const classRunUnreadable = problems.length > unreadBefore;
      const signatureCompounds = classRun?.record.settings.signature.compounds;
      const nonDetects = classRun ? recordedNonDetects(classRun.record.settings.signature) : undefined;
      // Kept between opens under the key of everything they come from (ui-tables-cache.ts); computed when not kept.
      const key = await signatureTablesKey(ws, session.dictionary, signatureCompounds, nonDetects);
      const signatures = await signatureTables(db, host, session.ref.handle, key, signatureCompounds, nonDetects);
      if (classRun) await putClasses(db, classRun.data.sampleIds, classRun.data.classIds);
      else await db.query('DELETE FROM ui_classes');
      // The same run, read once, as tables for the SQL console and exports (sample_classes, class_summaries).
      await registerClassRun(db, classRun);
      const compounds = (await db.query('SELECT compound FROM ui_compounds ORDER BY k')).getChild('compound')!.toArray() as string[];
      const signatureSamples = Number((await db.query('SELECT count(*) AS n FROM ui_signatures')).getChild('n')!.get(0));
      const method = classRun?.record.method;
      const from = method?.kind === 'threshold-graph' ? method.extended_from : null;
      const before = from ? await read(`class run ${from}`, () => loadClassRun(ws, from)) : null;
      const changes = from && before && classRun ? { from, changes: classRunChanges(before.data, classRun.data) } : null;
      if (cancelled) return;
      finished = true;
      const problem = problems.length ? problems.join(' ') : null;
      setState((s) => ({ tablesVersion: s.tablesVersion + 1, compounds: [...compounds], calibration, classRun, problem, classRunUnreadable, changes, signatureSamples }));
      markOpen('analysis-ready');
      // Kept for the next open once the views are drawn (a cache: a failure costs the next open its speed only).
      if (signatures === 'computed') {
        setTimeout(() => {
          if (cancelled) return;
          signatureTablesBundle(db)
            .then((bytes) => host['workspace:view-cache-save']({ handle: session.ref.handle, key, bytes }))
            .catch(() => undefined);
        }, 1000);
      }
    })().catch((e: Error) => !cancelled && setState((s) => ({ ...s, problem: `The views could not be prepared: ${e.message}` })));
    return () => {
      cancelled = true;
      // Interrupted before the end (the workspace changed again): the next run builds afresh.
      if (!finished) built.current = [];
    };
  }, [session, nonce, busy, host]);

  const author = useCallback(() => ({ analyst: wb.analyst, appVersion: wb.info?.version ?? __APP_VERSION__ }), [wb.analyst, wb.info]);

  const calibrate = useCallback(
    async (acceptedFpr: number, pairs?: { rule: PairRule; excludeCompounds: string[] }) => {
      const done = await wb.runTask('Calibrating the link threshold…', (progress, signal) =>
        calibrateWorkspace(session.ws, session.db, {
          engine,
          author: author(),
          settings: { acceptedFpr },
          pairRule: pairs?.rule,
          selection: pairs?.excludeCompounds.length ? { excludeCompounds: pairs.excludeCompounds } : undefined,
          signal,
          onProgress: (p) => progress(p.fraction, `Calibrating: ${p.stage} (${Math.round(p.fraction * 100)} %)`),
        }),
      );
      if (done) setNonce((n) => n + 1);
      return done !== undefined;
    },
    [wb, session, engine, author],
  );

  const calibration = state.calibration;
  const classes = useCallback(async (settings?: ClassRunSettings) => {
    // The pairs and compounds of the calibration in force, so that its combination applies and the cut is chosen on the same pairs.
    const excluded = calibration?.inputs.signature.excluded_compounds ?? [];
    const done = await wb.runTask('Running the classes…', (progress, signal) =>
      runClasses(session.ws, session.db, {
        engine,
        author: author(),
        settings,
        pairRule: calibration?.inputs.pairs_rule,
        selection: excluded.length ? { excludeCompounds: excluded } : undefined,
        signal,
        onProgress: (p) => progress(p.fraction, `Classes: ${p.stage} (${Math.round(p.fraction * 100)} %)`),
      }),
    );
    if (done) setNonce((n) => n + 1);
    return done !== undefined;
  }, [wb, session, engine, author, calibration]);

  const graphClasses = useCallback(
    async (mode: 'extend' | 'whole') => {
      const last = state.classRun?.record;
      const how = mode === 'extend' && last ? extensionOptions(last) : {};
      const done = await wb.runTask(mode === 'extend' ? 'Extending the classes…' : 'Classes from the threshold graph…', (progress, signal) =>
        runGraphClasses(session.ws, session.db, {
          ...how,
          engine,
          author: author(),
          signal,
          onProgress: (p) => progress(p.fraction, `Classes: ${p.stage} (${Math.round(p.fraction * 100)} %)`),
        }),
      );
      if (done) setNonce((n) => n + 1);
      return done !== undefined;
    },
    [wb, session, engine, author, state.classRun],
  );

  // The manifest is read afresh whenever the session changes (every import and save bumps it).
  const manifest = session.ws.manifest;
  const fresh = useMemo(
    () => ({
      calibration: state.calibration ? freshness(manifest, state.calibration) : null,
      classRun: state.classRun ? freshness(manifest, state.classRun.record) : null,
    }),
    [manifest, state.calibration, state.classRun],
  );

  const bringUpToDate = useCallback(async () => {
    const cal = state.calibration;
    // Calibrated again on the same pairs and compounds as the calibration in force, at the same accepted rate.
    const pairs = cal?.inputs.pairs_rule ? { rule: cal.inputs.pairs_rule, excludeCompounds: [...(cal.inputs.signature.excluded_compounds ?? [])] } : undefined;
    if (cal && fresh.calibration && !fresh.calibration.current && !(await calibrate(cal.accepted_fpr, pairs))) return false;
    return classes();
  }, [state.calibration, fresh.calibration, calibrate, classes]);

  const value = useMemo(() => ({ ...state, freshness: fresh, bringUpToDate, calibrate, runClasses: classes, graphClasses, engine }), [state, fresh, bringUpToDate, calibrate, classes, graphClasses, engine]);
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export function useAnalysis(): AnalysisState {
  const a = useContext(Context);
  if (!a) throw new Error('useAnalysis outside AnalysisProvider');
  return a;
}
