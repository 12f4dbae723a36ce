import { describe, expect, it } from 'vitest';
import { cssString, escapeAttribute, html, isSafeHtml, joinHtml, jsonForScript, jsonScript, styleBlock, type HtmlValue } from '../../../shared/reporting/html';
import { HOSTILE } from '../exporting/fixture';

describe('html tagged template', () => {
  it('escapes every interpolated text, in content and in quoted attributes', () => {
    expect(html`<td>${HOSTILE[0]}</td>`.html).toBe('<td>&lt;script&gt;alert(1)&lt;/script&gt;</td>');
    expect(html`<td title="${HOSTILE[1]}">${HOSTILE[1]}</td>`.html).toBe('<td title="&quot;&gt;&lt;img src=x onerror=alert(1)&gt;">&quot;&gt;&lt;img src=x onerror=alert(1)&gt;</td>');
    expect(html`<td class='${"x' onclick='y"}'></td>`.html).toBe(`<td class='x&#39; onclick=&#39;y'></td>`);
    for (const h of HOSTILE) expect(html`<p>${h}</p>`.html).not.toMatch(/<(?!\/?p>)/);
  });

  it('keeps its own fragments, joins arrays, prints numbers and drops null, undefined and false', () => {
    const cell = html`<b>${'a&b'}</b>`;
    expect(html`<p>${cell}${[html`<i>1</i>`, '<2>']}${3.5}${null}${undefined}${false}</p>`.html).toBe('<p><b>a&amp;b</b><i>1</i>&lt;2&gt;3.5</p>');
    expect(joinHtml([html`<i>a</i>`, html`<i>b</i>`], html`, `).html).toBe('<i>a</i>, <i>b</i>');
  });

  it('does not take an object shaped like a fragment for one', () => {
    const forged = Object.freeze({ html: '<script>alert(1)</script>' });
    expect(isSafeHtml(forged)).toBe(false);
    expect(() => html`<p>${forged as unknown as HtmlValue}</p>`).toThrow(/only text, numbers, arrays and html fragments/);
  });

  it('refuses values where escaping is not enough: unquoted attributes, handlers, URLs, style, script, style, comments, bare tag positions', () => {
    const x = 'x';
    expect(() => html`<td class=${x}>`).toThrow(/attribute values must be quoted/);
    expect(() => html`<td onclick="${x}">`).toThrow(/no values in the onclick attribute/);
    expect(() => html`<a href="${x}">`).toThrow(/no values in the href attribute/);
    expect(() => html`<img src='${x}'>`).toThrow(/no values in the src attribute/);
    expect(() => html`<td style="${x}">`).toThrow(/no values in the style attribute/);
    expect(() => html`<script>var a = ${x}</script>`).toThrow(/no values inside <script> or <style>/);
    expect(() => html`<style>p { color: ${x} }</style>`).toThrow(/no values inside <script> or <style>/);
    expect(() => html`<!-- ${x} -->`).toThrow(/no values inside comments/);
    expect(() => html`<td ${x}>`).toThrow(/only inside quoted attribute values/);
    expect(html`<script type="application/json"></script><p>${x}</p>`.html).toBe('<script type="application/json"></script><p>x</p>');
  });

  it('checks a template at every call until it passes: the check is kept per template, never skipped for a refused one', () => {
    const unquoted = (v: string) => html`<td class=${v}>`;
    const cell = (v: string) => html`<td title="${v}">${v}</td>`;
    for (const v of ['a', 'b']) expect(() => unquoted(v)).toThrow(/attribute values must be quoted/);
    for (const h of HOSTILE) expect(cell(h).html).not.toMatch(/<(?!\/?td[ >])/);
  });
});

describe('escaping for attributes, JSON in script elements, and CSS strings', () => {
  it('escapes both quotes, angle brackets, ampersands and backticks in attribute values', () => {
    expect(escapeAttribute(`a"b'c<d>e&f\`g`)).toBe('a&quot;b&#39;c&lt;d&gt;e&amp;f&#96;g');
  });

  it('writes JSON no HTML parser can end early, and that parses back to the same value', () => {
    const value = { name: '</script><script>alert(1)</script>', comment: '<!-- x -->', amp: 'a&b', ls: 'a\u2028b\u2029c', quote: '"' };
    const json = jsonForScript(value);
    expect(json).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(json)).toEqual(value);
    const block = jsonScript('m"x', value).html;
    expect(block.startsWith('<script type="application/json" id="m&quot;x">')).toBe(true);
    expect(block.match(/<\/script/gi)).toHaveLength(1);
    expect(JSON.parse(block.slice(block.indexOf('>') + 1, block.lastIndexOf('</script>')))).toEqual(value);
  });

  it('makes CSS strings with no quote, angle bracket, backslash or line break left raw', () => {
    const css = cssString('Case "C-1"</style>\\\n<x>');
    expect(css.slice(1, -1)).not.toMatch(/["<>\n]|\\(?![0-9a-f]+ )/);
    expect(css).toBe('"Case \\22 C-1\\22 \\3c /style\\3e \\5c \\a \\3c x\\3e "');
    expect(() => styleBlock('p { color: red } </style><script>')).toThrow(/must not contain "<"/);
  });
});
