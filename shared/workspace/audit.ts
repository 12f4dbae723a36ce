/**
 * The append-only audit log (audit.jsonl): one JSON object a line saying who did what, when, the SHA-256 of every
 * file written, and the manifest generation the line commits (shared/workspace/commit.ts). The lines form a hash
 * chain: each ends with `"hash"`, the SHA-256 of the line's text before that field, and carries `"prev"`, the hash
 * of the line before it (for the first line of the chain, the SHA-256 of every byte before it in the file: the
 * empty file for a new workspace, or the lines written before the chain existed, which the `audit.chain-start`
 * line introduces). An edited line no longer matches its hash; a deleted, reordered or inserted one breaks the
 * chain (shared/workspace/check.ts says which). A keyless chain cannot stop someone who rewrites every line after
 * the one they change: `sigwb check` prints the chain's head so that it can be kept outside the workspace.
 */
import { z } from 'zod';
import { sha256Hex } from '../util/sha256';
import { utf8 } from '../util/text';

/** A SHA-256 in lower-case hex. */
export const Sha256 = z.string().regex(/^[0-9a-f]{64}$/);

/** What a writer says about its change (the chain fields are added when the line is written). */
export const AuditEntry = z.object({
  at: z.string(),
  who: z.string(),
  action: z.string(),
  summary: z.string(),
  written: z.array(z.object({ path: z.string(), sha256: z.string() })),
  details: z.record(z.string(), z.unknown()).optional(),
  /** The manifest generation this line commits; absent on lines written before the chain. */
  generation: z.number().int().nonnegative().optional(),
  /** The transaction (its intent's id), so that recovery can tell whether its line was written. */
  tx: z.string().optional(),
  prev: Sha256.optional(),
  hash: Sha256.optional(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

/** The action of the line that starts the chain on a log written before it. */
export const CHAIN_START_ACTION = 'audit.chain-start';

/** The `prev` of a new workspace's first line: the SHA-256 of no bytes. */
export const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

const HASH_SUFFIX = /,"hash":"([0-9a-f]{64})"\}$/;

/** One chained line (with its final newline) and its hash: the entry with `prev`, then `hash` over the text before it. */
export async function chainedLine(entry: Omit<AuditEntry, 'prev' | 'hash'>, prev: string): Promise<{ text: string; hash: string }> {
  const { prev: _p, hash: _h, ...rest } = AuditEntry.parse(entry);
  const body = JSON.stringify({ ...rest, prev });
  const hash = await sha256Hex(utf8(body));
  return { text: `${body.slice(0, -1)},"hash":"${hash}"}\n`, hash };
}

/** One line of the log as read back: its number, its text, its entry (null when it does not parse), and its hash check. */
export interface AuditLine {
  line: number;
  text: string;
  entry: AuditEntry | null;
  /** For a chained line: true when its text still matches its `hash`. */
  intact: boolean | null;
}

/** Reads every non-empty line: parsed, and for chained lines whether the text still matches its hash (`verify`, default true; else null). */
export async function readAuditLines(text: string, options: { verify?: boolean } = {}): Promise<AuditLine[]> {
  const out: AuditLine[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const t = lines[i];
    if (t.trim() === '') continue;
    let entry: AuditEntry | null;
    try {
      entry = AuditEntry.parse(JSON.parse(t));
    } catch {
      entry = null;
    }
    let intact: boolean | null = null;
    const m = HASH_SUFFIX.exec(t);
    if (entry?.hash !== undefined && options.verify !== false) intact = m !== null && m[1] === entry.hash && (await sha256Hex(utf8(`${t.slice(0, m.index)}}`))) === entry.hash;
    out.push({ line: i + 1, text: t, entry, intact });
  }
  return out;
}

/** Serialises one entry as an unchained line (lines before the chain; kept for reading and tests of old logs). */
export function auditLine(entry: AuditEntry): string {
  return JSON.stringify(AuditEntry.parse(entry)) + '\n';
}

/** Parses the log; lines that do not parse (a cut last line after a crash) are counted, not thrown. */
export function parseAudit(text: string): { entries: AuditEntry[]; unreadable: number[] } {
  const entries: AuditEntry[] = [];
  const unreadable: number[] = [];
  const lines = text.split('\n');
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    try {
      entries.push(AuditEntry.parse(JSON.parse(line)));
    } catch {
      unreadable.push(i + 1);
    }
  });
  return { entries, unreadable };
}
