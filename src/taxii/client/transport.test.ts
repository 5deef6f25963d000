import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { writeSelfSignedCertificate } from '../../../test/support/self-signed.js';
import { waitFor } from '../../../test/support/wait-for.js';
import { TaxiiClientError } from './errors.js';
import { backoffDelay, parseRetryAfter, retryPolicy } from './retry-policy.js';
import { TaxiiClient } from './taxii-client.js';
import {
  type Reply,
  type ScriptedServer,
  type Seen,
  startScriptedServer,
} from './test-support/scripted-server.js';
import type { RetryNotice } from './transport.js';

const OK = { status: 200, body: { collections: [] } } as const;
const servers: ScriptedServer[] = [];
afterEach(async () => {
  while (servers.length > 0) await servers.pop()?.close();
});

async function serve(handler: (req: Seen, i: number) => Reply, tls?: { key: string; cert: string }) {
  const s = await startScriptedServer(handler, tls);
  servers.push(s);
  return s;
}

function recorder(): { notices: RetryNotice[]; onRetry: (n: RetryNotice) => void } {
  const notices: RetryNotice[] = [];
  return { notices, onRetry: (n) => notices.push(n) };
}

describe('retries', () => {
  it('retries 503 and 502 with backoff, then succeeds', async () => {
    const s = await serve((_r, i) => (i < 2 ? { status: i === 0 ? 503 : 502, body: { title: 'busy' } } : OK));
    const r = recorder();
    const client = new TaxiiClient({ retry: { baseDelayMs: 4 }, onRetry: r.onRetry, random: () => 0.5 });
    expect(await client.collections(`${s.url}/a/`)).toEqual([]);
    expect(s.seen.length).toBe(3);
    // full jitter with random()=0.5: half of base*2^(n-1)
    expect(r.notices.map((n) => n.delayMs)).toEqual([2, 4]);
  });

  it('honours Retry-After in seconds and as an HTTP-date on 429', async () => {
    const date = new Date(Date.now() + 2_000).toUTCString();
    const s = await serve((_r, i) => {
      if (i === 0) return { status: 429, headers: { 'retry-after': '0' }, body: { title: 'slow down' } };
      if (i === 1) return { status: 429, headers: { 'retry-after': date }, body: { title: 'slow down' } };
      return OK;
    });
    const r = recorder();
    const client = new TaxiiClient({ retry: { baseDelayMs: 1, maxRetryAfterMs: 50 }, onRetry: r.onRetry });
    await client.collections(`${s.url}/a/`);
    expect(r.notices[0]?.delayMs).toBe(0);
    // the HTTP-date is ~2 s away, cut to maxRetryAfterMs
    expect(r.notices[1]?.delayMs).toBe(50);
  });

  it('gives up after maxAttempts with the last status', async () => {
    const s = await serve(() => ({ status: 500, body: { title: 'boom' } }));
    const err = (await new TaxiiClient({ retry: { maxAttempts: 3, baseDelayMs: 1 } })
      .collections(`${s.url}/a/`)
      .catch((e: unknown) => e)) as TaxiiClientError;
    expect(err.code).toBe('TAXII_CLIENT_HTTP_STATUS');
    expect(err.httpStatus).toBe(500);
    expect(err.attempts).toBe(3);
    expect(s.seen.length).toBe(3);
  });

  it('retries a dropped connection, then reports TAXII_CLIENT_NETWORK', async () => {
    const s = await serve((_r, i) => (i === 0 ? { destroy: true } : OK));
    expect(await new TaxiiClient({ retry: { baseDelayMs: 1 } }).collections(`${s.url}/a/`)).toEqual([]);
    expect(s.seen.length).toBe(2);
    const port = await closedPort();
    const err = (await new TaxiiClient({ retry: { maxAttempts: 2, baseDelayMs: 1 } })
      .collections(`http://127.0.0.1:${port}/a/`)
      .catch((e: unknown) => e)) as TaxiiClientError;
    expect(err.code).toBe('TAXII_CLIENT_NETWORK');
    expect(err.attempts).toBe(2);
  });

  it('POSTs are retried too: adding an exact duplicate is not an error (5.5)', async () => {
    const status = {
      id: 's',
      status: 'complete',
      total_count: 1,
      success_count: 1,
      failure_count: 0,
      pending_count: 0,
    };
    const s = await serve((_r, i) =>
      i === 0 ? { status: 503, body: { title: 'busy' } } : { status: 202, body: status },
    );
    const st = await new TaxiiClient({ retry: { baseDelayMs: 1 } }).addObjects(`${s.url}/a/`, 'c', [
      { type: 'x' },
    ]);
    expect(st.success_count).toBe(1);
    expect(s.seen.map((r) => r.body)).toEqual([s.seen[0]?.body, s.seen[0]?.body]);
  });
});

