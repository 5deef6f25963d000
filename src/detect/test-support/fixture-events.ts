/** Test support: a fixture file read line by line through one adapter, and its events' STIX objects. */
import { readFileSync } from 'node:fs';
import { validateObject } from '../../stix/index.js';
import { createAdapter } from '../adapters/create-adapter.js';
import type { LineResult, LogFormat } from '../adapters/log-adapter.js';
import type { LogEvent } from '../model/log-event.js';
import { DEFAULT_SENSOR_IDENTITY, observedDataId } from '../output/detect-ids.js';
import { eventObjects, type StixJson } from '../output/stix-event.js';

/** The path of a fixture under test/fixtures/detect. */
export const fixture = (name: string): string =>
  new URL(`../../../test/fixtures/detect/${name}`, import.meta.url).pathname;

/** Every line's result, in order (line numbers from 1). */
export function readFixture(
  format: LogFormat,
  name: string,
  offset = 0,
): Array<LineResult & { line: number; text: string }> {
  const adapter = createAdapter(format, { offset });
  return readFileSync(fixture(name), 'utf8')
    .split('\n')
    .filter((l, i, all) => l !== '' || i < all.length - 1)
    .map((text, i) => ({ ...adapter.read(text), line: i + 1, text }));
}

/** The events of a fixture. */
export function fixtureEvents(format: LogFormat, name: string, offset = 0): LogEvent[] {
  return readFixture(format, name, offset).flatMap((r) => (r.kind === 'event' ? [r.event] : []));
}

/** An event's STIX objects, each checked against the STIX validator (errors throw). */
export function validStix(event: LogEvent, line = 'line'): StixJson[] {
  const { observedData, scos } = eventObjects(
    event,
    observedDataId('test', '', line),
    DEFAULT_SENSOR_IDENTITY,
  );
  const all = [observedData, ...scos];
  for (const o of all) {
    const r = validateObject(o);
    if (!r.ok) throw new Error(`${o.id}: ${r.issues.map((i) => `${i.path} ${i.message}`).join('; ')}`);
  }
  return all;
}

/** The objects of one type among an event's drafts. */
export const ofType = (event: LogEvent, type: string): Array<Record<string, unknown>> =>
  event.objects.filter((o) => o.type === type) as Array<Record<string, unknown>>;
