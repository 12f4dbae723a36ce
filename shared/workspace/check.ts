/**
 * `sigwb check`: is the workspace whole? The audit log's chain and its agreement with the manifest (check-chain.ts),
 * every file the manifest names read and hashed against the SHA-256 recorded for it, and what a cut write left (an
 * intent, temporary files, files nothing names). Reads only: it never recovers or changes anything, and never waits
 * for a writer (what a writer under way is writing is said, not counted against the workspace).
 */
import { sha256Hex } from '../util/sha256';
import { fromUtf8 } from '../util/text';
import { readAuditLines } from './audit';
import { auditedFiles, chainProblems, namedFiles, short } from './check-chain';
import { readIntent } from './commit';
import type { FileStore } from './file-store';
import { describeHolder } from './lock';
import { readManifest, type Manifest } from './manifest';
import { isTemporaryFile, layout, MANAGED_DIRS, RECORD_DATA_DIRS } from './paths';

export interface CheckResult {
  /** One sentence per inconsistency; the workspace is whole when there are none. */
  problems: string[];
  /** What is worth knowing but not wrong (a writer under way, files set aside earlier). */
  notes: string[];
  facts: { generation: number | null; batches: number; documents: number; auditLines: number; chainHead: string | null };
}

/** Checks the workspace in `store`; see the module comment. */
export async function checkWorkspace(store: FileStore): Promise<CheckResult> {
  const problems: string[] = [];
  const notes: string[] = [];
  const facts: CheckResult['facts'] = { generation: null, batches: 0, documents: 0, auditLines: 0, chainHead: null };
  const holder = await store.lockHolder();
  if (holder !== null) notes.push(`a writer holds the workspace: ${describeHolder(holder)}; what it is writing is not counted below`);
  const bytes = await store.read(layout.manifest);
  if (bytes === null) return { problems: [`${layout.manifest}: missing`], notes, facts };
  let manifest: Manifest;
  try {
    manifest = readManifest(JSON.parse(fromUtf8(bytes)), layout.manifest);
  } catch (e) {
    return { problems: [`${layout.manifest}: unreadable (${(e as Error).message})`], notes, facts };
  }
  Object.assign(facts, { generation: manifest.generation, batches: manifest.batches.length, documents: Object.keys(manifest.documents).length });

  const auditBytes = (await store.read(layout.audit)) ?? new Uint8Array();
  const lines = await readAuditLines(new TextDecoder().decode(auditBytes));
  facts.auditLines = lines.length;
  facts.chainHead = [...lines].reverse().find((l) => l.entry?.hash !== undefined)?.entry?.hash ?? null;
  if (lines.length === 0) problems.push(`${layout.audit}: missing or empty`);

  const intent = await readIntent(store);
  const underWay = new Set<string>();
  if (intent !== null && 'intent' in intent) {
    const i = intent.intent;
    for (const f of i.files) underWay.add(f.path);
    const what = `${i.action} by ${i.by} (begun ${i.at})`;
    if (holder !== null) notes.push(`a write is under way: ${what}`);
    else problems.push(`an interrupted write awaits recovery: ${what}; the next command that opens the workspace finishes or rolls it back`);
  } else if (intent !== null) {
    problems.push(`${layout.intent}: unreadable (${intent.unreadable})`);
  }
  // While a write is under way, the manifest may be ahead of its audit line for a moment: that is not a problem.
  const chain = await chainProblems(lines, { manifest, sha: await sha256Hex(bytes) }, auditBytes);
  if (holder === null || intent === null) problems.push(...chain);

  const audited = auditedFiles(lines);
  const recorded = new Map([...audited].map(([p, w]) => [p, w.sha256]));
  // Every file the manifest names, and the records' data files that audit lines wrote (calibrations/, classes/, sources/).
  const registered = new Map<string, string | null>(namedFiles(manifest));
  for (const p of audited.keys()) if (!registered.has(p) && RECORD_DATA_DIRS.some((d) => p.startsWith(`${d}/`))) registered.set(p, null);
  for (const [path, sha] of registered) {
    const file = await store.read(path);
    if (file === null) {
      problems.push(`${path}: missing (named by ${layout.manifest})`);
      continue;
    }
    const actual = await sha256Hex(file);
    const expected = sha ?? recorded.get(path);
    if (expected !== undefined && actual !== expected) problems.push(`${path}: its bytes changed since they were written (SHA-256 ${short(actual)}, recorded ${short(expected)})`);
  }

  // Leftovers of cut writes: not looked for while a writer holds the workspace (its files in flight are none).
  if (holder === null) {
    const named = new Set([...registered.keys(), ...audited.keys()]);
    for (const name of await store.entries('')) if (isTemporaryFile(name)) problems.push(`${name}: a temporary file left by a cut write (the next write removes it)`);
    for (const dir of MANAGED_DIRS) {
      for (const name of await store.entries(dir)) {
        const path = `${dir}/${name}`;
        if (name.endsWith('/') || named.has(path) || underWay.has(path)) continue;
        problems.push(isTemporaryFile(name) ? `${path}: a temporary file left by a cut write (the next write removes it)` : `${path}: not named by ${layout.manifest} (the next write moves it to ${layout.lostAndFound}/)`);
      }
    }
  }
  const aside = (await store.entries(layout.lostAndFound)).filter((n) => n.endsWith('/'));
  if (aside.length) notes.push(`${layout.lostAndFound}/ holds files set aside by recovery on ${aside.length} occasion${aside.length === 1 ? '' : 's'} (${aside.join(', ')}); the audit log says what each was`);
  return { problems, notes, facts };
}