describe('timeouts and cancellation', () => {
  it('times out each attempt, retries, then reports TAXII_CLIENT_TIMEOUT', async () => {
    const s = await serve(() => ({ hang: true }));
    const err = (await new TaxiiClient({ timeoutMs: 100, retry: { maxAttempts: 2, baseDelayMs: 1 } })
      .collections(`${s.url}/a/`)
      .catch((e: unknown) => e)) as TaxiiClientError;
    expect(err.code).toBe('TAXII_CLIENT_TIMEOUT');
    expect(s.seen.length).toBe(2);
  });

  it("the caller's AbortSignal cancels without retrying", async () => {
    const s = await serve(() => ({ hang: true }));
    const ctl = new AbortController();
    const pending = new TaxiiClient({ retry: { baseDelayMs: 1 } }).collections(`${s.url}/a/`, {
      signal: ctl.signal,
    });
    await waitFor(() => s.seen.length === 1, { message: 'the request to reach the server' });
    ctl.abort();
    await expect(pending).rejects.toMatchObject({ code: 'TAXII_CLIENT_ABORTED' });
    expect(s.seen.length).toBe(1);
  });
});

describe('TLS', () => {
  it('verifies certificates by default and trusts a given CA', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'accord-tls-'));
    try {
      writeSelfSignedCertificate(join(dir, 'key.pem'), join(dir, 'cert.pem'), ['IP:127.0.0.1']);
      const key = readFileSync(join(dir, 'key.pem'), 'utf8');
      const cert = readFileSync(join(dir, 'cert.pem'), 'utf8');
      const s = await serve(() => OK, { key, cert });
      const err = (await new TaxiiClient({ retry: { maxAttempts: 3 } })
        .collections(`${s.url}/a/`)
        .catch((e: unknown) => e)) as TaxiiClientError;
      expect(err).toBeInstanceOf(TaxiiClientError);
      expect(err.code).toBe('TAXII_CLIENT_TLS');
      expect(err.attempts).toBe(1); // a bad certificate is not retried
      expect(await new TaxiiClient({ trustedCa: cert }).collections(`${s.url}/a/`)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('retry policy', () => {
  it('backoff stays within [0, min(max, base * 2^(attempt-1))]', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1000 }),
        fc.integer({ min: 0, max: 100_000 }),
        fc.integer({ min: 1, max: 60 }),
        fc.double({ min: 0, max: 0.999999, noNaN: true }),
        (base, max, attempt, r) => {
          const d = backoffDelay(retryPolicy({ baseDelayMs: base, maxDelayMs: max }), attempt, () => r);
          return d >= 0 && d <= Math.min(max, base * 2 ** (attempt - 1));
        },
      ),
    );
  });

  it('RFC 9110 10.2.3 Retry-After: seconds, HTTP-date, garbage', () => {
    const now = Date.parse('2024-01-01T00:00:00Z');
    expect(parseRetryAfter('7', now)).toBe(7000);
    expect(parseRetryAfter('Mon, 01 Jan 2024 00:00:03 GMT', now)).toBe(3000);
    expect(parseRetryAfter('Sun, 31 Dec 2023 00:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter(null, now)).toBeUndefined();
    fc.assert(
      fc.property(fc.string(), (v) => {
        const ms = parseRetryAfter(v, now);
        return ms === undefined || (Number.isFinite(ms) && ms >= 0);
      }),
    );
  });
});

async function closedPort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  const port = (srv.address() as { port: number }).port;
  await new Promise<void>((resolve) => srv.close(() => resolve()));
  return port;
}
