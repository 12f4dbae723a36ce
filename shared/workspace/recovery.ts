/**
 * Recovery on open, under the workspace lock: what a cut write (a crash, a kill, a full disk) left is finished or
 * rolled back, and the folder is swept, with one `workspace.recover` audit line saying what was done.
 *
 * - An intent (commit.ts) whose manifest was committed: its audit line is written if it is missing (finished).
 * - An intent not committed whose files are all there with their SHA-256: its documents, manifest and audit line
 *   are written (finished). With a file missing: the files it wrote are removed (rolled back). One that wrote files
 *   outside the workspace (an export) is never finished, since those cannot be checked from here: its line says it
 *   was cut and names its outputs, which may exist.
 * - Temporary files of atomic writes are removed; a file in a managed folder that the manifest does not name is
 *   moved to lost-and-found/<time>/, never deleted.
 * Each step can itself be cut and run again: moves are skipped once made, removals of absent files do nothing.
 */
import { sha256Hex } from '../util/sha256';
import { fromUtf8, utf8 } from '../util/text';
import { appendAudit, applyMovesAndRemoves, commitChange, readIntent, type Intent } from './commit';
import type { FileStore, HeldLock } from './file-store';
import { readManifest, type Manifest } from './manifest';
import { isTemporaryFile, layout, MANAGED_DIRS } from './paths';
import { readAuditLines } from './audit';
import { auditedFiles, namedFiles } from './check-chain';

export const RECOVER_ACTION = 'workspace.recover';

/** What recovery did, for the caller to say. */
export interface Recovery {
  /** The cut write and what became of it, or null when there was none. */
  interrupted: { tx: string; action: string; by: string; at: string; outcome: 'finished' | 'rolled back' | 'not recorded' | 'discarded' } | null;
  removed: string[];
  movedAside: { from: string; to: string }[];
  summary: string;
}

/**
 * Files of the managed folders and the root that are leftovers: temporary files, and files that neither the manifest
 * nor any audit line names (every commit's line names each file it wrote: check-chain.ts auditedFiles).
 */
async function leftovers(store: FileStore, manifest: Manifest | null): Promise<{ temporary: string[]; unknown: string[] }> {
  const named = new Set<string>(manifest ? namedFiles(manifest).keys() : []);
  const audit = await store.read(layout.audit);
  for (const path of auditedFiles(await readAuditLines(audit ? new TextDecoder().decode(audit) : '', { verify: false })).keys()) named.add(path);
  const temporary: string[] = [];
  const unknown: string[] = [];
  for (const name of await store.entries('')) if (isTemporaryFile(name)) temporary.push(name);
  for (const dir of MANAGED_DIRS) {
    for (const name of await store.entries(dir)) {
      if (name.endsWith('/')) continue;
      const path = `${dir}/${name}`;
      if (isTemporaryFile(name)) temporary.push(path);
      else if (manifest !== null && !named.has(path)) unknown.push(path);
    }
  }
  return { temporary, unknown };
}

/** Whether anything waits for recovery (an intent, a temporary file, an unnamed file); cheap, no lock. */
export async function needsRecovery(store: FileStore, manifest: Manifest | null): Promise<boolean> {
  if ((await store.read(layout.intent)) !== null) return true;
  const l = await leftovers(store, manifest);
  return l.temporary.length + l.unknown.length > 0;
}

async function readManifestState(store: FileStore): Promise<{ manifest: Manifest | null; sha: string | null }> {
  const bytes = await store.read(layout.manifest);
  if (bytes === null) return { manifest: null, sha: null };
  return { manifest: readManifest(JSON.parse(fromUtf8(bytes)), `${store.location}/${layout.manifest}`), sha: await sha256Hex(bytes) };
}

async function fileMatches(store: FileStore, path: string, sha256: string): Promise<boolean> {
  const bytes = await store.read(path);
  return bytes !== null && (await sha256Hex(bytes)) === sha256;
}

async function auditHasTx(store: FileStore, tx: string): Promise<boolean> {
  const bytes = await store.read(layout.audit);
  // The line is the last one its commit writes; a recovery cut after it may have appended nothing since.
  return bytes !== null && fromUtf8(bytes).includes(`"tx":"${tx}"`);
}

