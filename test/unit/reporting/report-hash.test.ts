import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { embeddedManifest, hashedReport, ownHashOf, ReportReadError, withoutOwnHash } from '../../../shared/reporting/report-hash';
import { jsonScript } from '../../../shared/reporting/html';
import { MANIFEST_ELEMENT_ID } from '../../../shared/reporting/report-document';
import { firstDifference } from '../../../shared/reporting/verify-report';

const sha = (t: string) => createHash('sha256').update(t).digest('hex');
const page = (hash: string) => `<p>Report SHA-256 ${hash}</p>${jsonScript(MANIFEST_ELEMENT_ID, { report: { report_sha256: hash }, name: '</script><b>' }).html}\n`;

describe('report hash', () => {
  it('is the SHA-256 of the text with every occurrence of the value deleted, which sed and sha256sum reproduce', async () => {
    const { html, sha256 } = await hashedReport(page);
    expect(sha256).toBe(sha(page('')));
    expect(html).toBe(page(sha256));
    expect(withoutOwnHash(html, sha256)).toBe(page(''));
    expect(await ownHashOf(html, sha256)).toBe(sha256);
    let shell: string;
    try {
      shell = execFileSync('sh', ['-c', `sed "s/${sha256}//g" | sha256sum`], { input: html, encoding: 'utf8' });
    } catch {
      return;
    }
    expect(shell.slice(0, 64)).toBe(sha256);
  });

  it('notices one changed byte, and a render whose text depends on the hash other than by holding it', async () => {
    const { html, sha256 } = await hashedReport(page);
    expect(await ownHashOf(html.replace('Report', 'Reqort'), sha256)).not.toBe(sha256);
    await expect(hashedReport((h) => (h ? `${h} and more` : 'blank'))).rejects.toThrow(/does not reduce to its blank form/);
  });

  it('reads the embedded manifest back, and says why when it cannot', () => {
    expect(embeddedManifest(page('abc'))).toEqual({ report: { report_sha256: 'abc' }, name: '</script><b>' });
    expect(() => embeddedManifest('<p>no</p>')).toThrow(ReportReadError);
    expect(() => embeddedManifest(page('x').replace('{', '{{'))).toThrow(/not valid JSON/);
  });

  it('locates the first difference by line with an excerpt of each side', () => {
    expect(firstDifference('a\nb\nkeep the same then X here\n', 'a\nb\nkeep the same then Y here\n')).toEqual({ line: 3, found: 'keep the same then X here', expected: 'keep the same then Y here' });
    expect(firstDifference('a\n', 'a\nb\n').line).toBe(2);
  });
});
