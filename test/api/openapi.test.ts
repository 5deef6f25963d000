/**
 * Issue 17: `GET /api/openapi.json` is an OpenAPI 3.1 document of every route the API plugin
 * registered (derived from the routes themselves), each with its summary, and
 * docs/reference/api.md documents each of them.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTE_DOCS } from '../../src/server/api/openapi.js';
import { basic, type Fixture, makeFixture } from '../taxii/support/taxii-fixture.js';

let f: Fixture;
let doc: {
  openapi: string;
  paths: Record<
    string,
    Record<string, { summary: string; parameters: { name: string; in: string }[]; requestBody?: unknown }>
  >;
};

beforeAll(async () => {
  f = await makeFixture();
  const res = await f.app.inject({
    method: 'GET',
    url: '/api/openapi.json',
    headers: { authorization: basic('bob') },
  });
  expect(res.statusCode).toBe(200);
  doc = res.json();
});
afterAll(async () => {
  await f.close();
});

const operations = () =>
  Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
  );

describe('GET /api/openapi.json', () => {
  it('is OpenAPI 3.1 and lists exactly the routes registered, each with its summary', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(operations().sort()).toEqual(Object.keys(ROUTE_DOCS).sort());
    for (const [path, ops] of Object.entries(doc.paths))
      for (const [method, op] of Object.entries(ops))
        expect(op.summary, `${method} ${path}`).toBe(ROUTE_DOCS[`${method.toUpperCase()} ${path}`]?.summary);
  });

  it('every operation listed is a route the server answers (not 404 API_NOT_FOUND)', async () => {
    for (const op of operations()) {
      const [method, path] = op.split(' ') as [string, string];
      const url = path
        .replace('{id}', 'indicator--00000000-0000-4000-8000-000000000000')
        .replace('{name}', 'x');
      const res = await f.app.inject({
        method: method as 'GET',
        url,
        headers: { authorization: basic('bob') },
      });
      const code = res.body === '' ? undefined : (res.json() as { error?: { code?: string } }).error?.code;
      expect(code, op).not.toBe('API_NOT_FOUND');
    }
  });

  it('derives parameters and bodies from the route schemas', () => {
    const search = doc.paths['/api/search']?.get;
    expect(search?.parameters.map((p) => `${p.in}:${p.name}`)).toEqual([
      'query:q',
      'query:type',
      'query:limit',
      'query:cursor',
    ]);
    expect(doc.paths['/api/objects/{id}/view']?.get?.parameters).toEqual([
      expect.objectContaining({ name: 'id', in: 'path' }),
    ]);
    expect(doc.paths['/api/search/values']?.post?.requestBody).toBeDefined();
  });

  it('docs/reference/api.md documents every route', () => {
    const md = readFileSync(new URL('../../docs/reference/api.md', import.meta.url), 'utf8');
    const headings = [...md.matchAll(/^###.*$/gm)].map((m) => m[0]);
    for (const op of operations()) {
      const [method, path] = op.split(' ') as [string, string];
      const bare = path.replace(/\{id\}/g, 'ID').replace(/\{name\}/g, 'NAME');
      const stem = bare.split('/').slice(0, 4).join('/');
      const found = headings.some((h) => h.includes(method) && (h.includes(bare) || h.includes(stem)));
      expect(found, `${op} has a heading in api.md`).toBe(true);
    }
  });
});
