/**
 * Renders a self-contained HTML report to PDF with Chromium through playwright-core (the CLI's renderer;
 * the desktop app prints through Electron's own Chromium). Chromium runs headless with the flags that keep
 * it off the network, and every request the page makes is refused: a report needs none, and one that asked
 * for something would otherwise leak that it was opened.
 */
import { existsSync } from 'node:fs';
import { RefusedError } from './context';

/** Debian's and Ubuntu's Chromium; override with CHROMIUM_PATH. */
export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
}

export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * PDF bytes of an HTML document: US Letter from the document's @page rule, backgrounds printed. The bytes differ
 * at every print (Chromium writes the creation time and a random document id), so a PDF report is checked through
 * the HTML it was printed from (shared/reporting/report-hash.ts, verify-report.ts) and its own SHA-256 as written.
 */
export async function renderPdf(htmlText: string): Promise<Uint8Array> {
  const executablePath = chromiumPath();
  if (!existsSync(executablePath)) throw new RefusedError(`PDF needs Chromium, not found at ${executablePath} (set CHROMIUM_PATH, or write .html)`);
  // Loaded on first use: Chromium's driver is large and only PDF reports need it.
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_FLAGS });
  try {
    const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
    const page = await context.newPage();
    await page.route('**/*', (route) => route.abort());
    await page.setContent(htmlText, { waitUntil: 'load' });
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true, tagged: true, outline: true });
    return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
  } finally {
    await browser.close();
  }
}
