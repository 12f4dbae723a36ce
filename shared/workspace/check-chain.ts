/**
 * The audit log and the manifest cross-checked, without reading data files (cheap enough for every open): the hash
 * chain line by line (audit.ts), the last line against the manifest's generation and SHA-256 (commit.ts), and
 * every file the manifest names against the SHA-256 the audit log recorded when it was written. Each finding is one
 * sentence naming the line or the file; `sigwb check` (check.ts) adds the files themselves.
 */
import { sha256Hex } from '../util/sha256';
import { utf8 } from '../util/text';
import { CHAIN_START_ACTION, EMPTY_SHA256, type AuditLine } from './audit';
import type { Manifest } from './manifest';
import { layout, MANAGED_DIRS } from './paths';

/** A SHA-256 shortened for messages. */
export const short = (sha: string): string => `${sha.slice(0, 12)}…`;
const isManaged = (path: string): boolean => MANAGED_DIRS.some((d) => path.startsWith(`${d}/`));

/** What the manifest names, by path: its SHA-256 where the manifest records one (data files and documents), else null. */
export function namedFiles(m: Manifest): Map<string, string | null> {
  const out = new Map<string, string | null>();
  for (const b of m.batches) {
    out.set(b.data_file, b.data_sha256);
    if (b.quarantine_file) out.set(b.quarantine_file, null);
  }
  for (const d of Object.values(m.documents)) out.set(d.file, d.sha256);
  return out;
}

/**
 * The workspace files each audit line wrote, with the SHA-256 the last line to write it recorded. With the manifest,
 * this is the register of what belongs: batch files and documents are named by both, and the analysis records' data
 * files (calibrations/, classes/, sources/) by their records and these lines. A file in neither was left by a cut write.
 */
export function auditedFiles(lines: readonly Pick<AuditLine, 'entry' | 'line'>[]): Map<string, { sha256: string; line: number }> {
  const out = new Map<string, { sha256: string; line: number }>();
  for (const l of lines) for (const w of l.entry?.written ?? []) if (isManaged(w.path)) out.set(w.path, { sha256: w.sha256, line: l.line });
  return out;
}

/** Folders whose files the manifest itself names (the others' files are named by the records in config/). */
const NAMED_BY_MANIFEST = [layout.batchesDir, layout.quarantineDir, layout.configDir];

/** The chain itself: intact lines, each naming the one before; returns problems and the last chained line. */
async function chainFindings(lines: readonly AuditLine[], text: string): Promise<{ problems: string[]; last: AuditLine | null }> {
  const problems: string[] = [];
  const rawLines = text.split('\n');
  const offsetOf = (lineNo: number): Uint8Array => utf8(rawLines.slice(0, lineNo - 1).map((l) => `${l}\n`).join(''));
  let last: AuditLine | null = null;
  for (const l of lines) {
    const at = `audit.jsonl line ${l.line}`;
    if (l.entry === null) {
      const isLast = l === lines[lines.length - 1] && !text.endsWith('\n');
      problems.push(`${at}: not a readable audit line${isLast ? ' (cut: a crash during an append?)' : ''}`);
      continue;
    }
    if (l.entry.hash === undefined) {
      if (last !== null) problems.push(`${at}: has no hash, after the chain began on an earlier line: written by hand or by another program`);
      continue;
    }
    if (l.intact === false) problems.push(`${at}: edited (its text no longer matches its SHA-256)`);
    const prev = l.entry.prev;
    if (last === null || l.entry.action === CHAIN_START_ACTION) {
      const before = await sha256Hex(offsetOf(l.line));
      if (prev !== before) {
        problems.push(
          l.entry.action === CHAIN_START_ACTION
            ? `audit.jsonl lines 1–${l.line - 1}: changed since the chain started on line ${l.line} (their SHA-256 is no longer the one it recorded)`
            : last === null && l.line > 1
              ? `audit.jsonl lines 1–${l.line - 1}: added or changed before the chain's first line (line ${l.line})`
              : `${at}: the first line of the chain does not start from an empty log${prev === EMPTY_SHA256 ? '' : ' (lines before it were removed?)'}`,
        );
      }
    } else if (prev !== last.entry!.hash) {
      const g = l.entry.generation;
      const pg = last.entry!.generation;
      if (g !== undefined && pg !== undefined && g > pg + 1) problems.push(`${at}: line${g - pg > 2 ? 's' : ''} deleted before it (generation${g - pg > 2 ? `s ${pg + 1}–${g - 1}` : ` ${pg + 1}`} missing after line ${last.line})`);
      else if (g !== undefined && pg !== undefined && g <= pg) problems.push(`${at}: out of order or inserted (generation ${g} after generation ${pg} on line ${last.line})`);
      else problems.push(`${at}: does not follow line ${last.line} (it names another line before it: line ${last.line} was replaced or forged)`);
    }
    last = l;
  }
  return { problems, last };
}

/**
 * Cross-checks the audit log's lines (readAuditLines) with the manifest (`sha`: of its bytes). Returns one sentence
 * per inconsistency; [] when they agree. A log with no chain yet (written before it, never committed to since) is
 * checked for what it records only.
 */
export async function chainProblems(lines: readonly AuditLine[], state: { manifest: Manifest; sha: string }, bytes: Uint8Array): Promise<string[]> {
  const text = new TextDecoder().decode(bytes);
  const { problems, last } = await chainFindings(lines, text);
  const m = state.manifest;
  if (last !== null && last.entry!.generation !== undefined) {
    const g = last.entry!.generation;
    const recorded = last.entry!.written.find((w) => w.path === layout.manifest)?.sha256;
    if (g < m.generation) problems.push(`audit.jsonl ends at generation ${g} (line ${last.line}) but workspace.json is at generation ${m.generation}: audit lines deleted at the end, or the manifest edited`);
    else if (g > m.generation) problems.push(`audit.jsonl line ${last.line} names generation ${g}, after workspace.json's ${m.generation}: a line added at the end, or an older manifest put back`);
    else if (recorded !== undefined && recorded !== state.sha) problems.push(`workspace.json: not the manifest audit.jsonl line ${last.line} recorded (SHA-256 ${short(state.sha)}, recorded ${short(recorded)}): edited outside the workbench`);
  }
  // The SHA-256 each workspace file had when a line last wrote it, and the batches imported.
  const writtenBy = auditedFiles(lines);
  const imported = new Map<string, number>();
  for (const l of lines) {
    if (l.entry?.action === 'batch.import' && typeof l.entry.details?.batch === 'string') imported.set(l.entry.details.batch, l.line);
  }
  const named = namedFiles(m);
  for (const [path, sha] of named) {
    const w = writtenBy.get(path);
    if (w === undefined) problems.push(`${path}: named by workspace.json but written by no audit line`);
    else if (sha !== null && sha !== w.sha256) problems.push(`${path}: workspace.json records SHA-256 ${short(sha)} but audit.jsonl line ${w.line} recorded ${short(w.sha256)} when it was written`);
  }
  const batches = new Set(m.batches.map((b) => b.id));
  for (const [id, line] of imported) if (!batches.has(id)) problems.push(`batch ${id} (imported on audit.jsonl line ${line}) is missing from workspace.json`);
  for (const [path, w] of writtenBy) {
    if (!NAMED_BY_MANIFEST.some((d) => path.startsWith(`${d}/`)) || named.has(path)) continue;
    if (!imported.has(path.replace(/^batches\/(B\d+)\.arrow$/, '$1'))) problems.push(`${path} (written on audit.jsonl line ${w.line}) is not named by workspace.json`);
  }
  return problems;
}
