/**
 * The HTML and PDF exports of an advisory whose body tries to run scripts and fetch remote
 * resources, opened in a real browser (Debian's Chromium) with JavaScript ON and the network
 * open to a probe server on loopback: nothing runs, nothing is fetched. A control page shows
 * the probe would notice. Skipped, saying why, only when Chromium is not installed.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  advisoryDocument,
  advisoryHtml,
  advisoryPdf,
  DEFAULT_CHROMIUM,
  draftAdvisory,
  pdfRendererAvailable,
  unwrap,
} from '../../src/intel/index.js';
import { storedObject } from '../../src/policy/index.js';
import { timestampMicros } from '../../src/stix/index.js';

const HAVE_CHROMIUM = pdfRendererAvailable();
const WHY = HAVE_CHROMIUM
  ? ''
  : ` [skipped: no Chromium at ${DEFAULT_CHROMIUM}; install it with apt-get install -y chromium]`;

const UK = 'identity--2d09d5ed-32df-42fb-87c9-ffefd81c4d0a';
const US = 'identity--4ab32302-7220-4632-8e73-fdb72b421a70';
const INDICATOR = {
  type: 'indicator',
  spec_version: '2.1',
  id: 'indicator--13e2ad4f-e0ca-4655-a4bd-43337dcca3af',
  created: '2021-07-01T00:00:00.000Z',
  modified: '2021-07-01T00:00:00.000Z',
  name: 'Example infrastructure',
  pattern: "[ipv4-addr:value = '203.0.113.17']",
  pattern_type: 'stix',
  valid_from: '2021-07-01T00:00:00Z',
};

function hostileBody(probe: string): string {
  return [
    '# Findings',
    `<script>window.pwned = 1; fetch('${probe}/script-fetch')</script>`,
    `<img src="${probe}/raw.png" onerror="window.pwned = 2">`,
    `![tracker](${probe}/md.png)`,
    `[click](javascript:window.pwned=3)`,
    `<iframe src="${probe}/frame"></iframe><link rel="stylesheet" href="${probe}/s.css">`,
    `<style>@import url("${probe}/i.css"); body { background: url("${probe}/bg.png") }</style>`,
    `<svg><image href="${probe}/svg.png"/></svg><video poster="${probe}/poster.png"></video>`,
    `<meta http-equiv="refresh" content="0; url=${probe}/refresh">`,
  ].join('\n\n');
}

describe(`advisory exports in a browser: no script runs, nothing is fetched${WHY}`, () => {
  let server: Server;
  let probe = '';
  const hits: string[] = [];
  let browser: Browser | undefined;
  let dir = '';

  beforeAll(async () => {
    server = createServer((req, res) => {
      hits.push(req.url ?? '');
      res.writeHead(200, { 'content-type': 'text/plain' }).end('probe');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    probe = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    dir = mkdtempSync(join(tmpdir(), 'accord-export-'));
    if (HAVE_CHROMIUM)
      browser = await chromium.launch({
        executablePath: DEFAULT_CHROMIUM,
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'],
      });
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  const exported = () => {
    const { report } = unwrap(
      draftAdvisory(
        {
          title: 'Probe advisory',
          body: hostileBody(probe),
          cosigners: [UK, US],
          releaseAt: '2021-07-19T12:00:00.000Z',
          refs: [INDICATOR.id],
          drafter: UK,
          tlp: 'green',
        },
        {
          now: timestampMicros('2021-07-15T00:00:00.000Z')!,
          resolve: (id) => (id === INDICATOR.id ? storedObject(INDICATOR) : undefined),
        },
      ),
    );
    return advisoryDocument({
      report,
      organisationNames: new Map([
        [UK, 'United Kingdom Government'],
        [US, 'United States Government'],
      ]),
      referenced: [storedObject(INDICATOR)],
    });
  };

  /** Opens a page with JavaScript on and the network open; returns what the page's script state says. */
  async function open(url: string): Promise<unknown> {
    const context = await (browser as Browser).newContext({ javaScriptEnabled: true });
    try {
      const page = await context.newPage();
      await page.goto(url, { waitUntil: 'networkidle' });
      return await page.evaluate('window.pwned');
    } finally {
      await context.close();
    }
  }

  it.skipIf(!HAVE_CHROMIUM)(
    'control: without the export, the same markup runs a script and hits the probe',
    async () => {
      const file = join(dir, 'control.html');
      writeFileSync(
        file,
        `<!DOCTYPE html><html><body><script>window.pwned = 1</script><img src="${probe}/control.png"></body></html>`,
      );
      hits.length = 0;
      expect(await open(pathToFileURL(file).href)).toBe(1);
      expect(hits).toContain('/control.png');
    },
  );

  it.skipIf(!HAVE_CHROMIUM)('HTML export opened as a file: no script, no request', async () => {
    const file = join(dir, 'advisory.html');
    writeFileSync(file, advisoryHtml(exported()));
    hits.length = 0;
    expect(await open(pathToFileURL(file).href)).toBeUndefined();
    expect(hits).toEqual([]);
  });

  it.skipIf(!HAVE_CHROMIUM)(
    'PDF export: a PDF with the title, TLP label, co-signers, release time and indicators; no request',
    async () => {
      hits.length = 0;
      const pdf = await advisoryPdf(exported());
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(hits).toEqual([]);
      const file = join(dir, 'advisory.pdf');
      writeFileSync(file, pdf);
      let text: string | undefined;
      try {
        text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
      } catch {
        text = undefined; // poppler-utils absent: the checks above still hold
      }
      if (text !== undefined) {
        for (const shown of [
          'Probe advisory',
          'TLP:GREEN',
          'United Kingdom Government',
          'United States Government',
          '2021-07-19T12:00:00.000Z',
          '203.0.113.17',
          '[image: tracker',
        ]) {
          expect(text).toContain(shown);
        }
      }
    },
  );

  it('PDF export without Chromium fails with INTEL_PDF_UNAVAILABLE', async () => {
    await expect(advisoryPdf(exported(), { executablePath: join(dir, 'no-chromium') })).rejects.toMatchObject(
      { code: 'INTEL_PDF_UNAVAILABLE' },
    );
  });
});
