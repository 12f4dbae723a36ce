/**
 * The engine cache on the Node file system (shared/db/engine-cache.ts): engine/<key>.duckdb beside the batches,
 * attached read-only. A file is written under a temporary name by DuckDB, fsynced and renamed over the old one, so a
 * reader sees the old file or the new one; two processes rebuilding at once write the same content. Temporary files
 * left by a crash are removed at the next save.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { sqlIdent, sqlString, type Database } from '../../shared/db/Database';
import { defineEngineViews, ENGINE, engineAlias, engineSaveStatements, stampMatches, type EngineCache } from '../../shared/db/engine-cache';

/** Temporary files older than this are left by a crash, not by a save under way. */
const STALE_TEMP_MS = 10 * 60 * 1000;

/** Flushes a file or folder to disk. */
export function fsyncPath(p: string): void {
  const fd = openSync(p, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** The engine cache's folder of a workspace: the one folder its confined database may reach (allowed_directories). */
export function engineDirectory(root: string): string {
  return path.join(root, ENGINE.dir);
}

/** An EngineCache for the workspace folder `root`. */
export function nodeEngineCache(root: string): EngineCache {
  const dir = engineDirectory(root);
  return {
    async attach(db: Database, key: string, source: string, tables: readonly string[]): Promise<boolean> {
      const file = path.join(root, ENGINE.file(key));
      const alias = engineAlias(key);
      try {
        statSync(file);
      } catch {
        return false;
      }
      try {
        await db.query(`ATTACH ${sqlString(file)} AS ${sqlIdent(alias)} (READ_ONLY)`);
      } catch {
        // Unreadable (another storage version, a damaged block): rebuilt from the batch.
        return false;
      }
      if (!(await stampMatches(db, alias, source).catch(() => false))) {
        await db.query(`DETACH ${sqlIdent(alias)}`);
        return false;
      }
      await defineEngineViews(db, alias, tables);
      return true;
    },

    async save(db: Database, key: string, source: string, tables: readonly string[]): Promise<void> {
      const temp = path.join(dir, `.tmp-${key}-${process.pid}-${Math.random().toString(36).slice(2, 8)}.duckdb`);
      const alias = `${engineAlias(key)}_new`;
      try {
        mkdirSync(dir, { recursive: true });
        removeStaleTemps(dir);
        await db.query(`ATTACH ${sqlString(temp)} AS ${sqlIdent(alias)}`);
        try {
          for (const s of engineSaveStatements(alias, source, tables)) await db.query(s);
        } finally {
          await db.query(`DETACH ${sqlIdent(alias)}`);
        }
        fsyncPath(temp);
        renameSync(temp, path.join(root, ENGINE.file(key)));
        fsyncPath(dir);
      } catch {
        // A cache that cannot be written (read-only folder, disk full) costs speed, never data.
        for (const f of [temp, `${temp}.wal`]) {
          try {
            rmSync(f, { force: true });
          } catch {
            // Nothing was written there.
          }
        }
      }
    },
  };
}

/** Removes temporary engine files a crash left (older than STALE_TEMP_MS). */
export function removeStaleTemps(dir: string): void {
  const now = Date.now();
  for (const name of readdirSync(dir)) {
    if (!name.startsWith('.tmp-')) continue;
    const p = path.join(dir, name);
    try {
      if (now - statSync(p).mtimeMs > STALE_TEMP_MS) rmSync(p, { force: true });
    } catch {
      // Removed by another process meanwhile.
    }
  }
}
