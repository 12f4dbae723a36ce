/**
 * Where the analyst is: the view, and within it a sample's page or a class card. Views are numbered in
 * the order of the navigation bar, so that keys 1–9 reach them. Back returns to the previous place.
 */
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';

export const VIEWS = [
  { id: 'home', label: 'Home', icon: '⌂', hint: 'Batches, counts, open problems, the calibration in force' },
  { id: 'samples', label: 'Samples', icon: '▤', hint: 'Every sample with its signature, class and route; filters' },
  { id: 'calibration', label: 'Calibration', icon: '◐', hint: 'Linked and unlinked scores, ROC, the threshold' },
  { id: 'classes', label: 'Classes', icon: '⋔', hint: 'Dendrogram, PCA and heatmap of the chemical classes' },
  { id: 'map', label: 'Map', icon: '◎', hint: 'Seizures across Canada coloured by class' },
  { id: 'timeline', label: 'Timeline', icon: '☰', hint: 'Seizures per class over time' },
  { id: 'network', label: 'Network', icon: '✶', hint: 'Cases linked through shared classes' },
  { id: 'data', label: 'Data', icon: '⊞', hint: 'Measurements, batches, compounds, the compound dictionary, the vocabularies, quarantine' },
  { id: 'sql', label: 'SQL console', icon: '›_', hint: 'Read-only SQL over the workspace views' },
] as const;

export type ViewId = (typeof VIEWS)[number]['id'];
export type DataTab = 'measurements' | 'batches' | 'compounds' | 'dictionary' | 'vocabularies' | 'quarantine' | 'sharing';

export interface Place {
  view: ViewId;
  /** A sample's page (Samples view). */
  sampleId?: string;
  /** A class card (Classes view). */
  classId?: number;
  dataTab?: DataTab;
}

interface Navigation {
  place: Place;
  go(place: Place | ViewId): void;
  back(): void;
  canGoBack: boolean;
}

const Context = createContext<Navigation | null>(null);

export function NavigationProvider({ children }: { children: ReactNode }) {
  const [history, setHistory] = useState<Place[]>([{ view: 'home' }]);
  const go = useCallback((to: Place | ViewId) => {
    const place = typeof to === 'string' ? { view: to } : to;
    setHistory((h) => (samePlace(h[h.length - 1], place) ? h : [...h.slice(-49), place]));
  }, []);
  const back = useCallback(() => setHistory((h) => (h.length > 1 ? h.slice(0, -1) : h)), []);
  const value = useMemo(() => ({ place: history[history.length - 1], go, back, canGoBack: history.length > 1 }), [history, go, back]);
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

function samePlace(a: Place, b: Place): boolean {
  return a.view === b.view && a.sampleId === b.sampleId && a.classId === b.classId && a.dataTab === b.dataTab;
}

export function useNavigation(): Navigation {
  const nav = useContext(Context);
  if (!nav) throw new Error('useNavigation outside NavigationProvider');
  return nav;
}
