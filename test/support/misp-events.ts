/** The test events of the MISP → STIX tests (test/fixtures/misp/accord), read and converted. */
import { readFileSync } from 'node:fs';
import { eventToStix } from '../../src/interop/misp/event-to-stix.js';
import { readEvent } from '../../src/interop/misp/read-event.js';

export type Json = Record<string, unknown>;

export const fixture = (name: string) =>
  JSON.parse(readFileSync(new URL(`../fixtures/misp/accord/${name}`, import.meta.url), 'utf8')) as {
    Event: Json & { Attribute: Json[]; Object: Json[] };
  };

/** Reads then converts an event, with the issues of both steps. */
export const convert = (doc: { Event: unknown }) => {
  const read = readEvent(doc.Event, '/Event', 0);
  const conversion = eventToStix(read.event!);
  return { ...conversion, issues: [...read.issues, ...conversion.issues] };
};

export const everyType = fixture('every-type.json');
export const objectsEvent = fixture('objects.json');

/** The uuid of the fixture's first attribute of `type` (and `value`). */
export const uuidOf = (doc: { Event: { Attribute: Json[] } }, type: string, value?: string) =>
  String(
    doc.Event.Attribute.find((a) => a.type === type && (value === undefined || a.value === value))!.uuid,
  );
