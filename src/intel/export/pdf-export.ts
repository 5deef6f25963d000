/**
 * The PDF export: the HTML export printed by headless Chromium (Debian's `chromium` package,
 * driven by playwright-core over its pipe), with JavaScript disabled, the context offline and
 * every request aborted, so an untrusted body can neither run nor fetch anything. The TLP label
 * is repeated in each page's header and footer.
 */
import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { IntelError } from '../intel-error.js';
import type { AdvisoryDocument } from './advisory-document.js';
import { advisoryHtml, escapeHtml } from './html-export.js';
import { TLP_COLOURS } from './tlp-colours.js';

/** Where Debian's `chromium` package installs the browser. */
export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

/** Options of advisoryPdf. */
export interface PdfOptions {
  /** The Chromium executable (default /usr/bin/chromium). */
  readonly executablePath?: string;
  /** Longest the rendering may take, in milliseconds (default 60,000). */
  readonly timeoutMs?: number;
}

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** True when the Chromium executable exists (the PDF export needs it). */
export function pdfRendererAvailable(executablePath = DEFAULT_CHROMIUM): boolean {
  return existsSync(executablePath);
}

function banner(doc: AdvisoryDocument): string {
  const { foreground, background } = TLP_COLOURS[doc.tlp];
  return `<div style="width:100%;text-align:center;font-size:9px;font-family:monospace"><span style="color:${foreground};background:${background};padding:1px 6px;font-weight:bold;-webkit-print-color-adjust:exact">${escapeHtml(doc.tlpLabel)}</span></div>`;
}

/** The advisory as a PDF (A4); throws INTEL_PDF_UNAVAILABLE without Chromium, INTEL_EXPORT_FAILED on failure. */
export async function advisoryPdf(doc: AdvisoryDocument, options: PdfOptions = {}): Promise<Buffer> {
  const executablePath = options.executablePath ?? DEFAULT_CHROMIUM;
  const timeout = options.timeoutMs ?? 60_000;
  if (!pdfRendererAvailable(executablePath)) {
    throw new IntelError(
      'INTEL_PDF_UNAVAILABLE',
      `no Chromium at ${executablePath} (Debian: apt-get install chromium)`,
    );
  }
  let browser: Browser;
  try {
    // Loaded on first use: the library is large, and only the PDF export needs it.
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath, args: ARGS, timeout });
  } catch (cause) {
    throw new IntelError(
      'INTEL_PDF_UNAVAILABLE',
      `Chromium did not start: ${(cause as Error).message.split('\n')[0]}`,
      { cause },
    );
  }
  try {
    const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
    await context.route('**/*', (route) => route.abort());
    const page = await context.newPage();
    page.setDefaultTimeout(timeout);
    await page.setContent(advisoryHtml(doc), { waitUntil: 'load' });
    return await page.pdf({
      format: 'A4',
      printBackground: true,
      displayHeaderFooter: true,
      headerTemplate: banner(doc),
      footerTemplate: `${banner(doc)}<div style="width:100%;text-align:center;font-size:8px"><span class="pageNumber"></span> / <span class="totalPages"></span></div>`,
      margin: { top: '18mm', bottom: '20mm', left: '15mm', right: '15mm' },
    });
  } catch (cause) {
    if (cause instanceof IntelError) throw cause;
    throw new IntelError(
      'INTEL_EXPORT_FAILED',
      `PDF rendering failed: ${(cause as Error).message.split('\n')[0]}`,
      { cause },
    );
  } finally {
    await browser.close();
  }
}
