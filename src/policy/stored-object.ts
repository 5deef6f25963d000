/**
 * The one place that states what a stored version is: every version a store holds passed
 * validateObject before it was stored, by any path (POST, import, pull, the demo; the marking
 * definitions a node keeps outside collections are built to the spec or came through ingest), and a policy
 * view of one only takes out what may be absent (granular redaction gives no view when a required
 * property would go, and removes lists it empties). So what a read hands out is a
 * ValidatedObject, and every reader narrows it on `type` instead of casting records; validating
 * again on every read would cost a full check per row for nothing.
 */
import type { ValidatedObject } from '../stix/index.js';

/** A stored version's object, or a policy view of one, typed as validation typed it. */
export function storedObject(object: Readonly<Record<string, unknown>>): ValidatedObject {
  return object as ValidatedObject;
}

/** The parsed text of a stored version (or of a policy view worked out when it was stored). */
export function parseStoredObject(json: string): ValidatedObject {
  return JSON.parse(json) as ValidatedObject;
}
