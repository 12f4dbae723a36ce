/**
 * export:print-pdf: renders the report's self-contained HTML to PDF in a hidden window of its own in-memory
 * session, with JavaScript off, no preload, no network (only its one page and data:/blob: images) and a CSP
 * that forbids scripts and frames. Glue only; the URL rules are in node/host/app-protocol.ts.
 */
import { BrowserWindow, session, type Session } from 'electron';
import { randomUUID } from 'node:crypto';
import { isAllowedPrintRequestUrl, PRINT_CONTENT_SECURITY_POLICY, printPageUrl, printTokenOf } from '../node/host/app-protocol';
import { lockedWebPreferences, lockSession, lockWebContents } from './security';

/** How long one print may take before it is abandoned, in milliseconds. */
const PRINT_TIMEOUT_MS = 120_000;

const pages = new Map<string, string>();
let printSession: Session | null = null;

function getPrintSession(log: (message: string) => void): Session {
  if (printSession) return printSession;
  // No "persist:" prefix: the session lives in memory only and leaves nothing on disk.
  const ses = session.fromPartition('sigwb-print');
  lockSession(ses, (m) => log(`print: ${m}`), isAllowedPrintRequestUrl);
  ses.protocol.handle('app', (request) => {
    const token = printTokenOf(request.url);
    const html = token ? pages.get(token) : undefined;
    const headers = { 'Content-Security-Policy': PRINT_CONTENT_SECURITY_POLICY, 'X-Content-Type-Options': 'nosniff' };
    if (html === undefined) return new Response('not found', { status: 404, headers: { ...headers, 'Content-Type': 'text/plain' } });
    return new Response(html, { status: 200, headers: { ...headers, 'Content-Type': 'text/html; charset=utf-8' } });
  });
  printSession = ses;
  return ses;
}

/** PDF bytes of `html` (A4, backgrounds printed, tagged, with an outline from its headings). */
export async function printToPdf(html: string, log: (message: string) => void): Promise<Uint8Array> {
  const token = randomUUID();
  const url = printPageUrl(token);
  pages.set(token, html);
  const win = new BrowserWindow({
    show: false,
    width: 1240,
    height: 1754,
    webPreferences: { ...lockedWebPreferences, session: getPrintSession(log), javascript: false, devTools: false, images: true, backgroundThrottling: false },
  });
  lockWebContents(win.webContents, (m) => log(`print: ${m}`), (u) => u === url);
  let timer: NodeJS.Timeout | undefined;
  try {
    const work = (async () => {
      await win.loadURL(url);
      // The report's own CSS sets the page size and the @page margin boxes (case id, label, page numbers).
      return win.webContents.printToPDF({ printBackground: true, preferCSSPageSize: true, generateTaggedPDF: true, generateDocumentOutline: true });
    })();
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`printing the report took longer than ${PRINT_TIMEOUT_MS / 1000} s`)), PRINT_TIMEOUT_MS);
    });
    const pdf = await Promise.race([work, timeout]);
    return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
  } finally {
    clearTimeout(timer);
    pages.delete(token);
    win.destroy();
  }
}
