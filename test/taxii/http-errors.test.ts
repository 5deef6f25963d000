/**
 * TAXII 2.1 section 3.6.1: every HTTP error is a TAXII error resource with the TAXII media
 * type, including those Node's parser and timers answer before a route runs (400 malformed
 * request line, 431 headers over 16 KiB, 408 too slow) and Fastify's own 400 and 414.
 */
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/server/index.js';
import { openStore, type Store } from '../../src/store/index.js';
import { parseResponse, rawExchange } from './support/raw-http.js';
import { TAXII } from './support/taxii-fixture.js';

let app: FastifyInstance;
let store: Store;
let port: number;
beforeAll(async () => {
  store = await openStore(':memory:');
  app = buildServer({ store, connections: { headersTimeoutMs: 500, checkIntervalMs: 100 } });
  await app.listen({ host: '127.0.0.1', port: 0 });
  port = (app.server.address() as AddressInfo).port;
});
afterAll(async () => {
  await app.close();
  await store.close();
});

async function expectErrorResource(parts: readonly (string | Buffer)[], status: number, code: string) {
  const res = parseResponse(await rawExchange(port, parts));
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toBe(TAXII);
  expect(JSON.parse(res.body)).toEqual({
    title: expect.any(String),
    description: expect.any(String),
    error_id: expect.any(String),
    error_code: code,
    http_status: String(status),
  });
}

describe('3.6.1 errors raised before a route runs are TAXII error resources', () => {
  it('400 for a request line that is not HTTP', async () => {
    await expectErrorResource(['GARBAGE / NONSENSE\r\n\r\n'], 400, 'TAXII_BAD_REQUEST');
  });

  it('400 for a header line that is not a header', async () => {
    await expectErrorResource(
      ['GET /taxii2/ HTTP/1.1\r\nHost: x\r\nno colon here\r\n\r\n'],
      400,
      'TAXII_BAD_REQUEST',
    );
  });

  it('431 for headers larger than 16 KiB', async () => {
    const big = `GET /taxii2/ HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`;
    await expectErrorResource([big], 431, 'TAXII_HEADERS_TOO_LARGE');
  });

  it('431 for a request line longer than 16 KiB', async () => {
    await expectErrorResource(
      [`GET /taxii2/${'a'.repeat(20_000)}/ HTTP/1.1\r\nHost: x\r\n\r\n`],
      431,
      'TAXII_HEADERS_TOO_LARGE',
    );
  });

  it('414 for a path parameter over its length limit', async () => {
    const url = `/taxii2/api/collections/${'a'.repeat(400)}/objects/`;
    await expectErrorResource(
      [`GET ${url} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`],
      414,
      'TAXII_URI_TOO_LONG',
    );
  });

  it('400 for a URL Fastify cannot decode', async () => {
    await expectErrorResource(
      ['GET /taxii2/%zz/ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'],
      400,
      'TAXII_BAD_REQUEST',
    );
  });

  it('408 for headers that do not arrive within the headers timeout', async () => {
    await expectErrorResource(['GET /taxii2/ HTTP/1.1\r\nHost: x\r\n'], 408, 'TAXII_REQUEST_TIMEOUT');
  });
});
