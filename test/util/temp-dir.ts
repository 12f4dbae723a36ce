import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';

/** A fresh temporary folder; removed by the returned cleanup. */
export function tempDir(prefix = 'sigwb-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Every file under a folder with its SHA-256: compare before and after to prove nothing changed. A workspace's
 * engine/ folder is left out unless asked for: it is a cache that any command may write (shared/db/engine-cache.ts),
 * not part of the record.
 */
export function snapshotTree(dir: string, options: { engine?: boolean } = {}): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = path.join(d, name);
      if (!options.engine && d === dir && name === 'engine') continue;
      if (statSync(p).isDirectory()) walk(p);
      else out[path.relative(dir, p)] = createHash('sha256').update(readFileSync(p)).digest('hex');
    }
  };
  walk(dir);
  return out;
}
