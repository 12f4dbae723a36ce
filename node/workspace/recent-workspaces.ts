/**
 * The recent-workspaces list (recent-workspaces.json in the user-data folder): its schema, version,
 * migrations and defaults in one place, like the workspace manifest. A missing file is an empty list; an
 * unreadable one is reported and replaced by an empty list on the next save, never a reason not to start.
 */
import { promises as fs } from 'node:fs';
import { z } from 'zod';
import { defineFormat } from '../../shared/workspace/define-format';
import { writeFileAtomic } from '../files/atomic-write';

export const RECENT_FORMAT = 'signature-workbench/recent-workspaces';
export const RECENT_VERSION = 1;
/** How many workspaces the list keeps, most recently opened first. */
export const MAX_RECENT = 10;

export const RecentWorkspace = z.object({
  /** Absolute folder path. */
  path: z.string().min(1).max(4096),
  name: z.string().min(1).max(200),
  /** ISO 8601 time it was last opened or created. */
  opened_at: z.string(),
});
export type RecentWorkspace = z.infer<typeof RecentWorkspace>;

export const RecentFileV1 = z.object({
  format: z.literal(RECENT_FORMAT),
  schema_version: z.literal(1),
  workspaces: z.array(RecentWorkspace).max(100),
});
export type RecentFile = z.infer<typeof RecentFileV1>;

/** The file's format (version 1 is the first, so there are no migrations yet). */
export const recentFormat = defineFormat({ format: RECENT_FORMAT, version: RECENT_VERSION, migrations: {}, schema: RecentFileV1, defaults: { workspaces: [] }, what: 'a recent-workspaces list' });

export function emptyRecent(): RecentFile {
  return recentFormat.create({});
}

/** Parses and migrates the file's JSON; throws an Error saying what is wrong. */
export function readRecent(raw: unknown): RecentFile {
  return recentFormat.read(raw, 'recent-workspaces.json');
}

/** The list in `file`, or an empty one with the reason when the file is missing or unreadable. */
export async function loadRecent(file: string): Promise<{ recent: RecentFile; problem: string | null }> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { recent: emptyRecent(), problem: null };
    return { recent: emptyRecent(), problem: `${file}: ${(e as Error).message}` };
  }
  try {
    return { recent: readRecent(JSON.parse(text)), problem: null };
  } catch (e) {
    return { recent: emptyRecent(), problem: `${file}: ${(e as Error).message}` };
  }
}

export async function saveRecent(file: string, recent: RecentFile): Promise<void> {
  const checked = RecentFileV1.parse(recent);
  await writeFileAtomic(file, new TextEncoder().encode(JSON.stringify(checked, null, 2) + '\n'));
}

/** The list with `entry` first, any older entry for the same folder removed, cut to MAX_RECENT. */
export function withRecent(recent: RecentFile, entry: RecentWorkspace): RecentFile {
  const rest = recent.workspaces.filter((w) => w.path !== entry.path);
  return { ...recent, workspaces: [entry, ...rest].slice(0, MAX_RECENT) };
}
