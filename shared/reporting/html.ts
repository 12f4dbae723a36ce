/**
 * HTML that is safe by construction. `html\`…\`` escapes every interpolated value unless it is a fragment
 * this module made (another `html\`…\``, `jsonScript`, `styleBlock`); fragments are recognised through a
 * private WeakSet, so a value from the data shaped like a fragment (`{ html: '<script>' }`) cannot pass
 * for one. The template's own text is checked too: values may go in element content and in quoted
 * attribute values, never in unquoted attributes, event handlers, URLs, style attributes, comments or
 * script/style elements, where escaping alone does not make text inert.
 */
import { visibleText } from '../util/visible-text';

/** A fragment of markup this module produced; its `html` is safe to concatenate. */
export interface SafeHtml {
  readonly html: string;
}

const fragments = new WeakSet<SafeHtml>();

function fragment(markup: string): SafeHtml {
  const f = Object.freeze({ html: markup });
  fragments.add(f);
  return f;
}

/** Whether a value is a fragment made by this module. */
export function isSafeHtml(value: unknown): value is SafeHtml {
  return typeof value === 'object' && value !== null && fragments.has(value as SafeHtml);
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' };

/**
 * Escapes text for element content: & < > " ' ` become character references, and characters that do not show
 * themselves (control, bidirectional override U+202E …) are written visibly as `[U+XXXX]`, so that a report shows
 * what is stored (shared/util/visible-text.ts).
 */
export function escapeHtml(text: string): string {
  return visibleText(text).replace(/[&<>"'`]/g, (c) => ENTITIES[c]);
}

/** Escapes text for a quoted attribute value (either quote): the same references as escapeHtml. */
export function escapeAttribute(text: string): string {
  return escapeHtml(text);
}

/**
 * JSON for a `<script type="application/json">` block: < > & become \u escapes so that no `</script>` or
 * `<!--` can close or confuse the block, and U+2028/U+2029 are escaped for pre-ES2019 JavaScript parsers.
 */
export function jsonForScript(value: unknown): string {
  const json = JSON.stringify(value);
  if (json === undefined) throw new TypeError('jsonForScript: value has no JSON form');
  return json.replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A `<script type="application/json" id="…">` data block (not executed, so the CSP needs no script-src). */
export function jsonScript(id: string, value: unknown): SafeHtml {
  return fragment(`<script type="application/json" id="${escapeAttribute(id)}">${jsonForScript(value)}</script>`);
}

/** A `<style>` element from trusted CSS (the builder's own); refuses any `<`, which could end the element. */
export function styleBlock(css: string): SafeHtml {
  if (css.includes('<')) throw new TypeError('styleBlock: CSS must not contain "<"');
  return fragment(`<style>${css}</style>`);
}

/** A CSS string literal ("…") for `content:`; every character but letters, digits and a few marks is hex-escaped. */
export function cssString(text: string): string {
  let out = '"';
  for (const ch of text) {
    out += /[A-Za-z0-9 .,:;_()/#-]/.test(ch) ? ch : `\\${ch.codePointAt(0)!.toString(16)} `;
  }
  return out + '"';
}

/** Joins fragments with an optional separator fragment. */
export function joinHtml(parts: readonly SafeHtml[], separator: SafeHtml = fragment('')): SafeHtml {
  return fragment(parts.map((p) => p.html).join(separator.html));
}

export type HtmlValue = SafeHtml | string | number | bigint | boolean | null | undefined | readonly HtmlValue[];

function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return '';
  if (Array.isArray(value)) return value.map(render).join('');
  if (isSafeHtml(value)) return value.html;
  if (typeof value === 'string') return escapeHtml(value);
  if (typeof value === 'number' || typeof value === 'bigint' || value === true) return escapeHtml(String(value));
  throw new TypeError('html: only text, numbers, arrays and html fragments can be interpolated');
}

/** Where in the markup the next value would land; throws for the places where escaping is not enough. */
function checkContext(before: string): void {
  const lower = before.toLowerCase();
  const rawOpen = Math.max(lower.lastIndexOf('<script'), lower.lastIndexOf('<style'));
  const rawClose = Math.max(lower.lastIndexOf('</script'), lower.lastIndexOf('</style'));
  if (rawOpen > rawClose) throw new TypeError('html: no values inside <script> or <style>; use jsonScript or styleBlock');
  if (lower.lastIndexOf('<!--') > lower.lastIndexOf('-->')) throw new TypeError('html: no values inside comments');
  const tagOpen = lower.lastIndexOf('<');
  if (tagOpen > lower.lastIndexOf('>')) {
    const inTag = lower.slice(tagOpen);
    if (/=\s*$/.test(inTag)) throw new TypeError('html: attribute values must be quoted');
    const attr = /([a-z_:][-a-z0-9_:.]*)\s*=\s*["'][^"']*$/.exec(inTag);
    if (!attr) throw new TypeError('html: values in a tag go only inside quoted attribute values');
    if (/^(on|href$|src$|srcset$|srcdoc$|action$|formaction$|style$|xlink:href$|poster$|data$)/.test(attr[1])) {
      throw new TypeError(`html: no values in the ${attr[1]} attribute`);
    }
  }
}

/**
 * Templates whose every value's place was checked. The places depend only on the template's text, and a template's
 * strings array is the same object at every call of its call site, so each is checked once: a class report of
 * 10,000 samples called the row templates so often that checking each call held the interface thread ~300 ms.
 */
const checkedTemplates = new WeakSet<TemplateStringsArray>();

/** Tagged template: `html\`<td>${name}</td>\`` with every value escaped for its place. */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  if (!checkedTemplates.has(strings)) {
    let statics = strings[0];
    for (let i = 0; i < values.length; i++) {
      checkContext(statics);
      statics += strings[i + 1];
    }
    checkedTemplates.add(strings);
  }
  let out = strings[0];
  for (let i = 0; i < values.length; i++) out += render(values[i]) + strings[i + 1];
  return fragment(out);
}
