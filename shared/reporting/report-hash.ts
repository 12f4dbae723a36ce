/**
 * A report's own SHA-256, and reading a report's embedded manifest back.
 *
 * A file cannot hold the SHA-256 of its own bytes, so a report's SHA-256 is defined as the SHA-256 of its HTML
 * file's UTF-8 bytes after every occurrence of the 64-character value itself is deleted; equivalently, of the
 * HTML rendered with an empty value in its place (how it is computed). Anyone can check it without the workbench:
 *
 *     sed "s/<value>//g" report.html | sha256sum
 *
 * The value is printed in the report and sits in its embedded manifest (report.report_sha256), so a PDF printed
 * from the HTML names the HTML it came from. The PDF's own bytes are hashed as they are written (its manifest's
 * output.sha256 and the audit log): Chromium's PDF bytes hold creation times and ids and differ at every print.
 */
import { sha256OfText } from '../util/sha256';
import { MANIFEST_ELEMENT_ID } from './report-document';

/** The definition, as the report states it. */
export const REPORT_HASH_DEFINITION =
  'the SHA-256 of the report\'s HTML file (UTF-8) after every occurrence of the 64-character value itself is deleted (check with: sed "s/VALUE//g" report.html | sha256sum); a PDF is printed from that HTML, and its own SHA-256, taken as it was written, is in its manifest';

export class ReportReadError extends Error {
  override name = 'ReportReadError';
}

/** The text with every occurrence of `sha256` deleted. */
export function withoutOwnHash(text: string, sha256: string): string {
  return sha256 === '' ? text : text.split(sha256).join('');
}

/** The report's SHA-256 per the definition above, from its text as written. */
export async function ownHashOf(text: string, sha256: string): Promise<string> {
  return sha256OfText(withoutOwnHash(text, sha256));
}

/**
 * Renders a report twice: with an empty hash, whose SHA-256 is the report's, then with that value in place.
 * Throws when the value shows up anywhere else (it cannot, short of a SHA-256 preimage; the check keeps the
 * definition honest).
 */
export async function hashedReport(render: (sha256: string) => string): Promise<{ html: string; sha256: string }> {
  const blank = render('');
  const sha256 = await sha256OfText(blank);
  const text = render(sha256);
  if (withoutOwnHash(text, sha256) !== blank) throw new Error('report hash: the rendered report does not reduce to its blank form');
  return { html: text, sha256 };
}

const OPEN = `<script type="application/json" id="${MANIFEST_ELEMENT_ID}">`;

/** The JSON of the manifest a report embeds; ReportReadError when there is none or it does not parse. */
export function embeddedManifest(text: string): unknown {
  const start = text.indexOf(OPEN);
  if (start < 0) throw new ReportReadError('the file holds no Signature Workbench manifest (is it a report?)');
  const end = text.indexOf('</script>', start);
  if (end < 0) throw new ReportReadError('the report\'s manifest is cut off');
  try {
    return JSON.parse(text.slice(start + OPEN.length, end));
  } catch (e) {
    throw new ReportReadError(`the report's manifest is not valid JSON: ${(e as Error).message}`);
  }
}
