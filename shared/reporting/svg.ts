/**
 * Inline SVG for report figures, built with the escaping `html` tag: every label from the data (sample ids,
 * compound names, case ids) goes through it, so a name cannot become markup. Coordinates are rounded to 0.1 px
 * so that the same numbers always give the same bytes (reports are compared byte for byte by `sigwb verify`).
 *
 * Interactivity without script: each mark carries an SVG `<title>` (a tooltip in every browser, offline, under
 * the report's CSP, which allows no script) and lines thicken on :hover through the report's CSS.
 */
import { html, type SafeHtml } from './html';

/** A coordinate or length as text: rounded to 0.1, no trailing ".0". */
export function px(x: number): string {
  return String(Math.round(x * 10) / 10);
}

/** A fraction as a percentage with 2 significant digits: 0.1234 → "12 %", 0.000123 → "0.012 %", 2.5e-9 → "0.00000025 %" (never "2.5e-7 %"). */
export function percentText(fraction: number): string {
  const p = Number((fraction * 100).toPrecision(2));
  const text = String(p);
  return `${text.includes('e') ? p.toLocaleString('en-US', { maximumSignificantDigits: 2, useGrouping: false }) : text} %`;
}

const SUPERSCRIPT: Record<string, string> = { '-': '⁻', '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹' };

/** A power of ten typeset for a tick: 1e-4 → "10⁻⁴", 1 → "1", 10 → "10" (never "1e-4" or an SI prefix such as "100µ"). */
export function powerOfTenText(decade: number): string {
  const e = Math.round(Math.log10(decade));
  if (e === 0) return '1';
  if (e === 1) return '10';
  return `10${[...String(e)].map((ch) => SUPERSCRIPT[ch]).join('')}`;
}

/** A log10 scale from a positive domain to pixels. */
export interface LogScale {
  readonly lo: number;
  readonly hi: number;
  readonly at: (v: number) => number;
  /** Powers of ten inside the domain, for ticks. */
  readonly decades: readonly number[];
}

/**
 * A log scale whose domain runs from the decade at or below the smallest positive value (never under `floor`) to
 * the decade at or above the largest; an empty or all-zero input gives [floor, 1].
 */
export function logScale(values: Iterable<number>, range: readonly [number, number], floor = 1e-6): LogScale {
  let min = Infinity;
  let max = 0;
  for (const v of values) {
    if (v > 0 && v < min) min = v;
    if (v > max) max = v;
  }
  const loExp = Math.floor(Math.log10(Number.isFinite(min) ? Math.max(min, floor) : floor));
  const hiExp = Math.max(loExp + 1, Math.ceil(Math.log10(max > 0 ? max : 1)));
  // Number('1e-5') is exactly the double nearest 10^-5, where 10 ** -5 is one ulp off.
  const lo = Number(`1e${loExp}`);
  const hi = Number(`1e${hiExp}`);
  const [r0, r1] = range;
  const span = hiExp - loExp;
  const decades: number[] = [];
  for (let e = loExp; e <= hiExp; e++) decades.push(Number(`1e${e}`));
  return { lo, hi, decades, at: (v) => r0 + ((Math.log10(Math.min(Math.max(v, lo), hi)) - loExp) / span) * (r1 - r0) };
}

/** An `<svg>` element of the given size holding `body`; `label` is read by screen readers. */
export function svgElement(width: number, height: number, label: string, body: readonly SafeHtml[]): SafeHtml {
  return html`<svg xmlns="http://www.w3.org/2000/svg" class="plot" viewBox="${`0 0 ${px(width)} ${px(height)}`}" width="${px(width)}" height="${px(height)}" role="img" aria-label="${label}">${body}</svg>`;
}

/** A figure with its caption (kept on one page in print). */
export function figure(svg: SafeHtml, caption: SafeHtml | string, extra?: SafeHtml): SafeHtml {
  return html`<figure class="chart">${svg}${extra ?? ''}<figcaption>${caption}</figcaption></figure>`;
}

/** Colour-blind-safe colours (Okabe and Ito 2008) for up to eight groups; black is kept for the class mean. */
export const GROUP_COLOURS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#8C564B', '#7F7F7F'] as const;

/** Text that may be too long for a label: cut to `max` characters with an ellipsis (the tooltip keeps it whole). */
export function shortLabel(text: string, max: number): string {
  const chars = [...text];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : text;
}
