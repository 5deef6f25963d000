/**
 * CONTRACT.md "Web console": signing in through the form (Username, Password, Sign in), the
 * shell, signing out; the page's security headers as a browser sees them.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { axeViolations, type Console, signIn, startConsole } from './support/console.js';
import { USERS } from './support/world.js';

let c: Console;
before(async () => {
  c = await startConsole();
});
after(async () => {
  await c?.close();
});

describe('sign-in', () => {
  it('shows the sign-in form at any console URL, with no serious accessibility violation', async () => {
    const page = await c.newPage();
    const res = await page.goto('/search?q=HAFNIUM');
    assert.equal(res?.status(), 200);
    await page.getByLabel('Username').waitFor();
    assert.ok(await page.getByLabel('Password').isVisible());
    assert.ok(await page.getByRole('button', { name: 'Sign in' }).isVisible());
    assert.deepEqual(await axeViolations(page), []);
    const csp = res?.headers()['content-security-policy'] ?? '';
    assert.match(csp, /script-src 'self'(;|$)/);
    assert.match(csp, /frame-ancestors 'none'/);
  });

  it('refuses a wrong password with a message and no session', async () => {
    const page = await c.newPage();
    await page.goto('/');
    await page.getByLabel('Username').fill(USERS.analyst[0]);
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'Wrong username or password' }).waitFor();
    const cookies = await page.context().cookies();
    assert.equal(cookies.length, 0);
  });

  it('signs in, keeps the URL asked for, shows the organisation, and signs out', async () => {
    const page = await c.newPage();
    await signIn(page, USERS.analyst, '/search?q=HAFNIUM');
    assert.equal(new URL(page.url()).pathname, '/search');
    await page.getByRole('heading', { level: 1, name: 'Search: HAFNIUM' }).waitFor();
    assert.ok(await page.getByText('United Kingdom Government').first().isVisible());
    const [cookie] = await page.context().cookies();
    assert.equal(cookie?.httpOnly, true);
    assert.notEqual(cookie?.sameSite, 'None');
    // Nothing of the session is kept where scripts can read it.
    const stored = await page.evaluate<string>(
      'JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }) + document.cookie',
    );
    assert.doesNotMatch(stored, /csrf|session|token/i);
    await page.getByRole('button', { name: USERS.analyst[0] }).click();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('Username').waitFor();
    await page.reload();
    await page.getByLabel('Username').waitFor();
    assert.deepEqual(c.incidents, []);
  });

  it('has no serious accessibility violation in the dark theme, contrast included', async () => {
    const page = await c.newPage({ colorScheme: 'dark' });
    await signIn(page, USERS.admin);
    const screens: [string, string][] = [
      ['/', 'Recent intake'],
      ['/search?q=Example%20infrastructure', 'Search: Example infrastructure'],
      ['/objects/intrusion-set--1d24ce2e-0f0f-4e65-8b84-e1ef0b236a01?tab=raw', 'Validation'],
      ['/attribution', 'Attribution'],
      ['/advisories', 'Advisories'],
      ['/peers', 'closed-port'],
      ['/audit', 'Audit'],
    ];
    for (const [url, heading] of screens) {
      await page.goto(url);
      await page.getByRole('heading', { name: heading }).first().waitFor();
      // Let the screen's data arrive (each waits on one API answer).
      await page.waitForLoadState('networkidle');
      assert.deepEqual(await axeViolations(page), [], url);
    }
  });

  it('toggles the theme and honours the system preference', async () => {
    const page = await c.newPage({ colorScheme: 'dark' });
    await signIn(page, USERS.analyst);
    assert.equal(await page.locator('html').getAttribute('data-theme'), 'dark');
    await page.getByRole('button', { name: 'Dark theme' }).click();
    assert.equal(await page.locator('html').getAttribute('data-theme'), 'light');
  });
});
