/**
 * Streaming XML for the XLSX reader: saxes (the strict, iterative parser jsdom uses; no recursion, so a sheet of
 * any length cannot overflow the stack as the previous reader did at 100,000 rows), fed from an entry inflated in
 * chunks. Element names are taken without their namespace prefix (`x:row` is `row`): some writers prefix SpreadsheetML.
 */
import { SaxesParser } from 'saxes';
import { inflateEntry, type InflateBudget, type ZipEntry } from './zip-entries';

export interface XmlHandlers {
  open?: (name: string, attributes: Record<string, string>) => void;
  close?: (name: string) => void;
  text?: (text: string) => void;
}

export class XmlError extends Error {
  override name = 'XmlError';
}

const local = (name: string) => {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
};

/** Streams one entry's XML through the handlers; throws XmlError naming the part for malformed XML. O(entry). */
export function streamXml(bytes: Uint8Array, entry: ZipEntry, budget: InflateBudget, handlers: XmlHandlers): void {
  const parser = new SaxesParser({ position: false });
  let failure: Error | null = null;
  parser.on('error', (e) => {
    failure ??= e;
  });
  if (handlers.open) {
    const open = handlers.open;
    parser.on('opentag', (tag) => open(local(tag.name), tag.attributes as Record<string, string>));
  }
  if (handlers.close) {
    const close = handlers.close;
    parser.on('closetag', (tag) => close(local(tag.name)));
  }
  if (handlers.text) {
    parser.on('text', handlers.text);
    parser.on('cdata', handlers.text);
  }
  const decoder = new TextDecoder('utf-8');
  const fail = () => {
    if (failure) throw new XmlError(`its part ${entry.name} is not well-formed XML (${failure.message.split('\n')[0]})`);
  };
  inflateEntry(bytes, entry, budget, (chunk) => {
    parser.write(decoder.decode(chunk, { stream: true }));
    fail();
  });
  parser.write(decoder.decode());
  parser.close();
  fail();
}

/**
 * A spreadsheet string as stored, decoded: XML 1.0 cannot hold most control characters, so Excel writes them as
 * `_xHHHH_` (ECMA-376 Part 1, 22.9.2.19 ST_Xstring), and a literal `_x` as `_x005F_x`. Decoded, a control character
 * is seen as what it is (and refused at the end of a value: blank.ts) instead of imported as the text `_x000B_`.
 */
export function decodeXstring(s: string): string {
  return s.includes('_x') ? s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))) : s;
}
