/**
 * Several Arrow IPC streams in one file, by table name: a 4-byte magic "SWTB", then per table the length of its name
 * (uint32, little-endian), the name (UTF-8), the length of its bytes (uint32) and the bytes. Used for the app's view
 * tables kept between opens (renderer/data/ui-tables-cache.ts). Reading checks every length against the file and
 * throws on anything else, so that a cut or foreign file is never half read.
 */
import { fromUtf8, utf8 } from '../util/text';

const MAGIC = [0x53, 0x57, 0x54, 0x42];

/** The tables' IPC bytes as one file. O(total bytes). */
export function encodeTableBundle(tables: ReadonlyMap<string, Uint8Array>): Uint8Array {
  const names = [...tables.keys()].map((n) => utf8(n));
  const size = 4 + names.reduce((s, n, i) => s + 8 + n.byteLength + [...tables.values()][i].byteLength, 0);
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  out.set(MAGIC, 0);
  let at = 4;
  for (const [i, bytes] of [...tables.values()].entries()) {
    view.setUint32(at, names[i].byteLength, true);
    out.set(names[i], at + 4);
    at += 4 + names[i].byteLength;
    view.setUint32(at, bytes.byteLength, true);
    out.set(bytes, at + 4);
    at += 4 + bytes.byteLength;
  }
  return out;
}

/** The tables of a bundle (views on its bytes, not copies); throws when the bytes are not a whole bundle. */
export function decodeTableBundle(bytes: Uint8Array): Map<string, Uint8Array> {
  if (bytes.byteLength < 4 || MAGIC.some((b, i) => bytes[i] !== b)) throw new Error('not a table bundle');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tables = new Map<string, Uint8Array>();
  let at = 4;
  const take = (): Uint8Array => {
    if (at + 4 > bytes.byteLength) throw new Error('table bundle cut short');
    const n = view.getUint32(at, true);
    if (at + 4 + n > bytes.byteLength) throw new Error('table bundle cut short');
    const part = bytes.subarray(at + 4, at + 4 + n);
    at += 4 + n;
    return part;
  };
  while (at < bytes.byteLength) {
    const name = fromUtf8(take());
    tables.set(name, take());
  }
  return tables;
}
