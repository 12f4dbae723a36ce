/**
 * The parts of an XLSX workbook the import needs (ECMA-376 Part 1, SpreadsheetML): the sheets in order with their
 * part names (workbook.xml and its relationships), the shared strings, and which cell styles are dates (styles.xml:
 * built-in date formats 14–22, 27–36, 45–47, 50–58, or a custom format with day, month, year or time codes).
 */
import { decodeXstring, streamXml } from './xlsx-xml';
import { type InflateBudget, type ZipEntry } from './zip-entries';

export interface WorkbookParts {
  sheets: { name: string; part: string }[];
  sharedStrings: string[];
  /** Style indexes (the cell's `s`) whose number format is a date or time. */
  dateStyles: Set<number>;
}

const BUILTIN_DATES = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

/** True when a custom number format shows a date or time: d, m, y, h or s outside quotes, brackets and escapes. */
export function isDateFormat(code: string): boolean {
  const bare = code.replace(/"[^"]*"|\[[^\]]*\]|\\.|_.|\*./g, '');
  return /[dmyhs]/i.test(bare) && !/^[#0.,%E+\-\s]*$/i.test(bare);
}

/** Joins a relationship target to the workbook's folder (`worksheets/sheet1.xml` → `xl/worksheets/sheet1.xml`). */
function partName(target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = ['xl'];
  for (const p of target.split('/')) {
    if (p === '..') parts.pop();
    else if (p !== '.' && p !== '') parts.push(p);
  }
  return parts.join('/');
}

/** Reads workbook.xml, its relationships, sharedStrings.xml and styles.xml. Throws ZipError or XmlError. */
export function readWorkbookParts(bytes: Uint8Array, entries: Map<string, ZipEntry>, budget: InflateBudget): WorkbookParts {
  const workbook = entries.get('xl/workbook.xml');
  if (!workbook) throw new Error('it has no xl/workbook.xml');
  const sheetRefs: { name: string; rid: string }[] = [];
  streamXml(bytes, workbook, budget, {
    open: (name, a) => {
      if (name === 'sheet') sheetRefs.push({ name: a.name ?? '', rid: a['r:id'] ?? Object.entries(a).find(([k]) => k.endsWith(':id'))?.[1] ?? '' });
    },
  });
  const targets = new Map<string, string>();
  const rels = entries.get('xl/_rels/workbook.xml.rels');
  if (rels) streamXml(bytes, rels, budget, { open: (name, a) => name === 'Relationship' && a.Id && a.Target && targets.set(a.Id, partName(a.Target)) });
  const sheets = sheetRefs.map((s, i) => ({ name: s.name, part: targets.get(s.rid) ?? `xl/worksheets/sheet${i + 1}.xml` }));

  const sharedStrings: string[] = [];
  const strings = entries.get('xl/sharedStrings.xml');
  if (strings) {
    // <si> holds <t>, or rich-text runs <r><t>; phonetic hints <rPh><t> are not part of the value.
    let current: string | null = null;
    let inText = false;
    let phonetic = 0;
    streamXml(bytes, strings, budget, {
      open: (name) => {
        if (name === 'si') current = '';
        else if (name === 'rPh') phonetic++;
        else if (name === 't' && phonetic === 0) inText = true;
      },
      close: (name) => {
        if (name === 'si') {
          sharedStrings.push(decodeXstring(current ?? ''));
          current = null;
        } else if (name === 'rPh') phonetic--;
        else if (name === 't') inText = false;
      },
      text: (t) => {
        if (inText && current !== null) current += t;
      },
    });
  }

  const dateStyles = new Set<number>();
  const styles = entries.get('xl/styles.xml');
  if (styles) {
    const customDates = new Set<number>();
    let inXfs = false;
    let xf = 0;
    streamXml(bytes, styles, budget, {
      open: (name, a) => {
        if (name === 'numFmt' && isDateFormat(a.formatCode ?? '')) customDates.add(Number(a.numFmtId));
        else if (name === 'cellXfs') inXfs = true;
        else if (name === 'xf' && inXfs) {
          const id = Number(a.numFmtId ?? 0);
          if (BUILTIN_DATES.has(id) || customDates.has(id)) dateStyles.add(xf);
          xf++;
        }
      },
      close: (name) => {
        if (name === 'cellXfs') inXfs = false;
      },
    });
  }
  return { sheets, sharedStrings, dateStyles };
}