/** Finishes, rolls back or sets aside a cut write's intent; returns its outcome and the files to remove. */
async function settleIntent(store: FileStore, intent: Intent, state: { manifest: Manifest | null; sha: string | null }): Promise<{ outcome: NonNullable<Recovery['interrupted']>['outcome']; remove: string[] }> {
  if (state.sha === intent.manifest_sha256) {
    if (!(await auditHasTx(store, intent.tx))) await appendAudit(store, intent.audit);
    return { outcome: 'finished', remove: [] };
  }
  if (state.sha !== intent.base_sha256) return { outcome: 'discarded', remove: [] };
  const present = [];
  for (const f of intent.files) present.push(await fileMatches(store, f.path, f.sha256));
  if (intent.outside.length === 0 && present.every(Boolean)) {
    for (const d of intent.documents) if (!(await fileMatches(store, d.path, d.sha256))) await store.writeAtomic(d.path, utf8(d.text));
    await applyMovesAndRemoves(store, intent);
    await store.writeAtomic(layout.manifest, utf8(intent.manifest));
    await appendAudit(store, intent.audit);
    return { outcome: 'finished', remove: [] };
  }
  // Files are written before documents, so a missing file means no document of this write was touched.
  const remove = [];
  for (const f of intent.files) if ((await store.read(f.path)) !== null) remove.push(f.path);
  return { outcome: intent.outside.length ? 'not recorded' : 'rolled back', remove };
}

const stamp = (d: Date): string => d.toISOString().replace(/[:.]/g, '-');

function describe(r: Omit<Recovery, 'summary'>, intent: Intent | null, unreadableIntent: string | null): string {
  const parts: string[] = [];
  if (r.interrupted && intent) {
    const what = `the interrupted ${r.interrupted.action} by ${r.interrupted.by} (begun ${r.interrupted.at})`;
    if (r.interrupted.outcome === 'finished') parts.push(`finished ${what}: its files were all written`);
    if (r.interrupted.outcome === 'rolled back') parts.push(`rolled back ${what}: not all of its files were written${intent.files.length ? ` (${intent.files.map((f) => f.path).join(', ')})` : ''}`);
    if (r.interrupted.outcome === 'not recorded') parts.push(`${what} was cut before it was recorded; its output${intent.outside.length === 1 ? '' : 's'} may exist: ${intent.outside.map((o) => `${o.path} (SHA-256 ${o.sha256})`).join(', ')}`);
    if (r.interrupted.outcome === 'discarded') parts.push(`set aside ${what}: the manifest is neither the state it started from nor the one it wrote`);
  }
  if (unreadableIntent) parts.push(`set aside an unreadable ${layout.intent} (${unreadableIntent})`);
  const temps = r.removed.filter((p) => !intent?.files.some((f) => f.path === p));
  if (temps.length) parts.push(`removed ${temps.length} temporary file${temps.length === 1 ? '' : 's'} of cut writes`);
  if (r.movedAside.length) parts.push(`moved ${r.movedAside.length} file${r.movedAside.length === 1 ? '' : 's'} that the manifest does not name to ${r.movedAside[0].to.split('/').slice(0, 2).join('/')}/: ${r.movedAside.map((m) => m.from).join(', ')}`);
  const text = parts.join('; ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * Recovers the workspace (see the module comment) while `lock` is held; returns what was done, or null when there was
 * nothing to do. The `workspace.recover` line is committed like any change (intent first), so a recovery cut in
 * its turn is finished by the next one.
 */
export async function recover(store: FileStore, lock: HeldLock, who: string, now: () => Date): Promise<Recovery | null> {
  const read = await readIntent(store);
  let state = await readManifestState(store);
  let interrupted: Recovery['interrupted'] = null;
  let intent: Intent | null = null;
  let unreadableIntent: string | null = null;
  const removes: string[] = [];
  if (read !== null && 'intent' in read) {
    intent = read.intent;
    const settled = await settleIntent(store, intent, state);
    interrupted = { tx: intent.tx, action: intent.action, by: intent.by, at: intent.at, outcome: settled.outcome };
    removes.push(...settled.remove);
    await store.remove(layout.intent);
    state = await readManifestState(store);
  } else if (read !== null) {
    unreadableIntent = read.unreadable;
  }
  if (state.manifest === null) return null;
  const left = await leftovers(store, state.manifest);
  removes.push(...left.temporary);
  const place = `${layout.lostAndFound}/${stamp(now())}`;
  const moves = left.unknown.filter((p) => !removes.includes(p)).map((from) => ({ from, to: `${place}/${from}` }));
  if (unreadableIntent !== null) {
    // Moved before the commit, which refuses to start while an intent is there; the line below records it.
    const aside = { from: layout.intent, to: `${place}/${layout.intent}` };
    await store.move(aside.from, aside.to);
    moves.push(aside);
  }
  if (interrupted === null && removes.length === 0 && moves.length === 0) return null;
  const result = { interrupted, removed: removes, movedAside: moves };
  const summary = describe(result, intent, unreadableIntent);
  await commitChange(
    { store, lock, manifest: state.manifest, manifestSha: state.sha, who, now },
    {
      action: RECOVER_ACTION,
      summary,
      details: {
        ...(interrupted ? { interrupted } : {}),
        ...(intent?.outside.length ? { outside: intent.outside } : {}),
        removed: removes,
        moved_aside: moves,
      },
      moves,
      removes,
    },
  );
  return { ...result, summary };
}
