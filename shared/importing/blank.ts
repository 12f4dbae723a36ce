/**
 * What an import trims from the ends of a value, and what it refuses there. Blank space is trimmed: space, tab,
 * line breaks, no-break spaces and the other Unicode space separators, which show as blank in every editor.
 * Characters that do not show themselves (shared/util/visible-text.ts: C0 and C1 controls, DEL, the byte-order mark,
 * zero-width and bidirectional characters) are not blank: trimming them (as String.prototype.trim does VT, FF and
 * U+FEFF, and as the text reader did every code up to 32) would guess, and keeping them silently would make
 * "FS25-001" and "FS25-001\u0007" two samples that look the same. So a value that starts or ends with one is refused
 * at its cell (row-source.ts checkEnds); inside a value they are data, shown as [U+XXXX] wherever the value is shown.
 */
import { isHiddenCharacter } from '../util/visible-text';

/** True for a blank UTF-16 code unit: space, tab, LF, CR, no-break spaces, Unicode space separators, LS, PS. */
export function isBlankCode(c: number): boolean {
  if (c <= 32) return c === 32 || c === 9 || c === 10 || c === 13;
  if (c < 0xa0) return false;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000;
}

/** The text without blank space at its ends (isBlankCode); the same string when there is none. O(length). */
export function trimBlank(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && isBlankCode(s.charCodeAt(a))) a++;
  while (b > a && isBlankCode(s.charCodeAt(b - 1))) b--;
  return a === 0 && b === s.length ? s : s.slice(a, b);
}

/** The character that does not show itself at the start or the end of a trimmed value, or null. */
export function hiddenAtEnd(trimmed: string): string | null {
  if (trimmed.length === 0) return null;
  const first = String.fromCodePoint(trimmed.codePointAt(0)!);
  if (isHiddenCharacter(first)) return first;
  const last = trimmed.charAt(trimmed.length - 1);
  return isHiddenCharacter(last) ? last : null;
}
