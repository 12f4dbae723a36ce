/**
 * The workbench session: the host, the engine (duckdb-wasm in its worker), the open workspace and the
 * long task under way (with progress and Cancel). Screens read it through `useWorkbench()`.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { AppInfo, Host, WorkspaceRef } from '../../shared/host/contract';
import type { Database } from '../../shared/db/Database';
import { openInDatabase } from '../../shared/db/workspace-views';
import { ENGINE } from '../../shared/db/engine-cache';
import { workspaceEngineCache, type WorkspaceEngineUse } from '../../shared/db/workspace-engine-cache';
import type { CompoundDictionary } from '../../shared/domain/compound-dictionary';
import { loadDictionary } from '../../shared/domain/workspace-dictionary';
import type { Vocabularies } from '../../shared/domain/vocabulary';
import { loadVocabularies } from '../../shared/domain/workspace-vocabulary';
import { Workspace } from '../../shared/workspace/Workspace';
import { HostFileStore } from '../host/host-file-store';
import { detectHost } from '../host/index';
import { hasElectronHost } from '../host/electron-host';
import { openWorkerDatabase } from '../db/worker-database';
import { ENGINE_STARTED_MARK, markOpen, markOpenStart } from './open-marks';
import { usePreferences } from './preferences';

export interface Task {
  label: string;
  /** 0–1, or null when the length is not known. */
  fraction: number | null;
  cancel?: () => void;
}

export interface OpenWorkspace {
  ref: WorkspaceRef;
  ws: Workspace;
  db: Database;
  dictionary: CompoundDictionary;
  /** The controlled vocabularies in force (region, form, main drug). */
  vocabularies: Vocabularies;
  /** Bumped after every change to the workspace, so that views re-query. */
  version: number;
  /** What the open read from the app's engine file (shared/db/workspace-engine-cache.ts). */
  engine: WorkspaceEngineUse;
}

interface WorkbenchState {
  host: Host;
  info: AppInfo | null;
  /**
   * Who acts, as every audit line, batch, run, annotation and report records it: the signed-in user on the desktop (as
   * the CLI: SIGWB_ANALYST, else the OS user), the name the analyst gave in the web build; '' until known.
   */
  analyst: string;
  current: OpenWorkspace | null;
  task: Task | null;
  error: string | null;
  setError(message: string | null): void;
  /** Runs a long task with progress; the callback reports progress and sees the AbortSignal. */
  runTask<T>(label: string, work: (progress: (fraction: number | null, label?: string) => void, signal: AbortSignal) => Promise<T>): Promise<T | undefined>;
  create(name: string): Promise<OpenWorkspace | null>;
  open(handle?: string): Promise<OpenWorkspace | null>;
  close(): Promise<void>;
  /** Call after the workspace changed (an import): refreshes the dictionary and bumps the version. */
  changed(): Promise<void>;
}

const Context = createContext<WorkbenchState | null>(null);

export function useWorkbench(): WorkbenchState {
  const state = useContext(Context);
  if (!state) throw new Error('useWorkbench outside WorkbenchProvider');
  return state;
}

