/**
 * How an import problem is written, the same in the CLI, the import preview and the import report: its place as
 * compilers write locations (`file:line:column`, leaving out what does not apply, so a file refused as a whole reads
 * "legacy.xls", never "legacy.xls::"), then the reason and the value as written.
 */
import type { ImportProblem } from './types';

/** `file:line:column`, or `file:line`, or `file`. */
export function problemLocation(p: ImportProblem): string {
  return [p.file, p.line, p.line !== null ? p.column : null].filter((x) => x !== null).join(':');
}

/** The value as written, quoted and cut at 60 characters; '' when there is none. */
export function problemValue(p: ImportProblem): string {
  return p.value !== null && p.value !== '' ? `"${p.value.length > 60 ? `${p.value.slice(0, 60)}…` : p.value}"` : '';
}

/** One problem in one line: `file:12:3: area is not a number: "12,3x"`. */
export function problemText(p: ImportProblem): string {
  const value = problemValue(p);
  return `${problemLocation(p)}: ${p.reason}${value ? `: ${value}` : ''}`;
}
