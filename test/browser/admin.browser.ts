/**
 * Home, peers and audit in chromium against a real node: the morning page's sections, each
 * peer's state with a step-by-step connection test, and the audit log (admins only, newest
 * first, with the organisation).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { axeViolations, type Console, signIn, startConsole } from './support/console.js';
import { USERS } from './support/world.js';

let c: Console;
let admin: Page;
before(async () => {
  c = await startConsole();
  admin = await c.newPage();
  await signIn(admin, USERS.admin);
});
after(async () => {
  await c?.close();
});

describe('home', () => {
  it('shows intake, signatures awaited, embargoes, peers and sightings', async () => {
    const analyst = await c.newPage();
    await signIn(analyst, USERS.analyst);
    for (const name of [
      'Recent intake',
      'Advisories awaiting my signature',
      'Embargoes running',
      'Peer health',
      'Recent sightings',
    ])
      await analyst.getByRole('heading', { level: 2, name }).waitFor();
    const awaiting = analyst
      .locator('section')
      .filter({ has: analyst.getByRole('heading', { name: 'Advisories awaiting my signature' }) });
    await awaiting.getByRole('link', { name: 'Edge device exploitation' }).waitFor();
    assert.deepEqual(await axeViolations(analyst), []);
  });
});

describe('peers', () => {
  it("shows each peer's last pull and push, lag and last error, and tests the connection step by step", async () => {
    await admin.goto('/peers');
    const peer = admin
      .locator('section')
      .filter({ has: admin.getByRole('heading', { name: 'closed-port' }) });
    await peer.waitFor();
    const text = await peer.innerText();
    for (const label of ['Last pull', 'Last push', 'Lag', 'Last errors'])
      assert.match(text, new RegExp(label));
    // Issue 17: counters kept apart per direction. Every run fails to connect (the world's own,
    // then the served node's background runs): only transport errors move.
    const pulled = peer.locator('h3:text-is("Pulled") + dl.counters');
    const counts = (await pulled.locator('div').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
    assert.deepEqual(counts.slice(0, 5), [
      'new 0',
      'updated 0',
      'unchanged 0',
      'refused by policy 0',
      'invalid 0',
    ]);
    assert.match(counts[5] ?? '', /^transport errors [1-9]\d*$/);
    assert.match(text, /Pushed/);
    assert.deepEqual(await axeViolations(admin), []);
    await peer.getByRole('button', { name: 'Test connection to closed-port' }).click();
    const steps = peer.locator('ol.steps li');
    await steps.first().waitFor();
    assert.match(await steps.last().innerText(), /✗ .*: failed/);
    assert.deepEqual(c.incidents, []);
  });
});

describe('audit', () => {
  it('lists events newest first with their organisation, for admins', async () => {
    await admin.goto('/audit');
    const table = admin.getByRole('table', { name: 'Audit events, newest first' });
    await table.waitFor();
    const times = await table
      .locator('tbody tr td:first-child time')
      .evaluateAll((els) => els.map((e) => (e as unknown as { dateTime: string }).dateTime));
    assert.ok(times.length > 0);
    const sorted = [...times].sort((a, b) => Date.parse(b) - Date.parse(a));
    assert.deepEqual(times, sorted);
    assert.match(await table.innerText(), /Government/);
    assert.deepEqual(await axeViolations(admin), []);
  });

  it('is not offered to analysts, and refuses them when asked', async () => {
    const analyst = await c.newPage();
    await signIn(analyst, USERS.analyst);
    assert.equal(
      await analyst.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit' }).count(),
      0,
    );
    await analyst.goto('/audit');
    await analyst.getByRole('alert').filter({ hasText: 'You may not see this page.' }).waitFor();
  });
});
