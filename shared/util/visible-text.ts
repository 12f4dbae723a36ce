/**
 * Characters that do not show themselves but change what a reader sees: C0 and C1 control characters (an
 * ANSI escape in a sample id recolours or rewrites a terminal), DEL, bidirectional embeddings, overrides and
 * isolates (U+202E shows "FS25-10000" for a text stored as "FS25-00001" reversed), direction marks, and
 * zero-width spaces and joiners that make two different ids look alike. Wherever a value is shown to a
 * person (terminal, report, spreadsheet) they are written as a visible `[U+XXXX]`, never stripped, so that
 * what is shown still says what is stored. Tab, line feed and carriage return are layout, kept where the
 * format holds them (CSV quoting, XLSX cells, HTML text); the terminal escapes carriage return too.
 */

// eslint-disable-next-line no-control-regex -- finding control characters is this module's purpose
const HIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\ufff9-\ufffb]/gu;
// eslint-disable-next-line no-control-regex -- as above
const HIDDEN_OR_CR = /[\u0000-\u0008\u000b\u000c\u000d\u000e-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\ufff9-\ufffb]/gu;

/** True when `c` (one character) is one that does not show itself (see above). */
export function isHiddenCharacter(c: string): boolean {
  HIDDEN.lastIndex = 0;
  return c.length > 0 && c.length <= 2 && HIDDEN.test(c);
}

/** `[U+202E]` for one character. */
export function codePointLabel(c: string): string {
  return `[U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}]`;
}

/** True when the text holds a character that does not show itself (see above). */
export function hasHiddenCharacters(text: string): boolean {
  HIDDEN.lastIndex = 0;
  return HIDDEN.test(text);
}

/** The text with every hidden character written as `[U+XXXX]`; tab, LF and CR kept. O(length). */
export function visibleText(text: string): string {
  return hasHiddenCharacters(text) ? text.replace(HIDDEN, codePointLabel) : text;
}

/** As visibleText, and carriage returns too (a terminal would move back over the line with them). */
export function terminalText(text: string): string {
  HIDDEN_OR_CR.lastIndex = 0;
  return HIDDEN_OR_CR.test(text) ? text.replace(HIDDEN_OR_CR, codePointLabel) : text;
}
