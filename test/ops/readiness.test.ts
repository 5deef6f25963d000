/** Issue 20: `GET /readyz` answers 200 while the store answers on its migrated schema, else 503; `/healthz` stays 200. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/server/index.js';
import { openStore } from '../../src/store/index.js';

const dir = mkdtempSync(join(tmpdir(), 'accord-ops-ready-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('/healthz and /readyz', () => {
  it('/readyz answers 200 while the store answers, 503 once it does not; /healthz stays 200', async () => {
    const store = await openStore(join(dir, 'probe.db'));
    const app = buildServer({ store });
    try {
      expect((await app.inject({ url: '/readyz' })).json()).toEqual({ status: 'ready' });
      await store.close();
      const down = await app.inject({ url: '/readyz' });
      expect(down.statusCode).toBe(503);
      expect(down.json()).toEqual({ status: 'unavailable' });
      expect((await app.inject({ url: '/healthz' })).statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });
});
