/**
 * The analyst's preferences on this computer: the theme (follows the system unless overridden),
 * investigator mode (the same views, read-only, without import or settings, with the columns of the
 * active redaction profile hidden) and how large point sets are drawn (WebGL, or Canvas 2D for a graphics
 * driver that draws them wrong), and, in the web build, the analyst's name that every audit line, annotation, run and
 * report records (the desktop app records the signed-in user, as the CLI does). Kept in localStorage: they belong to
 * the person at the screen, not to the workspace.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';

export type ThemeChoice = 'system' | 'light' | 'dark';
export type Theme = 'light' | 'dark';
/** How PointsCanvas draws its points: WebGL 2 when the browser has it (Canvas 2D otherwise), or always Canvas 2D. */
export type PointRenderer = 'webgl' | 'canvas';

interface Stored {
  theme: ThemeChoice;
  investigator: boolean;
  /** Redaction profile applied in investigator mode (shared/exporting/redaction.ts). */
  profile: string;
  pointRenderer: PointRenderer;
  /** Who acts, in the web build: asked once, before any workspace is opened (null until given). */
  analystName: string | null;
}

export const DEFAULT_INVESTIGATOR_PROFILE = 'law-enforcement';
const KEY = 'sigwb.preferences';
export const DEFAULT_POINT_RENDERER: PointRenderer = 'webgl';
const DEFAULTS: Stored = { theme: 'system', investigator: false, profile: DEFAULT_INVESTIGATOR_PROFILE, pointRenderer: DEFAULT_POINT_RENDERER, analystName: null };

/** An analyst's name as the audit log records it: trimmed, 1–100 characters, no control characters; null when not one. */
export function cleanAnalystName(raw: unknown): string | null {
  if (typeof raw !== 'string') return null;
  const name = raw.replace(/\s+/g, ' ').trim();
  // eslint-disable-next-line no-control-regex
  return name.length >= 1 && name.length <= 100 && !/[\u0000-\u001f\u007f-\u009f]/.test(name) ? name : null;
}

/** `?renderer=canvas` or `?renderer=webgl` in the address overrides the stored choice for this window, without storing it (tests, `npm run web`). */
function rendererFromUrl(): PointRenderer | null {
  const r = new URLSearchParams(window.location.search).get('renderer');
  return r === 'canvas' || r === 'webgl' ? r : null;
}

function load(): Stored {
  try {
    const raw = JSON.parse(localStorage.getItem(KEY) ?? '{}') as Partial<Stored>;
    return {
      theme: raw.theme === 'light' || raw.theme === 'dark' ? raw.theme : 'system',
      investigator: raw.investigator === true,
      profile: typeof raw.profile === 'string' && /^[a-z0-9-]{1,64}$/.test(raw.profile) ? raw.profile : DEFAULT_INVESTIGATOR_PROFILE,
      pointRenderer: raw.pointRenderer === 'canvas' || raw.pointRenderer === 'webgl' ? raw.pointRenderer : DEFAULT_POINT_RENDERER,
      analystName: cleanAnalystName(raw.analystName),
    };
  } catch {
    return DEFAULTS;
  }
}

/** The analyst's name as stored (web build), outside React: the browser host records it as the writer of the workspace's lock and of the lines it writes. */
export function storedAnalystName(): string | null {
  return load().analystName;
}

interface Preferences extends Stored {
  /** The theme in force (the system's when the choice is 'system'). */
  resolved: Theme;
  setTheme(choice: ThemeChoice): void;
  /** Switches to the other theme than the one shown (the menu's Toggle theme). */
  toggleTheme(): void;
  setInvestigator(on: boolean, profile?: string): void;
  setPointRenderer(renderer: PointRenderer): void;
  /** Sets the analyst's name (web build); refuses what cleanAnalystName refuses. */
  setAnalystName(name: string): boolean;
}

const Context = createContext<Preferences | null>(null);

const darkQuery = () => window.matchMedia?.('(prefers-color-scheme: dark)');

export function PreferencesProvider({ children }: { children: ReactNode }) {
  const [stored, setStored] = useState<Stored>(load);
  const [urlRenderer, setUrlRenderer] = useState(rendererFromUrl);
  const [systemDark, setSystemDark] = useState(() => darkQuery()?.matches ?? false);

  useEffect(() => {
    const q = darkQuery();
    if (!q) return;
    const on = () => setSystemDark(q.matches);
    q.addEventListener('change', on);
    return () => q.removeEventListener('change', on);
  }, []);

  useEffect(() => {
    localStorage.setItem(KEY, JSON.stringify(stored));
  }, [stored]);

  const resolved: Theme = stored.theme === 'system' ? (systemDark ? 'dark' : 'light') : stored.theme;
  useEffect(() => {
    // The stylesheet reads data-theme; 'system' leaves it to prefers-color-scheme.
    if (stored.theme === 'system') delete document.documentElement.dataset.theme;
    else document.documentElement.dataset.theme = stored.theme;
  }, [stored.theme]);

  const setTheme = useCallback((theme: ThemeChoice) => setStored((s) => ({ ...s, theme })), []);
  const toggleTheme = useCallback(() => setStored((s) => ({ ...s, theme: resolved === 'dark' ? 'light' : 'dark' })), [resolved]);
  const setInvestigator = useCallback((investigator: boolean, profile?: string) => setStored((s) => ({ ...s, investigator, profile: profile ?? s.profile })), []);

  const setPointRenderer = useCallback((pointRenderer: PointRenderer) => {
    setUrlRenderer(null);
    setStored((s) => ({ ...s, pointRenderer }));
  }, []);

  const setAnalystName = useCallback((raw: string) => {
    const analystName = cleanAnalystName(raw);
    if (analystName !== null) setStored((s) => ({ ...s, analystName }));
    return analystName !== null;
  }, []);

  const value = useMemo(
    () => ({ ...stored, pointRenderer: urlRenderer ?? stored.pointRenderer, resolved, setTheme, toggleTheme, setInvestigator, setPointRenderer, setAnalystName }),
    [stored, urlRenderer, resolved, setTheme, toggleTheme, setInvestigator, setPointRenderer, setAnalystName],
  );
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export function usePreferences(): Preferences {
  const p = useContext(Context);
  if (!p) throw new Error('usePreferences outside PreferencesProvider');
  return p;
}
