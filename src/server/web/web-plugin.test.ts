/**
 * The web console's serving (docs/guides/web-console.md): index.html at each console URL so a
 * link opens directly, hashed assets cached for good, the security headers on every answer,
 * and nothing taken from /taxii2/, /api/ or any other URL.
 */

import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../store/index.js';
import { buildServer } from '../build-server.js';
import { CONSOLE_CSP, CYTOSCAPE_STYLE } from './security-headers.js';
import { CONSOLE_ROUTES } from './web-plugin.js';
import { findWebRoot } from './web-root.js';

const INDEX =
  '<!doctype html><title>console</title><script type="module" src="/assets/app-1234.js"></script>';
let dir: string;
let store: Store;
let app: FastifyInstance;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'accord-web-'));
  const root = join(dir, 'web');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), INDEX);
  writeFileSync(join(root, 'assets', 'app-1234.js'), 'console.log(1)');
  store = await openStore(join(dir, 'node.db'));
  app = buildServer({ store, webRoot: root });
});
afterAll(async () => {
  await app.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('web plugin', () => {
  it.each([
    '/',
    '/search?q=APT28',
    '/objects/indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f?tab=raw',
    '/attribution',
    '/advisories',
    '/advisories/adv-1',
    '/peers',
    '/audit',
  ])('answers index.html at %s without caching it', async (url) => {
    const res = await app.inject({ method: 'GET', url });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.body).toBe(INDEX);
  });

  it('lists exactly the console URLs of the contract', () => {
    expect([...CONSOLE_ROUTES].sort()).toEqual(
      [
        '/',
        '/search',
        '/objects/:id',
        '/attribution',
        '/advisories',
        '/advisories/:id',
        '/peers',
        '/audit',
      ].sort(),
    );
  });

  it('sets the CSP, nosniff, same-origin referrers and no framing on pages and assets', async () => {
    for (const url of ['/', '/assets/app-1234.js']) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-security-policy']).toBe(CONSOLE_CSP);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('same-origin');
      expect(res.headers['x-frame-options']).toBe('DENY');
    }
  });

  it('allows no inline script, no eval and no framing in its CSP', () => {
    const directives = new Map(
      CONSOLE_CSP.split(';').map((d) => {
        const [name = '', ...values] = d.trim().split(/\s+/);
        return [name, values] as const;
      }),
    );
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('default-src')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(CONSOLE_CSP).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
  });

  it("allows by hash only the stylesheet cytoscape inserts, as cytoscape's source writes it", () => {
    const hash = createHash('sha256').update(CYTOSCAPE_STYLE).digest('base64');
    const styleSrc = CONSOLE_CSP.split(';').find((d) => d.trim().startsWith('style-src'));
    expect(styleSrc?.trim()).toBe(`style-src 'self' 'sha256-${hash}'`);
    // If an upgrade changes the rule, the hash no longer matches and the graph loses its style.
    const require = createRequire(import.meta.url);
    const source = readFileSync(join(dirname(require.resolve('cytoscape')), 'cytoscape.esm.mjs'), 'utf8');
    expect(source).toContain("'__________cytoscape_container'");
    expect(source).toContain("stylesheet.textContent = '.' + className + ' { position: relative; }'");
  });

  it('caches hashed assets for good and answers unknown assets as not found', async () => {
    const asset = await app.inject({ method: 'GET', url: '/assets/app-1234.js' });
    expect(asset.headers['cache-control']).toMatch(/immutable/);
    expect(asset.headers['content-type']).toMatch(/javascript/);
    const missing = await app.inject({ method: 'GET', url: '/assets/nope.js' });
    expect(missing.statusCode).toBe(404);
    const traversal = await app.inject({ method: 'GET', url: '/assets/..%2findex.html' });
    expect(traversal.statusCode).toBe(404);
  });

  it('leaves /taxii2/, /api/ and other URLs to their own answers', async () => {
    const taxii = await app.inject({
      method: 'GET',
      url: '/taxii2/',
      headers: { accept: 'application/taxii+json;version=2.1' },
    });
    expect(taxii.statusCode).toBe(401);
    expect(taxii.headers['content-security-policy']).toBeUndefined();
    const api = await app.inject({ method: 'GET', url: '/api/objects/x' });
    expect(api.statusCode).toBe(401);
    expect(api.body).not.toBe(INDEX);
    for (const url of ['/objects/a/b', '/nowhere', '/index.html']) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode).toBe(404);
      expect(res.headers['content-type']).toMatch(/^application\/taxii\+json/);
    }
  });
});

describe('findWebRoot', () => {
  it('finds dist/web of the package above a module, or null when not built', () => {
    const pkg = join(dir, 'pkg');
    mkdirSync(join(pkg, 'dist', 'cli', 'chunks'), { recursive: true });
    writeFileSync(join(pkg, 'package.json'), '{}');
    const from = join(pkg, 'dist', 'cli', 'chunks', 'serve-abc.js');
    expect(findWebRoot(from)).toBeNull();
    mkdirSync(join(pkg, 'dist', 'web'));
    writeFileSync(join(pkg, 'dist', 'web', 'index.html'), INDEX);
    expect(findWebRoot(from)).toBe(join(pkg, 'dist', 'web'));
  });
});
