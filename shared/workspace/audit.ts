/**
 * The append-only audit log (audit.jsonl): one JSON object a line saying who did what, when, and the
 * SHA-256 of every file written. A crash during an append can leave a cut last line; the reader reports
 * it instead of failing, so the log stays readable.
 */
import { z } from 'zod';

export const AuditEntry = z.object({
  at: z.string(),
  who: z.string(),
  action: z.string(),
  summary: z.string(),
  written: z.array(z.object({ path: z.string(), sha256: z.string() })),
  details: z.record(z.string(), z.unknown()).optional(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

/** Serialises one entry as a line. */
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
