/**
 * Reading a JSON document that arrives whole (a TAXII envelope POSTed to the server, or a page
 * a peer answers): strict UTF-8, then depth and key count (one pass over the text), then
 * JSON.parse, then duplicate keys. One function, so that the server and the client refuse the
 * same bytes for the same reasons.
 */

import type { InputLimits } from '../limits/input-limits.js';
import { type EnvelopeDuplicates, envelopeDuplicates } from './envelope-duplicates.js';
import { jsonTextShape, textLineColumn } from './json-text-shape.js';
import { syntaxErrorIn } from './scan-problems.js';
import { describeUtf8Problem, lineColumnOf, utf8Problem } from './strict-utf8.js';

/** Why a document could not be read, with the StixError code that names the reason. */
export interface DocumentProblem {
  readonly code: 'STIX_INVALID_UTF8' | 'STIX_TOO_DEEP' | 'STIX_TOO_MANY_KEYS' | 'STIX_JSON_SYNTAX';
  readonly message: string;
}

/** A document read: its value and its duplicate keys (undefined when it has none). */
export type JsonDocument =
  | { readonly ok: true; readonly value: unknown; readonly duplicates?: EnvelopeDuplicates }
  | { readonly ok: false; readonly problem: DocumentProblem };

/** Reads one whole JSON document from its bytes within the depth and key limits. */
export function readJsonDocument(
  bytes: Uint8Array,
  limits: Pick<InputLimits, 'maxDepth' | 'maxDocumentKeys'>,
): JsonDocument {
  const bad = utf8Problem(bytes);
  if (bad !== undefined) {
    const message = describeUtf8Problem(bad, lineColumnOf(bytes, bad.offset));
    return { ok: false, problem: { code: 'STIX_INVALID_UTF8', message } };
  }
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  const shape = jsonTextShape(text, limits.maxDepth, limits.maxDocumentKeys);
  if (shape.exceeded !== undefined) {
    const where = textLineColumn(text, shape.exceeded.offset);
    const problem: DocumentProblem =
      shape.exceeded.limit === 'depth'
        ? {
            code: 'STIX_TOO_DEEP',
            message: `${where}: the document nests deeper than the limit of ${limits.maxDepth}`,
          }
        : {
            code: 'STIX_TOO_MANY_KEYS',
            message: `${where}: the document has more than ${limits.maxDocumentKeys} keys (the limit)`,
          };
    return { ok: false, problem };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    const error = syntaxErrorIn(text, 1, 1, 'the document');
    return { ok: false, problem: { code: 'STIX_JSON_SYNTAX', message: error.message } };
  }
  const duplicates = envelopeDuplicates(text, value, shape.keys);
  return duplicates === undefined ? { ok: true, value } : { ok: true, value, duplicates };
}
