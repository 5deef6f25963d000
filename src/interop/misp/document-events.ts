/**
 * A whole MISP document → one STIX unit per event, in document order. A document that is not
 * MISP content gives one unit without objects, whose issue says why.
 */
import type { ConversionIssue } from '../errors/issue.js';
import { eventToStix } from './event-to-stix.js';
import { eventsOf, type MispLimits, readEvent } from './read-event.js';

type Json = Record<string, unknown>;

/** One event of a document as STIX: the objects to store together, and the report on it. */
export interface EventUnit {
  /** The event uuid, else its position (`#2`). */
  readonly event: string;
  readonly info?: string;
  /** The objects with where each came from (a JSON pointer into the MISP document). */
  readonly items: readonly { readonly value: Json; readonly path: string }[];
  readonly issues: readonly ConversionIssue[];
}

/** The STIX units of a parsed MISP document (see the module comment). */
export function* mispEventUnits(doc: unknown, limits: MispLimits = {}): Generator<EventUnit> {
  const events = eventsOf(doc);
  if (events === undefined) {
    yield {
      event: '',
      items: [],
      issues: [
        {
          code: 'INTEROP_UNKNOWN_FORMAT',
          severity: 'error',
          path: '',
          message: 'not MISP event JSON: expected {"Event": …}, {"response": […]} or a list of {"Event": …}',
        },
      ],
    };
    return;
  }
  for (const [i, { value, path }] of events.entries()) {
    const read = readEvent(value, path, i, limits);
    if (read.event === undefined) {
      yield { event: read.label, ...(read.info ? { info: read.info } : {}), items: [], issues: read.issues };
      continue;
    }
    const conversion = eventToStix(read.event);
    yield {
      event: read.label,
      ...(read.info ? { info: read.info } : {}),
      items: conversion.objects.map((o) => ({
        value: o,
        path: conversion.sources.get(String(o.id)) ?? path,
      })),
      issues: [...read.issues, ...conversion.issues],
    };
  }
}
