/**
 * One real node and one real browser for a browser suite: `accord serve` (from src, serving the
 * built console in dist/web) on a free port, Debian's chromium driven by playwright-core, and
 * helpers to sign in, to watch for CSP violations, dialogs and page errors, and to run axe.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { type World, worldForSuite } from './world.js';

const CHROMIUM = process.env.ACCORD_CHROMIUM ?? '/usr/bin/chromium';

/** A running node, a browser, and what went wrong in its pages. */
export interface Console {
  readonly url: string;
  readonly world: World;
  readonly browser: Browser;
  /** CSP violations, page errors and dialogs seen so far (each test expects none). */
  readonly incidents: string[];
  newPage(options?: { colorScheme?: 'light' | 'dark' }): Promise<Page>;
  close(): Promise<void>;
}

async function startNode(db: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/cli/main.ts', 'serve', '--port', '0', '--db', db],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NODE_ENV: 'test' },
    },
  );
  let err = '';
  child.stderr?.on('data', (c) => {
    err += String(c);
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (c) => {
      out += String(c);
      const m = /accord listening on (\S+)/.exec(out);
      if (m?.[1]) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`accord serve exited ${code}: ${err}`)));
  });
  return { child, url };
}

/** Starts the node and the browser. */
export async function startConsole(): Promise<Console> {
  const world = await worldForSuite();
  const { child, url } = await startNode(world.db);
  const stopNode = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  };
  let browser: Browser;
  try {
    // playwright-core gives each launch a fresh --user-data-dir of its own (and refuses one
    // passed as an argument), removed when the browser closes.
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  } catch (err) {
    await stopNode();
    throw err;
  }
  const incidents: string[] = [];
  const contexts: BrowserContext[] = [];
  return {
    url,
    world,
    browser,
    incidents,
    async newPage(options = {}) {
      const context = await browser.newContext({ baseURL: url, colorScheme: options.colorScheme ?? 'light' });
      contexts.push(context);
      const page = await context.newPage();
      // Every wait is for something the node answers in well under a second.
      page.setDefaultTimeout(10_000);
      page.on('pageerror', (e) => incidents.push(`page error: ${e.message}`));
      page.on('dialog', (d) => {
        incidents.push(`dialog: ${d.message()}`);
        void d.dismiss();
      });
      page.on('console', (m) => {
        if (/Content Security Policy/i.test(m.text())) incidents.push(`CSP: ${m.text()}`);
      });
      return page;
    },
    async close() {
      for (const c of contexts) await c.close().catch(() => {});
      await browser.close();
      await stopNode();
      rmSync(world.dir, { recursive: true, force: true });
    },
  };
}

/** Signs in through the form (labels and button of CONTRACT.md "Web console"). */
export async function signIn(
  page: Page,
  [username, password]: readonly [string, string],
  path = '/',
): Promise<void> {
  await page.goto(path);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
}

/** WCAG 2.0, 2.1 and 2.2 A and AA rules. */
const JSON_TAGS = JSON.stringify(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']);

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's serious and critical violations on the page as it is (WCAG 2.x A and AA rules). */
export async function axeViolations(page: Page): Promise<string[]> {
  // Injected through the DevTools protocol (evaluate), which page CSP does not govern.
  await page.evaluate(AXE);
  const violations = await page.evaluate<{ id: string; impact: string; targets: string[] }[]>(`
    axe
      .run(document, { runOnly: { type: 'tag', values: ${JSON_TAGS} } })
      .then((r) => r.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        targets: v.nodes.map((n) => JSON.stringify(n.target)),
      })))
  `);
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.targets.slice(0, 3).join(', ')}`);
}
