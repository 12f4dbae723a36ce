/**
 * Sets every modification time in a ZIP (an XLSX) to 1980-01-01 00:00, the DOS epoch, so that the same
 * workbook content gives the same bytes on every run: the committed samples can then be checked byte for
 * byte against the generator. Walks the central directory from the end record; CRCs do not cover times.
 */
export function fixZipTimes(zip: Uint8Array): Uint8Array {
  const out = zip.slice();
  const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
  let eocd = -1;
  for (let i = out.length - 22; i >= Math.max(0, out.length - 22 - 65535); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('not a ZIP file: no end of central directory');
  const entries = view.getUint16(eocd + 10, true);
  let p = view.getUint32(eocd + 16, true);
  const DOS_DATE_1980_01_01 = (0 << 9) | (1 << 5) | 1;
  for (let k = 0; k < entries; k++) {
    if (view.getUint32(p, true) !== 0x02014b50) throw new Error('damaged ZIP central directory');
    view.setUint16(p + 12, 0, true);
    view.setUint16(p + 14, DOS_DATE_1980_01_01, true);
    const local = view.getUint32(p + 42, true);
    view.setUint16(local + 10, 0, true);
    view.setUint16(local + 12, DOS_DATE_1980_01_01, true);
    p += 46 + view.getUint16(p + 28, true) + view.getUint16(p + 30, true) + view.getUint16(p + 32, true);
  }
  return out;
}
