/**
 * Paths inside a workspace: relative, POSIX, no "..", no absolute roots. Every host checks them with this
 * schema so that no call can reach outside the workspace folder.
 */
import { z } from 'zod';

const segment = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
/** The temporary file of an atomic write (node/files/atomic-write.ts): hidden, but recovery must be able to remove it. */
const temporary = /^\.[A-Za-z0-9][A-Za-z0-9._-]{0,127}\.[0-9a-f]{12}\.tmp$/;

export const workspaceRelativePath = z
  .string()
  .max(512)
  .refine((p) => p === '' || p.split('/').every((s, i, all) => (segment.test(s) || (i === all.length - 1 && temporary.test(s))) && s !== '..' && s !== '.'), {
    message: 'must be a relative path inside the workspace (letters, digits, . _ -; no "..")',
  });

/** The fixed layout of a workspace folder. */
export const layout = {
  manifest: 'workspace.json',
  audit: 'audit.jsonl',
  /** The writer's lock (shared/workspace/lock.ts). */
  lock: 'workspace.lock',
  /** A write's intent, logged before its files (shared/workspace/commit.ts); present only while a write is under way or was cut. */
  intent: 'workspace.intent.json',
  /** Where recovery moves files that nothing names (shared/workspace/recovery.ts). */
  lostAndFound: 'lost-and-found',
  batchesDir: 'batches',
  quarantineDir: 'quarantine',
  calibrationsDir: 'calibrations',
  classesDir: 'classes',
  /** Other labs' profiles received (shared/sharing/external-sources.ts). */
  sourcesDir: 'sources',
  configDir: 'config',
  batchFile: (batchId: string) => `batches/${batchId}.arrow`,
  quarantineFile: (batchId: string) => `quarantine/${batchId}.arrow`,
} as const;

/** The folders whose files the manifest names: a file in them that it does not name is a leftover (recovery moves it aside). */
export const MANAGED_DIRS = [layout.batchesDir, layout.quarantineDir, layout.calibrationsDir, layout.classesDir, layout.sourcesDir, layout.configDir] as const;

/** The managed folders whose files the records in config/ name (not the manifest itself). */
export const RECORD_DATA_DIRS = [layout.calibrationsDir, layout.classesDir, layout.sourcesDir] as const;

/** A temporary file of an atomic write (node/files/atomic-write.ts names them `.<name>.<12 hex digits>.tmp`). */
export const isTemporaryFile = (name: string): boolean => temporary.test(name);