export function WorkbenchProvider({ children }: { children: ReactNode }) {
  const host = useMemo(detectHost, []);
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [current, setCurrent] = useState<OpenWorkspace | null>(null);
  const [task, setTask] = useState<Task | null>(null);
  const [error, setError] = useState<string | null>(null);
  const currentRef = useRef<OpenWorkspace | null>(null);
  currentRef.current = current;
  // The engine for the next open, started with the window (compiling duckdb-wasm takes a good part of a second), so
  // that opening the last workspace does not wait for it. The desktop's may attach the app's engine file.
  const spare = useRef<Promise<Database> | null>(null);
  const takeEngine = useCallback(() => {
    const next = spare.current ?? openWorkerDatabase(hasElectronHost() ? { allowedDirectories: [ENGINE.virtualDir] } : {});
    spare.current = null;
    return next;
  }, []);
  useEffect(() => {
    spare.current ??= openWorkerDatabase(hasElectronHost() ? { allowedDirectories: [ENGINE.virtualDir] } : {});
    spare.current.then(() => performance.mark(ENGINE_STARTED_MARK)).catch(() => (spare.current = null));
  }, []);
  /** Asks the host to bring the app's engine file up to date (in the background: the next open is the faster for it). */
  const refreshEngine = useCallback(
    (ref: WorkspaceRef) => {
      host['workspace:engine-refresh']({ handle: ref.handle }).catch(() => undefined);
    },
    [host],
  );

  useEffect(() => {
    host['app:info']({}).then(setInfo, (e: Error) => setError(e.message));
  }, [host]);

  const runTask = useCallback(async <T,>(label: string, work: (p: (f: number | null, l?: string) => void, s: AbortSignal) => Promise<T>) => {
    const controller = new AbortController();
    const cancel = () => controller.abort();
    setTask({ label, fraction: null, cancel });
    try {
      return await work((fraction, l) => setTask({ label: l ?? label, fraction, cancel }), controller.signal);
    } catch (e) {
      if (!controller.signal.aborted) setError((e as Error).message);
      return undefined;
    } finally {
      setTask(null);
    }
  }, []);

  const load = useCallback(
    async (ref: WorkspaceRef, make: (store: HostFileStore) => Promise<Workspace>) => {
      const result = await runTask(`Opening ${ref.name}…`, async (progress) => {
        // One after the other: on two cores, the engine file's bytes fetched beside the workspace's reads and the
        // engine's start held both up (measured in Chromium on the national workspace: docs/LINKING.md).
        markOpen('chosen');
        const ws = await make(new HostFileStore(host, ref));
        markOpen('workspace-read');
        const dictionary = await loadDictionary(ws);
        const vocabularies = await loadVocabularies(ws);
        markOpen('dictionary-read');
        const db = await takeEngine();
        markOpen('engine-ready');
        // Batches whose engine tables the host's engine file holds (stamped with their SHA-256) are read from it.
        const cache = workspaceEngineCache(
          async () => {
            markOpen('engine-file-asked');
            const bytes = await host['workspace:engine-file']({ handle: ref.handle });
            markOpen('engine-file-received');
            return bytes;
          },
          (step) => markOpen(step === 'registered' ? 'engine-file-registered' : 'engine-file-attached'),
        );
        const onProgress = (done: number, total: number) => {
          if (done === total) markOpen('batches-defined');
          progress(done / Math.max(1, total));
        };
        const views = await openInDatabase(db, ws, dictionary, onProgress, cache, vocabularies);
        markOpen('views-defined');
        // A batch not in the file, or views computed (a dictionary or vocabulary edited since, a file made before
        // they were kept): the host brings the file up to date for the next open.
        if (cache.use.stale > 0 || (ws.manifest.batches.length > 0 && views === 'computed')) refreshEngine(ref);
        return { ref, ws, db, dictionary, vocabularies, version: 1, engine: { ...cache.use } };
      });
      if (result) {
        await currentRef.current?.db.close();
        setCurrent(result);
        markOpen('opened');
      }
      return result ?? null;
    },
    [host, runTask, takeEngine, refreshEngine],
  );

  const { analystName } = usePreferences();
  const analyst = info === null ? '' : info.host === 'browser' ? (analystName ?? '') : info.user;
  // The workspace asks its actor at every write: a name changed in the preferences applies from the next action on.
  const analystRef = useRef(analyst);
  analystRef.current = analyst;
  const actor = useCallback(
    () => ({
      get user() {
        if (!analystRef.current) throw new Error('Say who you are first (your name goes into the audit log)');
        return analystRef.current;
      },
      appVersion: info?.version ?? __APP_VERSION__,
    }),
    [info],
  );

  const create = useCallback(
    async (name: string) => {
      const ref = await host['workspace:create']({ name });
      // Both hosts create the workspace (its first commit) before they answer; the window opens it.
      return ref ? load(ref, (store) => Workspace.open(store, actor())) : null;
    },
    [host, load, actor],
  );

  const open = useCallback(
    async (handle?: string) => {
      markOpenStart();
      const ref = await host['workspace:open']({ handle });
      return ref ? load(ref, (store) => Workspace.open(store, actor())) : null;
    },
    [host, load, actor],
  );

  const close = useCallback(async () => {
    await currentRef.current?.db.close();
    setCurrent(null);
  }, []);

  const changed = useCallback(async () => {
    const cur = currentRef.current;
    if (!cur) return;
    const dictionary = await loadDictionary(cur.ws);
    const vocabularies = await loadVocabularies(cur.ws);
    setCurrent({ ...cur, dictionary, vocabularies, version: cur.version + 1 });
    // An import added a batch: the engine file is rebuilt now rather than at the next open.
    refreshEngine(cur.ref);
  }, [refreshEngine]);

  const value: WorkbenchState = { host, info, analyst, current, task, error, setError, runTask, create, open, close, changed };
  return <Context.Provider value={value}>{children}</Context.Provider>;
}
