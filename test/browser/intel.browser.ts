/**
 * Attribution and joint advisories in chromium against a real node: the consensus matrix (a
 * table, a row per subject, a column per organisation, dissent flagged, a cell opens the
 * claim) and an advisory's countdown on the server's clock, signing from the page and its
 * released state per node.
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

describe('attribution matrix', () => {
  it('is a table of subjects by organisations, with stance and confidence in words', async () => {
    await page.goto('/attribution');
    const table = page.getByRole('table', { name: /a row per subject, a column per organisation/ });
    await table.waitFor();
    const columns = await table.locator('thead th').allInnerTexts();
    assert.equal(columns[0], 'Subject');
    assert.ok(columns.includes('United Kingdom Government'));
    const hafnium = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: /HAFNIUM/ }) });
    assert.equal(await hafnium.count(), 1);
    const text = await hafnium.innerText();
    assert.match(text, /supports/);
    assert.match(text, /confidence \d+ \((None|Low|Med|High|[A-Z][a-z]+)/);
    // The EU's dispute of a HAFNIUM claim (demo data) is dissent, flagged in words.
    assert.match(text, /dissent/);
    assert.deepEqual(await axeViolations(page), []);
  });

  it('opens the claim and its evidence from a cell, in a dialog kept in the URL', async () => {
    const table = page.getByRole('table', { name: /a row per subject/ });
    const cell = table.getByRole('link', { name: /supports/ }).first();
    await cell.focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/attribution\?subject=.+&org=identity--/);
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    assert.match(await dialog.getByRole('heading', { level: 2 }).innerText(), / on /);
    const panel = dialog.getByRole('region', { name: 'Claim' }).first();
    await panel.getByRole('link', { name: 'Open the claim' }).waitFor();
    const text = await panel.innerText();
    assert.match(text, /supports/);
    assert.match(text, /Confidence\s+\d+ \((None|Low|Med|High)\)/);
    assert.match(text, /Author\s+\S/);
    assert.match(text, /\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC/);
    assert.match(text, /Evidence/);
    // Focus is inside the dialog; axe finds nothing serious with it open.
    assert.equal(
      await page.evaluate<boolean>("document.querySelector('dialog').contains(document.activeElement)"),
      true,
    );
    assert.deepEqual(await axeViolations(page), []);
    // The URL alone opens it again (state lives in the URL).
    const url = page.url();
    await page.goto(url);
    await page.getByRole('dialog').getByRole('link', { name: 'Open the claim' }).first().waitFor();
    // Escape closes it, leaves the URL state and puts focus back on the cell.
    await page.keyboard.press('Escape');
    await page.waitForURL(/\/attribution$/);
    assert.equal(await page.getByRole('dialog').count(), 0);
    await page.waitForFunction("document.activeElement?.hasAttribute('data-cell') === true");
    // From the dialog, the claim itself.
    await page.keyboard.press('Enter');
    await page.getByRole('dialog').getByRole('link', { name: 'Open the claim' }).first().click();
    await page.waitForURL(/\/objects\/relationship--/);
    await page.getByRole('heading', { level: 1 }).waitFor();
    assert.notEqual(await page.getByRole('heading', { level: 1 }).innerText(), 'Object not found');
  });

  it("lists a claim's evidence the reader sees as links to the objects (ADR 0002)", async () => {
    // The world's US claim on APT31 rests on the US statement and on a TLP:RED indicator of the
    // US: the demo user (UK) gets the statement, and nothing at all of the indicator.
    await page.goto('/attribution');
    const table = page.getByRole('table', { name: /a row per subject/ });
    await table.waitFor();
    const column = (await table.locator('thead th').allInnerTexts()).indexOf('United States Government');
    assert.ok(column > 0);
    const row = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: /^APT31/ }) });
    await row.locator('th, td').nth(column).getByRole('link').click();
    const dialog = page.getByRole('dialog', { name: /^United States Government on APT31/ });
    await dialog.getByRole('link', { name: 'Open the claim' }).waitFor();
    assert.match(await dialog.innerText(), /Confidence\s+75 \(High\)/);
    const evidence = dialog.locator('section ul a[href^="/objects/"]');
    const hrefs = await evidence.evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
    assert.deepEqual(hrefs, [`/objects/${IDS.usReport}`]);
    assert.doesNotMatch(await dialog.innerText(), /Red partner indicator|indicator--/);
    assert.deepEqual(await axeViolations(page), []);
    await dialog.getByRole('button', { name: 'Close' }).click();
    await page.waitForURL(/\/attribution$/);
    assert.deepEqual(c.incidents, []);
  });
});

describe('joint advisories', () => {
  it('lists advisories, one awaiting our signature', async () => {
    await page.goto('/advisories');
    const table = page.getByRole('table', { name: 'Advisories' });
    await table.waitFor();
    const row = table.getByRole('row').filter({ hasText: 'Edge device exploitation' });
    assert.match(await row.innerText(), /draft/);
    assert.match(await row.innerText(), /awaits your signature/);
    assert.deepEqual(await axeViolations(page), []);
  });

  it("counts down to the release on the server's clock, then signs from the page", async () => {
    // The browser's clock is a day late: the countdown must not move with it.
    await page.clock.install({ time: Date.now() - 86_400_000 });
    await page.goto(`/advisories/${encodeURIComponent(c.world.advisoryId)}`);
    await page.getByRole('heading', { level: 1, name: 'Edge device exploitation' }).waitFor();
    const timer = page.getByRole('timer');
    const remaining = Number(await timer.getAttribute('data-remaining-ms'));
    // Released three hours after the world was built: between two and three hours remain.
    assert.ok(remaining > 2 * 3600_000 && remaining <= 3 * 3600_000, `remaining ${remaining} ms`);
    assert.match(await timer.innerText(), /^0[12]:\d\d:\d\d$/);
    await page.clock.runFor(5000);
    assert.ok(Number(await timer.getAttribute('data-remaining-ms')) <= remaining - 4000);
    assert.match(await page.locator('main').innerText(), /\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC/);
    const cosigners = page.locator('main li').filter({ hasText: 'United Kingdom Government' });
    assert.match(await cosigners.innerText(), /not signed yet/);
    assert.deepEqual(await axeViolations(page), []);
    await page.getByRole('button', { name: 'Sign' }).click();
    await page.locator('main li').filter({ hasText: 'United Kingdom Government — signed' }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Sign' }).count(), 0);
    assert.deepEqual(c.incidents, []);
  });

  it('shows the released state on this node and on each peer as a table, in words (ADR 0022)', async () => {
    await page.goto(`/advisories/${encodeURIComponent(c.world.advisoryId)}`);
    const table = page.getByRole('table', { name: 'Released state per node' });
    await table.waitFor();
    const row = (name: RegExp) =>
      table.getByRole('row').filter({ has: page.getByRole('rowheader', { name }) });
    assert.match(await row(/^This node$/).innerText(), /not released yet/);
    // The world's peer pulls the demo collection and never answered: not seen yet. The
    // analyst is no administrator, so the peer is named by its organisation only.
    assert.match(await row(/^United States Government$/).innerText(), /not seen yet/);
    assert.doesNotMatch(await table.innerText(), /closed-port/);
    assert.deepEqual(await axeViolations(page), []);
    // The demo's advisory was released here in 2021: this node says so, with the time in UTC.
    await page.goto('/advisories?state=released');
    await page.getByRole('table', { name: 'Advisories' }).getByRole('link').first().click();
    await page.getByRole('table', { name: 'Released state per node' }).waitFor();
    const self = page
      .getByRole('table', { name: 'Released state per node' })
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader', { name: /^This node$/ }) });
    assert.match(await self.innerText(), /released\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC/);
    assert.deepEqual(c.incidents, []);
  });
});
