/**
 * The object page (`/objects/ID`) in chromium against a real node: search → object page → each
 * of the seven tabs (CONTRACT.md "Web console"), keyboard use of the tabs, and axe on each.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { axeViolations, type Console, signIn, startConsole } from './support/console.js';
import { IDS, USERS } from './support/world.js';

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

const TABS = ['Overview', 'Relationships', 'Graph', 'Sightings', 'Versions', 'Sharing', 'Raw'];

async function openTab(name: string): Promise<void> {
  await page.getByRole('tab', { name, exact: true }).click();
  assert.equal(await page.getByRole('tab', { name, exact: true }).getAttribute('aria-selected'), 'true');
  assert.equal(new URL(page.url()).searchParams.get('tab'), name === 'Overview' ? null : name.toLowerCase());
}

describe('object page', () => {
  it('opens from search with the name as heading, its facts and the seven tabs', async () => {
    await page.goto('/search?q=HAFNIUM');
    await page.getByRole('link', { name: 'HAFNIUM', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'HAFNIUM' }).waitFor();
    assert.equal(new URL(page.url()).pathname, `/objects/${IDS.hafnium}`);
    const tabs = await page.getByRole('tab').allInnerTexts();
    assert.deepEqual(tabs, TABS);
    const facts = await page.locator('.facts').innerText();
    assert.match(facts, /intrusion-set/);
    assert.match(facts, /Author/);
    assert.deepEqual(await axeViolations(page), []);
  });

  it('shows the relationships of both directions, with a type filter in the URL', async () => {
    await openTab('Relationships');
    const table = page.getByRole('table', { name: 'Relationships' });
    await table.waitFor();
    assert.match(await table.innerText(), /attributed-to/);
    assert.match(await table.innerText(), /→ outgoing/);
    await page.getByLabel('Type').selectOption('attributed-to');
    assert.equal(new URL(page.url()).searchParams.get('rtype'), 'attributed-to');
    assert.deepEqual(await axeViolations(page), []);
  });

  it('draws the graph with a table alternative, and expands a neighbour', async () => {
    await openTab('Graph');
    const table = page.getByRole('table', { name: 'Graph as a table' });
    await table.waitFor();
    await page.locator('.graph-canvas canvas').first().waitFor();
    const before = await table.locator('tbody tr').count();
    assert.ok(before > 0);
    await table
      .getByRole('button', { name: /^Expand / })
      .first()
      .click();
    await page.waitForURL(/expand=/);
    await page.waitForFunction(
      (n) =>
        (
          globalThis as unknown as { document: { querySelectorAll(s: string): { length: number } } }
        ).document.querySelectorAll('.graph table tbody tr').length > n,
      before,
    );
    assert.deepEqual(await axeViolations(page), []);
  });

  it('lists sightings with their count', async () => {
    await page.goto(`/objects/${IDS.sighted}?tab=sightings`);
    const table = page.getByRole('table', { name: 'Sightings' });
    await table.waitFor();
    assert.match(await table.innerText(), /\b12\b/);
    assert.deepEqual(await axeViolations(page), []);
  });

  it('diffs two versions, property by property', async () => {
    await page.goto(`/objects/${IDS.versioned}`);
    await page.getByRole('heading', { level: 1, name: 'ShadowPad' }).waitFor();
    await openTab('Versions');
    const diff = page.getByRole('table', { name: 'Differences between versions' });
    await diff.waitFor();
    const rows = await diff.locator('tbody tr').allInnerTexts();
    assert.ok(rows.some((r) => /^aliases\s+added/.test(r) && r.includes('PoisonPlug')));
    assert.ok(rows.some((r) => /^description\s+changed/.test(r) && r.includes('sold privately')));
    assert.ok(rows.some((r) => /^modified\s+changed/.test(r)));
    await page.getByLabel('Compare version').selectOption('2');
    await page.getByText('No differences between these versions.').waitFor();
    assert.equal(new URL(page.url()).searchParams.get('from'), '2');
    assert.deepEqual(await axeViolations(page), []);
  });

  it('explains who can see the object and why', async () => {
    await openTab('Sharing');
    const table = page.getByRole('table', { name: 'Who can see this object' });
    await table.waitFor();
    const own = table.getByRole('row').filter({ hasText: 'United Kingdom Government' });
    assert.match(await own.innerText(), /✓ yes/);
    assert.deepEqual(await axeViolations(page), []);
  });

  it("shows the validator's verdict beside the JSON", async () => {
    await openTab('Raw');
    await page.getByText('✓ Valid STIX 2.1').waitFor();
    assert.match(await page.locator('.json-scroll').innerText(), new RegExp(`"id": "${IDS.versioned}"`));
    assert.deepEqual(await axeViolations(page), []);
  });

  it('moves between tabs with the arrow keys, and opens a tab from its URL', async () => {
    await page.goto(`/objects/${IDS.versioned}?tab=raw`);
    await page.getByText('✓ Valid STIX 2.1').waitFor();
    await page.getByRole('tab', { name: 'Raw' }).focus();
    // The selection follows a render: wait for it rather than read the attribute at once.
    await page.keyboard.press('ArrowRight');
    await page.getByRole('tab', { name: 'Overview', selected: true }).waitFor();
    await page.keyboard.press('End');
    await page.getByRole('tab', { name: 'Raw', selected: true }).waitFor();
    assert.deepEqual(c.incidents, []);
  });
});
