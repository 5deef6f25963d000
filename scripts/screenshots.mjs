/**
 * Writes a PNG of each console screen, light and dark, into docs/screenshots/ (npm run
 * screenshots). It starts the same node as the browser tests (demo data plus the screens'
 * extras), signs in as the demo analyst (the admin for peers and audit), and waits for each
 * screen's content before the shot.
 */
import { mkdirSync } from 'node:fs';
import { signIn, startConsole } from '../test/browser/support/console.ts';
import { IDS, USERS } from '../test/browser/support/world.ts';

const OUT = 'docs/screenshots';
mkdirSync(OUT, { recursive: true });

/** [file name, URL, what to wait for (a role and name), admin?] */
const SCREENS = (advisoryId) => [
  ['home', '/', ['heading', 'Recent intake']],
  ['search', '/search?q=Example%20infrastructure', ['table', 'Search results']],
  ['object-overview', `/objects/${IDS.hafnium}`, ['tab', 'Overview']],
  ['object-relationships', `/objects/${IDS.hafnium}?tab=relationships`, ['table', 'Relationships']],
  ['object-graph', `/objects/${IDS.hafnium}?tab=graph`, ['table', 'Graph as a table']],
  ['object-sightings', `/objects/${IDS.hafnium}?tab=sightings`, ['tab', 'Sightings']],
  ['object-versions', `/objects/${IDS.versioned}?tab=versions`, ['table', 'Differences between versions']],
  ['object-sharing', `/objects/${IDS.versioned}?tab=sharing`, ['table', 'Who can see this object']],
  ['object-raw', `/objects/${IDS.versioned}?tab=raw`, ['heading', 'Validation']],
  ['attribution', '/attribution', ['table', null]],
  ['advisories', '/advisories', ['table', 'Advisories']],
  ['advisory', `/advisories/${encodeURIComponent(advisoryId)}`, ['timer', null]],
  ['peers', '/peers', ['heading', 'closed-port'], true],
  ['audit', '/audit', ['table', 'Audit events, newest first'], true],
];

const c = await startConsole();
let failures = 0;
try {
  for (const theme of ['light', 'dark']) {
    const signInPage = await c.newPage({ colorScheme: theme });
    await signInPage.setViewportSize({ width: 1280, height: 800 });
    await signInPage.goto('/');
    await signInPage.getByLabel('Username').waitFor();
    await signInPage.screenshot({ path: `${OUT}/sign-in-${theme}.png` });
    const pages = {};
    for (const who of ['analyst', 'admin']) {
      const page = await c.newPage({ colorScheme: theme });
      await page.setViewportSize({ width: 1280, height: 900 });
      await signIn(page, USERS[who]);
      pages[who] = page;
    }
    for (const [name, url, [role, label], admin] of SCREENS(c.world.advisoryId)) {
      const page = admin ? pages.admin : pages.analyst;
      await page.goto(url);
      try {
        await page.getByRole(role, label ? { name: label } : {}).first().waitFor({ timeout: 10_000 });
        // Graph layout and fonts settle after the data arrives.
        await page.waitForTimeout(name === 'object-graph' ? 1500 : 200);
      } catch {
        failures++;
        process.stderr.write(`screenshots: ${name} (${theme}) did not show its content; shot taken anyway\n`);
      }
      await page.screenshot({ path: `${OUT}/${name}-${theme}.png`, fullPage: true });
    }
  }
} finally {
  await c.close();
}
process.stdout.write(`screenshots written to ${OUT}/ (${failures} screen(s) incomplete)\n`);
process.exit(failures > 0 ? 1 : 0);
