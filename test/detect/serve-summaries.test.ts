/**
 * `accord serve` publishes sighting summaries on a timer (CONTRACT.md "Detection": hourly; the
 * interval is an option so that this test need not wait an hour), with the same use case as
 * `accord sightings publish`, and stops with the server.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { nodeServices, startSummaryPublishing } from '../../src/core/index.js';
import { startServer } from '../../src/server/index.js';
import { eventually } from '../federation/support/node-process.js';
import { COLLECTION, DetectNode, dnsLine, domainIndicator, ORG_IDS } from './support/detect-node.js';

const node = new DetectNode();
const INDICATOR = domainIndicator(1, 'host1.example.com', { created_by_ref: ORG_IDS.a });

beforeAll(async () => {
  await node.setUp();
  await node.publish('a-ed', [INDICATOR]);
  for (const org of ['b', 'c', 'd']) await sightAs(org);
});
afterAll(() => node.destroy());

/** Every version of a's summary of the indicator (its id is chosen by the node). */
async function summaryVersions(): Promise<Record<string, unknown>[]> {
  const summary = (await node.seen('e-ed', ['sighting'])).find(
    (o) => o.summary === true && o.sighting_of_ref === INDICATOR.id,
  );
  return summary === undefined ? [] : node.versions(String(summary.id));
}

/** `detect --collection --store` as `<org>-ed` over one event of host1. */
async function sightAs(org: string, hour = 10): Promise<void> {
  const at = Date.parse(`2021-07-20T${hour}:00:00Z`) / 1000;
  const log = node.file(`${dnsLine('host1.example.com', at, `C${org}`)}\n`);
  const r = await node.cli([
    'detect',
    '--events',
    log,
    '--collection',
    COLLECTION,
    '--store',
    COLLECTION,
    '--as',
    `${org}-ed`,
  ]);
  expect(r.code, r.err).toBe(0);
}

describe('accord serve publishes sighting summaries', { timeout: 60_000 }, () => {
  it('on its timer, as the producer organisation', async () => {
    const server = await startServer({
      store: await node.open(),
      host: '127.0.0.1',
      port: 0,
      log: false,
      summaryIntervalMs: 100,
    });
    try {
      expect(await eventually(async () => (await summaryVersions()).length > 0, 20_000)).toBe(true);
      const [summary] = await summaryVersions();
      expect(summary).toMatchObject({ count: 3, created_by_ref: ORG_IDS.a, summary: true });
    } finally {
      await server.close();
    }
  });

  it('once per interval, a new version only when something changed, and never after stop', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const store = await node.open();
    const runs: string[] = [];
    try {
      const schedule = startSummaryPublishing(nodeServices(store), {
        intervalMs: 60_000,
        onRun: (o) => runs.push('error' in o ? `${o.orgId} error` : `${o.orgId} ${o.report.published}`),
      });
      vi.advanceTimersByTime(59_999);
      expect(runs).toEqual([]);
      vi.advanceTimersByTime(1);
      await schedule.runOnce(); // the run the timer started, awaited
      // Every organisation at home here (no peers) that may write the collection; only a has indicators.
      expect(runs.filter((r) => r.startsWith('a '))).toHaveLength(1);
      await sightAs('e');
      vi.advanceTimersByTime(60_000);
      await schedule.runOnce();
      expect(runs.filter((r) => r.startsWith('a ')).slice(1)).toEqual(['a 1']);
      expect((await summaryVersions()).map((v) => v.count)).toEqual([3, 4]);
      await schedule.stop();
      const before = runs.length;
      vi.advanceTimersByTime(10 * 60_000);
      expect(runs.length).toBe(before);
    } finally {
      vi.useRealTimers();
      await store.close();
    }
  });
});
