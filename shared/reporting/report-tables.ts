/** HTML tables for reports, from Arrow tables or from rows: every cell escaped, numbers right-aligned. */
import type { Table } from 'apache-arrow';
import { displayText, plainValue, type PlainValue } from '../db/arrow-values';
import { html, type HtmlValue, type SafeHtml } from './html';

export interface ColumnView {
  /** Column of the Arrow table. */
  name: string;
  /** Header text. */
  title: string;
  /** Cell text; default: the plain value's display text. */
  format?: (value: PlainValue) => string;
  /**
   * Keep on one line (ids and dates, which browsers would break at their hyphens), up to NOWRAP_MAX characters: a
   * longer value on one line would push the table past the page, and Chromium would then shrink every page to fit.
   */
  nowrap?: boolean;
}

/** Longest cell text kept on one line by `nowrap`. */
export const NOWRAP_MAX = 24;

/** Rounds to a number of decimals for display (lat/lon 4, masses 3); '' for null. */
export function fixed(decimals: number): (v: PlainValue) => string {
  return (v) => (typeof v === 'number' ? v.toFixed(decimals) : displayText(v));
}

/** The views whose columns are present in the table (redaction may have removed the others). */
export function presentColumns(table: Table, views: readonly ColumnView[]): ColumnView[] {
  const names = new Set(table.schema.fields.map((f) => f.name));
  return views.filter((v) => names.has(v.name));
}

/** An HTML table of an Arrow table's columns, in the order of `views`. O(rows × columns). */
export function arrowTableHtml(table: Table, views: readonly ColumnView[]): SafeHtml {
  const fields = views.map((v) => table.schema.fields.find((f) => f.name === v.name)!);
  const vectors = views.map((v) => table.getChild(v.name));
  const rows: SafeHtml[] = [];
  const rowCount = table.numRows;
  for (let r = 0; r < rowCount; r++) {
    const cells = views.map((v, c) => {
      const value = plainValue(vectors[c]?.get(r), fields[c]);
      const text = v.format ? v.format(value) : displayText(value);
      if (typeof value === 'number') return html`<td class="num">${text}</td>`;
      return v.nowrap && text.length <= NOWRAP_MAX ? html`<td class="nowrap">${text}</td>` : html`<td>${text}</td>`;
    });
    rows.push(html`<tr>${cells}</tr>`);
  }
  return html`<table><thead><tr>${views.map((v) => html`<th scope="col">${v.title}</th>`)}</tr></thead><tbody>${rows}</tbody></table>`;
}

/** A table from a header and rows of values (text, numbers, or fragments). */
export function rowsTableHtml(header: readonly string[], rows: readonly (readonly HtmlValue[])[], numeric: readonly boolean[] = []): SafeHtml {
  return html`<table><thead><tr>${header.map((h) => html`<th scope="col">${h}</th>`)}</tr></thead><tbody>${rows.map(
    (row) => html`<tr>${row.map((v, i) => (numeric[i] ? html`<td class="num">${v}</td>` : html`<td>${v}</td>`))}</tr>`,
  )}</tbody></table>`;
}

/** A two-column table of facts: the names as row headers. */
export function factsTableHtml(rows: readonly (readonly [string, HtmlValue])[]): SafeHtml {
  return html`<table class="facts"><tbody>${rows.map(([k, v]) => html`<tr><th scope="row">${k}</th><td>${v}</td></tr>`)}</tbody></table>`;
}
