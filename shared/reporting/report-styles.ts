/**
 * The report's CSS: print first (US Letter, the page size of Canadian labs), with the running header and
 * footer in @page margin boxes. Chromium draws margin boxes since version 131 (Electron 45 ships 140), with
 * `counter(page)` and `counter(pages)` for "Page 3 of 7"; a fixed-position header cannot count pages there.
 * No fonts, images or URLs: the document must render the same with no network.
 */
import { cssString, styleBlock, type SafeHtml } from './html';

export interface RunningText {
  /** Top left: the case line ("Case C-2026-0117"). */
  caseLine: string;
  /** Top centre and bottom centre: the sensitivity label. */
  label: string;
  /** Bottom left: the report id. */
  reportId: string;
  /** Top right: the report date. */
  date: string;
}

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

const BASE_CSS = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
html { font-family: "Liberation Sans", Arial, Helvetica, sans-serif; font-size: 10pt; color: #111; }
body { margin: 0 auto; max-width: 60rem; padding: 1rem; line-height: 1.35; }
h1 { font-size: 16pt; margin: 0.2rem 0 0.4rem; }
h2 { font-size: 12pt; margin: 1.1rem 0 0.4rem; border-bottom: 1px solid #888; padding-bottom: 0.1rem; break-after: avoid; }
h3 { font-size: 10.5pt; margin: 0.8rem 0 0.3rem; break-after: avoid; }
p { margin: 0.3rem 0; }
.label-banner { display: block; text-align: center; font-weight: bold; letter-spacing: 0.08em; border: 2px solid #111; padding: 0.15rem; margin-bottom: 0.6rem; }
.doc-header dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.1rem 1rem; margin: 0.4rem 0 0.8rem; }
.doc-header dt { font-weight: bold; }
.doc-header dd { margin: 0; }
table { border-collapse: collapse; width: 100%; font-size: 8.5pt; margin: 0.3rem 0 0.6rem; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
th, td { border: 1px solid #999; padding: 0.12rem 0.3rem; text-align: left; vertical-align: top; overflow-wrap: break-word; hyphens: manual; }
th[scope="row"] { background: #f3f3f3; width: 11rem; font-weight: bold; }
th { background: #e8e8e8; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.hash { font-family: "Liberation Mono", "DejaVu Sans Mono", monospace; font-size: 7.5pt; word-break: break-all; }
.nowrap { white-space: nowrap; }
section { break-inside: auto; }
#sign-off { break-inside: avoid; }
.statement { font-weight: bold; }
.muted { color: #555; }
.sign-off { margin-top: 1.2rem; display: grid; grid-template-columns: max-content 1fr; gap: 0.6rem 1rem; }
.sign-line { border-bottom: 1px solid #111; min-height: 1.4rem; }
.doc-end { margin-top: 1.2rem; text-align: center; font-size: 8.5pt; color: #444; }
figure.chart { margin: 0.4rem 0 0.8rem; break-inside: avoid; }
figure.chart figcaption { font-size: 8.5pt; color: #333; margin-top: 0.15rem; }
svg.plot { display: block; max-width: 100%; height: auto; font-family: "Liberation Sans", Arial, sans-serif; }
svg.plot text { font-size: 9px; fill: #222; }
svg.plot text.tick { font-size: 8px; fill: #444; }
svg.plot text.axis-title { font-size: 8.5px; fill: #333; }
svg.plot .grid { stroke: #ddd; stroke-width: 1; }
svg.plot .grid.nd { stroke: #bbb; stroke-dasharray: 2 2; }
svg.plot .stripe { fill: #f5f5f5; }
svg.plot .range { stroke: #777; stroke-width: 1.5; }
svg.plot .member { stroke: #0072B2; stroke-width: 1.2; stroke-opacity: 0.6; }
svg.plot .mean { fill: #111; }
svg.plot .member-line { fill: none; stroke-width: 1.1; stroke-opacity: 0.75; }
svg.plot .member-line:hover, svg.plot .member:hover { stroke-width: 3; stroke-opacity: 1; }
svg.plot .mean-line, svg.swatch .mean-line { fill: none; stroke: #111; stroke-width: 2; stroke-dasharray: 5 3; }
svg.plot .box { stroke: #333; stroke-width: 1; }
svg.plot .box.linked { fill: #9ecae1; }
svg.plot .box.unlinked { fill: #fdae6b; }
svg.plot .median { stroke: #111; stroke-width: 2; }
svg.plot .threshold { stroke: #c00; stroke-width: 1.5; stroke-dasharray: 4 3; }
ul.legend { list-style: none; padding: 0; margin: 0.2rem 0; display: flex; flex-wrap: wrap; gap: 0.2rem 1rem; font-size: 8.5pt; }
ul.legend svg.swatch { vertical-align: middle; margin-right: 0.3rem; }
ul.summary-points { margin: 0.2rem 0 0.6rem; padding-left: 1.2rem; }
ul.summary-points li { margin: 0.15rem 0; }
@media print {
  body { max-width: none; padding: 0; }
  .label-banner { margin-top: 0; }
}
`;

/** The document's `<style>`: base CSS plus the @page rules carrying the running header and footer text. */
export function reportStyles(running: RunningText): SafeHtml {
  const box = (css: string) => `${css} font-family: "Liberation Sans", Arial, sans-serif; font-size: 8pt; color: #222;`;
  const page = `
@page {
  size: letter;
  margin: 20mm 14mm 18mm 14mm;
  @top-left { content: ${cssString(clip(running.caseLine, 70))}; ${box('')} }
  @top-center { content: ${cssString(running.label)}; ${box('font-weight: bold; white-space: nowrap;')} }
  @top-right { content: ${cssString(running.date)}; ${box('')} }
  @bottom-left { content: ${cssString(`Report ${running.reportId}`)}; ${box('')} }
  @bottom-center { content: ${cssString(running.label)}; ${box('font-weight: bold; white-space: nowrap;')} }
  @bottom-right { content: "Page " counter(page) " of " counter(pages); ${box('')} }
}`;
  return styleBlock(BASE_CSS + page);
}
