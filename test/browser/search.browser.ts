/**
 * Search (`/search?q=`) and bulk paste, in chromium against a real node: results are links with
 * their TLP as text; an object the analyst may not see is neither found nor known.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { axeViolations, type Console, signIn, startConsole } from './support/console.js';
import { USERS } from './support/world.js';

let c: Console;
let page: Page;
before(async () => {
  c = await startConsole();
  page = await c.newPage();
  await signIn(page, USERS.analyst);
});
after(async () => {
  await c?.close();
});

describe('search', () => {
  it('searches from the shell and lists results as links to their pages', async () => {
    await page.getByRole('searchbox', { name: 'Search objects' }).fill('HAFNIUM');
    await page.getByRole('searchbox', { name: 'Search objects' }).press('Enter');
    await page.waitForURL('**/search?q=HAFNIUM');
    const results = page.getByRole('table', { name: 'Search results' });
    await results.waitFor();
    const row = results
      .getByRole('row')
      .filter({ has: page.getByRole('link', { name: 'HAFNIUM', exact: true }) });
    assert.equal(await row.count(), 1);
    assert.match(await row.innerText(), /intrusion-set/);
    assert.deepEqual(await axeViolations(page), []);
  });

  it('opens a search URL directly, keeps the type filter in it, and gives TLP as text', async () => {
    await page.goto('/search?q=Example%20infrastructure&type=indicator');
    const results = page.getByRole('table', { name: 'Search results' });
    await results.waitFor();
    assert.equal(await page.getByLabel('Type').inputValue(), 'indicator');
    assert.ok((await results.getByRole('link').count()) >= 3);
    const rowOf = (name: string) =>
      results.getByRole('row').filter({ has: page.getByRole('link', { name, exact: true }) });
    assert.match(
      await rowOf('Example infrastructure 4 (documentation value, not a real indicator)').innerText(),
      /TLP:AMBER/,
    );
    assert.match(
      await rowOf('Example infrastructure 1 (documentation value, not a real indicator)').innerText(),
      /TLP:CLEAR/,
    );
  });

  it('finds nothing of an object the analyst may not see, as for an unknown name', async () => {
    await page.goto('/search?q=Red%20partner%20indicator');
    await page.getByText('No results for “Red partner indicator”.').waitFor();
    await page.goto('/search?q=Nothing%20by%20this%20name');
    await page.getByText('No results for “Nothing by this name”.').waitFor();
  });

  it('tells known values from unknown ones in a bulk paste, a hidden value among the unknown', async () => {
    await page.goto('/search');
    await page.getByLabel('Values, one a line').fill('203.0.113.17\n198.51.100.77\n192.0.2.1');
    await page.getByRole('button', { name: 'Check values' }).click();
    await page.getByRole('heading', { name: 'Known (1)' }).waitFor();
    await page.getByRole('heading', { name: 'Unknown (2)' }).waitFor();
    const text = await page.locator('.bulk-result').innerText();
    const [known = '', unknown = ''] = text.split(/Unknown \(2\)/);
    assert.match(known, /203\.0\.113\.17/);
    assert.match(unknown, /198\.51\.100\.77/);
    assert.match(unknown, /192\.0\.2\.1/);
    assert.deepEqual(await axeViolations(page), []);
    assert.deepEqual(c.incidents, []);
  });
});
