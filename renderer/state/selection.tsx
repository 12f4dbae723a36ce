/**
 * The samples the analyst has selected, shared by every view: selecting in one (a table row, a point of
 * the map or the PCA, a dendrogram branch, a case of the network) highlights them in all the others.
 * Kept in a small store read with useSyncExternalStore, so that a selection change re-renders only the
 * components that read it, not the whole workbench.
 */
import { createContext, useContext, useMemo, useSyncExternalStore, type ReactNode } from 'react';

export type SelectMode = 'replace' | 'add' | 'toggle';

export interface Selection {
  ids: ReadonlySet<string>;
  /** The view the selection was made in, for the status line ("12 samples selected in Map"). */
  origin: string | null;
}

export interface SelectionStore {
  get(): Selection;
  subscribe(listener: () => void): () => void;
  select(ids: Iterable<string>, origin: string, mode?: SelectMode): void;
  clear(): void;
}

const EMPTY: Selection = { ids: new Set(), origin: null };

export function createSelectionStore(): SelectionStore {
  let state = EMPTY;
  const listeners = new Set<() => void>();
  const set = (next: Selection) => {
    state = next;
    listeners.forEach((l) => l());
  };
  return {
    get: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    select(ids, origin, mode = 'replace') {
      const next = mode === 'replace' ? new Set<string>() : new Set(state.ids);
      for (const id of ids) {
        if (mode === 'toggle' && next.has(id)) next.delete(id);
        else next.add(id);
      }
      set({ ids: next, origin });
    },
    clear() {
      if (state.ids.size) set(EMPTY);
    },
  };
}

const Context = createContext<SelectionStore | null>(null);

export function SelectionProvider({ children }: { children: ReactNode }) {
  const store = useMemo(createSelectionStore, []);
  return <Context.Provider value={store}>{children}</Context.Provider>;
}

export function useSelectionStore(): SelectionStore {
  const store = useContext(Context);
  if (!store) throw new Error('useSelectionStore outside SelectionProvider');
  return store;
}

/** The current selection; re-renders the caller when it changes. */
export function useSelection(): Selection {
  const store = useSelectionStore();
  return useSyncExternalStore(store.subscribe, store.get);
}

/** The select mode a pointer event asks for: Ctrl/Cmd toggles, Shift adds, a plain click replaces. */
export function modeOf(e: { ctrlKey: boolean; metaKey: boolean; shiftKey: boolean }): SelectMode {
  return e.ctrlKey || e.metaKey ? 'toggle' : e.shiftKey ? 'add' : 'replace';
}
