import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { bundleChunks, writeBundle } from './bundle-writer.js';

const indicator = (i: number) => ({
  type: 'indicator',
  spec_version: '2.1',
  id: `indicator--${String(i).padStart(8, '0')}-0000-4000-8000-000000000000`,
  created: '2024-01-01T00:00:00.000Z',
  modified: '2024-01-01T00:00:00.000Z',
  pattern: `[ipv4-addr:value = '198.51.100.${i % 256}']`,
  pattern_type: 'stix',
  valid_from: '2024-01-01T00:00:00Z',
});

async function* generate(n: number) {
  for (let i = 0; i < n; i++) yield indicator(i);
}

const text = async (chunks: AsyncIterable<string>) => {
  let out = '';
  for await (const c of chunks) out += c;
  return out;
};

describe('streamed STIX 2.1 bundles (8.1)', () => {
  it('8.1 writes a bundle of the objects in order, without spec_version', async () => {
    const bundle = JSON.parse(
      await text(bundleChunks(generate(3), { id: 'bundle--5d0092c5-5f74-4287-9642-33f4c354e56d' })),
    );
    expect(bundle).toEqual({
      type: 'bundle',
      id: 'bundle--5d0092c5-5f74-4287-9642-33f4c354e56d',
      objects: [indicator(0), indicator(1), indicator(2)],
    });
  });

  it('8.1 an empty export is still a bundle; a new id per bundle by default', async () => {
    const a = JSON.parse(await text(bundleChunks([])));
    const b = JSON.parse(await text(bundleChunks([])));
    expect(a.objects).toEqual([]);
    expect(a.id).toMatch(/^bundle--[0-9a-f-]{36}$/);
    expect(a.id).not.toBe(b.id);
  });

  it('hands on one object per chunk: memory never holds more than one object of the input', async () => {
    let pending = 0;
    let most = 0;
    async function* counted() {
      for (let i = 0; i < 1000; i++) {
        pending++;
        most = Math.max(most, pending);
        yield indicator(i);
      }
    }
    for await (const chunk of bundleChunks(counted()))
      if (chunk.startsWith(',') || chunk.startsWith('\n{')) pending--;
    expect(most).toBe(1);
  });

  it('waits for a slow destination to drain (backpressure) and counts the objects', async () => {
    let received = '';
    let drains = 0;
    const slow = new Writable({
      highWaterMark: 256,
      write(chunk, _encoding, done) {
        received += String(chunk);
        setImmediate(done);
      },
    });
    slow.on('drain', () => drains++);
    const { objects } = await writeBundle(generate(200), slow);
    await new Promise<void>((resolve) => slow.end(resolve));
    expect(objects).toBe(200);
    expect(drains).toBeGreaterThan(10);
    expect(JSON.parse(received).objects).toHaveLength(200);
  });
});
