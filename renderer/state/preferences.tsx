/**
 * The analyst's preferences on this computer: the theme (follows the system unless overridden) and
 * investigator mode (the same views, read-only, without import or settings, with the columns of the
 * active redaction profile hidden). Kept in localStorage: they belong to the person at the screen, not
 * to the workspace.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';

export type ThemeChoice = 'system' | 'light' | 'dark';
export type Theme = 'light' | 'dark';

interface Stored {
  theme: ThemeChoice;
  investigator: boolean;
  /** Redaction profile applied in investigator mode (shared/exporting/redaction.ts). */
  profile: string;
}

export const DEFAULT_INVESTIGATOR_PROFILE = 'law-enforcement';
const KEY = 'sigwb.preferences';
const DEFAULTS: Stored = { theme: 'system', investigator: false, profile: DEFAULT_INVESTIGATOR_PROFILE };

function load(): Stored {
  try {
    const raw = JSON.parse(localStorage.getItem(KEY) ?? '{}') as Partial<Stored>;
    return {
      theme: raw.theme === 'light' || raw.theme === 'dark' ? raw.theme : 'system',
      investigator: raw.investigator === true,
      profile: typeof raw.profile === 'string' && /^[a-z0-9-]{1,64}$/.test(raw.profile) ? raw.profile : DEFAULT_INVESTIGATOR_PROFILE,
    };
  } catch {
    return DEFAULTS;
  }
}

interface Preferences extends Stored {
  /** The theme in force (the system's when the choice is 'system'). */
  resolved: Theme;
  setTheme(choice: ThemeChoice): void;
  /** Switches to the other theme than the one shown (the menu's Toggle theme). */
  toggleTheme(): void;
  setInvestigator(on: boolean, profile?: string): void;
}

const Context = createContext<Preferences | null>(null);

const darkQuery = () => window.matchMedia?.('(prefers-color-scheme: dark)');

export function PreferencesProvider({ children }: { children: ReactNode }) {
  const [stored, setStored] = useState<Stored>(load);
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

  const value = useMemo(() => ({ ...stored, resolved, setTheme, toggleTheme, setInvestigator }), [stored, resolved, setTheme, toggleTheme, setInvestigator]);
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export function usePreferences(): Preferences {
  const p = useContext(Context);
  if (!p) throw new Error('usePreferences outside PreferencesProvider');
  return p;
}
