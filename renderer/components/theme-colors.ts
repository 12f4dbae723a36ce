/**
 * Colours for drawing (plots, canvases) read from the stylesheet's variables, so that plots follow the
 * light and dark themes; and the class colours (class-palette.ts): one per chemical class, grey for samples that
 * are linked to no other (classes of one) or not classified.
 */
import { CLASS_PALETTE } from './class-palette';

export interface ThemeColors {
  text: string;
  muted: string;
  border: string;
  panel: string;
  bg: string;
  accent: string;
  grid: string;
  linked: string;
  unlinked: string;
  selection: string;
  land: string;
}

export function themeColors(): ThemeColors {
  const css = getComputedStyle(document.documentElement);
  const v = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
  return {
    text: v('--text', '#1b1f24'),
    muted: v('--muted', '#5b6470'),
    border: v('--border', '#d9dde3'),
    panel: v('--panel', '#ffffff'),
    bg: v('--bg', '#f6f7f9'),
    accent: v('--accent', '#1f5fa8'),
    grid: v('--grid', '#e6e9ee'),
    linked: v('--linked', '#1e7a46'),
    unlinked: v('--unlinked', '#a4161a'),
    selection: v('--selection', '#f59e0b'),
    land: v('--land', '#eef1f4'),
  };
}

export { CLASS_PALETTE };
export const UNCLASSIFIED = '#9aa1ab';

/**
 * The colour of a class id; `linked` false (a class of one) or a null id is grey. Class ids are numbered by size,
 * so the CLASS_PALETTE.length (24) largest classes never share a colour; beyond that the views name the class.
 */
export function classColor(classId: number | null | undefined, linked = true): string {
  if (classId === null || classId === undefined || classId < 1 || !linked) return UNCLASSIFIED;
  return CLASS_PALETTE[(classId - 1) % CLASS_PALETTE.length];
}
