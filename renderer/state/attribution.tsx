/**
 * Route evidence, precursor profiles and nearest known sources (shared/attribution) for the samples and
 * classes on view. Computed only on the cheap path: a calibration in force and a class run made with it
 * (otherwise attribution would re-cluster on this thread); the routes called go into sample_routes for the
 * Samples table and the PCA. Reference samples of known route sharpen the calls; without any, the
 * library's marker rules alone speak.
 *
 * The signatures, calibration and classes are loaded here (queries to the DuckDB worker, decoded on this thread)
 * and the attribution is computed in the engine worker (renderer/engine), as a task with progress and Cancel. It
 * runs by itself after each class run up to AUTO_LIMIT samples; above, the analyst starts it (“Compute route
 * evidence”), because this thread still decodes the signatures and unpacks the result (see AUTO_LIMIT).
 */
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { loadReferenceSamples } from '../../shared/attribution/reference-tags';
import { attributeWorkspace, type WorkspaceAttribution } from '../../shared/attribution/workspace-attribution';
import { DEFAULT_SIGNATURE_LIBRARY } from '../../shared/attribution/default-library';
import { putRoutes } from '../data/ui-tables';
import { useAnalysis } from './analysis';
import { useWorkbench, type OpenWorkspace } from './workbench';

export interface AttributionState {
  result: WorkspaceAttribution | null;
  /** Why there is none (no class run with the calibration in force, no drug of the library …). */
  note: string | null;
  /** Bumped when sample_routes changed. */
  routesVersion: number;
  /** Computes it now (when it did not run by itself); null when it cannot run. */
  compute: (() => void) | null;
}

/**
 * Samples up to which the attribution runs by itself after each class run. The computing is in the engine worker;
 * this thread keeps the work that grows with the samples: decoding the signatures, reading the calibration and the
 * class run, unpacking the result (shared/analysis/packed-samples.ts). Measured in Node at 10,000 samples: 60–150 ms
 * of loading spread over several tasks and 30–160 ms of unpacking in one; at 5,000 each piece stays under the
 * 100 ms an interaction may block (bench/ui). Above, the analyst starts it.
 */
export const AUTO_LIMIT = 5000;

const Context = createContext<AttributionState>({ result: null, note: null, routesVersion: 0, compute: null });

export function AttributionProvider({ session, children }: { session: OpenWorkspace; children: ReactNode }) {
  const analysis = useAnalysis();
  const wb = useWorkbench();
  const [state, setState] = useState<Omit<AttributionState, 'compute'>>({ result: null, note: null, routesVersion: 0 });
  const [asked, setAsked] = useState(0);
  const cal = analysis.calibration;
  const run = analysis.classRun?.record;
  const usable = !!cal && !!run && run.settings.calibration_id === cal.id;
  const auto = (run?.inputs.samples ?? Infinity) <= AUTO_LIMIT;
  const { runTask } = wb;
  const { engine } = analysis;

  useEffect(() => {
    if (!analysis.tablesVersion) return;
    let live = true;
    const set = (result: WorkspaceAttribution | null, note: string | null, routes = false) =>
      live && setState((s) => ({ result, note, routesVersion: s.routesVersion + (routes ? 1 : 0) }));
    if (!usable) {
      set(null, 'Route evidence and sources come with a class run made with the calibration in force: calibrate, then run the classes.');
      return;
    }
    if (!auto && asked === 0) {
      set(null, `Route evidence is computed on request above ${AUTO_LIMIT.toLocaleString('en-CA')} samples: choose “Compute route evidence”.`);
      return;
    }
    // A run made stale (the workspace or its class run changed) is cancelled: the engine runs one request at a time.
    const stale = new AbortController();
    void runTask('Computing route evidence…', async (progress, signal) => {
      const cancel = () => stale.abort(signal.reason);
      signal.addEventListener('abort', cancel, { once: true });
      try {
        const refs = await loadReferenceSamples(session.ws);
        const drugs = await session.db.query('SELECT main_drug, count(*) AS n FROM samples WHERE main_drug IS NOT NULL GROUP BY 1 ORDER BY n DESC');
        const names = Array.from(drugs.getChild('main_drug')?.toArray() ?? [], String);
        const known = DEFAULT_SIGNATURE_LIBRARY.drugs.map((d) => d.drug.toLowerCase());
        const drug = refs.samples[0]?.drug ?? names.find((d) => known.includes(d.toLowerCase()));
        if (!drug) return set(null, 'No sample is of a drug the signature library knows routes for.');
        const t0 = performance.now();
        const result = await attributeWorkspace(
          session.ws,
          session.db,
          refs.samples.filter((t) => t.drug === drug).map((t) => ({ sampleId: t.sample_id, route: t.route, source: t.source, drug: t.drug })),
          {
            drug,
            engine,
            signal: stale.signal,
            onProgress: (p) => progress(p.fraction, `Route evidence: ${p.stage} (${Math.round(p.fraction * 100)} %)`),
          },
        );
        // Kept for the browser benchmark (bench/ui): the whole run, from the first query to the result received.
        performance.measure('sigwb:attribution', { start: t0, end: performance.now() });
        if (!live) return;
        await putRoutes(session.db, result.result.samples.map((s) => s.sampleId), result.result.samples.map((s) => s.call.route), run?.id ?? null);
        set(result, refs.samples.length ? null : 'No reference samples of known route are tagged: routes come from the library’s marker rules alone, and sources are not assessed.', true);
      } catch (e) {
        if (!live) return;
        if (signal.aborted) return set(null, 'Route evidence was cancelled: choose “Compute route evidence” to start it again.');
        set(null, `Route evidence could not be computed: ${(e as Error).message}`);
        throw e;
      } finally {
        signal.removeEventListener('abort', cancel);
      }
    });
    return () => {
      live = false;
      stale.abort();
    };
  }, [session, analysis.tablesVersion, usable, auto, asked, runTask, engine, run?.id]);

  const compute = useCallback(() => setAsked((n) => n + 1), []);
  return <Context.Provider value={{ ...state, compute: usable ? compute : null }}>{children}</Context.Provider>;
}

export function useAttribution(): AttributionState {
  return useContext(Context);
}
