/**
 * The workbench's commands: what the command palette lists, with their shortcuts. One list, so that the
 * palette, the shortcut help and the desktop menu say the same thing.
 */
export interface Command {
  id: string;
  title: string;
  /** Palette group. */
  section: 'Go to' | 'Workspace' | 'Reports' | 'Selection' | 'View' | 'Help' | 'Recent';
  /** As shown, e.g. "Ctrl+I"; the key handling lives in use-shortcuts.ts. */
  shortcut?: string;
  /** Extra words the palette matches on. */
  keywords?: string;
  run(): void;
}

/** Ctrl on Windows and Linux, ⌘ on macOS. */
export const MOD = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform) ? '⌘' : 'Ctrl+';

/** Commands whose words contain every word of the query, in order of the list. */
export function matchCommands(commands: readonly Command[], query: string): Command[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...commands];
  return commands.filter((c) => {
    const text = `${c.section} ${c.title} ${c.keywords ?? ''}`.toLowerCase();
    return words.every((w) => text.includes(w));
  });
}
