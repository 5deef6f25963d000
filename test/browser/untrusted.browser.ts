/**
 * What the analyst must not see or run: a hidden object's page looks exactly like a missing
 * one's (CONTRACT.md "Sharing rules": hidden ≡ absent), and STIX text with script, onerror and
 * javascript: probes is shown as text, runs nothing and opens no dialog.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { axeViolations, type Console, signIn, startConsole } from './support/console.js';
import { IDS, USERS, XSS_NAME } from './support/world.js';

let c: Console;
let analyst: Page;
before(async () => {
  c = await startConsole();
  analyst = await c.newPage();
  await signIn(analyst, USERS.analyst);
});
after(async () => {
  await c?.close();
});

/** The page as a person sees it, with the id asked for replaced by a placeholder. */
async function seen(page: Page, id: string, tab = ''): Promise<string> {
  await page.goto(`/objects/${id}${tab}`);
  await page.getByRole('heading', { level: 1 }).waitFor();
  const main = await page.locator('main').innerHTML();
  return main.split(id).join('ID');
}

describe('hidden objects', () => {
  it("shows a TLP:RED object of another organisation exactly as a missing id's page", async () => {
    const hidden = await seen(analyst, IDS.hidden);
    const missing = await seen(analyst, IDS.missing);
    assert.equal(hidden, missing);
    assert.match(hidden, /Object not found/);
    // Each tab of the URL too.
    assert.equal(
      await seen(analyst, IDS.hidden, '?tab=sharing'),
      await seen(analyst, IDS.missing, '?tab=sharing'),
    );
    assert.deepEqual(await axeViolations(analyst), []);
  });

  it('shows that object to its producer, so the case above is about visibility', async () => {
    const partner = await c.newPage();
    await signIn(partner, USERS.partner);
    await partner.goto(`/objects/${IDS.hidden}`);
    await partner.getByRole('heading', { level: 1, name: 'Red partner indicator' }).waitFor();
    assert.ok(await partner.getByText('TLP:RED').first().isVisible());
  });
});

describe('untrusted STIX text', () => {
  it('renders script in a name and a description as text, running nothing', async () => {
    await analyst.goto(`/objects/${IDS.xss}`);
    const heading = analyst.getByRole('heading', { level: 1 });
    await heading.waitFor();
    assert.equal(await heading.innerText(), XSS_NAME);
    await analyst.getByText('bold', { exact: true }).waitFor();
    // Markdown ran (bold is <strong>), raw HTML did not: no element came from the text.
    assert.equal(await analyst.locator('main img, main script, main iframe').count(), 0);
    assert.equal(await analyst.locator('.markdown strong').innerText(), 'bold');
    assert.match(
      await analyst.locator('.markdown').innerText(),
      /<script>window\.__xss=2;alert\(2\)<\/script>/,
    );
    // The javascript: link is not a link.
    assert.equal(await analyst.locator('main a[href^="javascript"]').count(), 0);
    await analyst.getByText('[click](javascript:window.__xss=3)').waitFor();
    for (const tab of ['Raw', 'Versions', 'Graph']) {
      await analyst.getByRole('tab', { name: tab }).click();
      await analyst.waitForTimeout(300);
    }
    await analyst.goto(`/search?q=${encodeURIComponent(IDS.xss)}`);
    await analyst.getByRole('link', { name: XSS_NAME }).waitFor();
    assert.equal(await analyst.evaluate('window.__xss'), undefined);
    assert.deepEqual(c.incidents, []);
  });
});
