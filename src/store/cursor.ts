/**
 * Opaque paging cursors (TAXII 2.1 section 3.4, `next`): a position (dateAdded, seq, entry kind)
 * in one collection's feed, never an offset, so paging stays right while objects arrive.
 * Cursors come back from untrusted clients: decoding checks length, shape and a checksum and
 * fails with a StoreError, never a crash.
 */
import { createHash } from 'node:crypto';
import type { Cursor, EntryKind, Micros } from './store.js';
import { StoreError } from './store-error.js';

/** A position in a collection's feed: entries sort by (dateAdded, seq, kind), `added` before `released`. */
export interface FeedPosition {
  readonly collectionId: string;
  readonly dateAdded: Micros;
  readonly seq: number;
  readonly entry: EntryKind;
}

const MAX_CURSOR_LENGTH = 1024;
const BASE64URL = /^[A-Za-z0-9_-]+$/;
const VERSION = 'c1';

function checksum(body: string): string {
  return createHash('sha256').update(body).digest('base64url').slice(0, 11);
}

/** Encodes a feed position as an opaque cursor. */
export function encodeCursor(position: FeedPosition): Cursor {
  for (const n of [position.dateAdded, position.seq]) {
    if (!Number.isSafeInteger(n) || n < 0) throw bad(`cannot encode position ${n}`);
  }
  const kind = position.entry === 'added' ? 0 : 1;
  const body = `${VERSION}.${position.dateAdded}.${position.seq}.${kind}.${position.collectionId}`;
  return `${Buffer.from(`${body}.${checksum(body)}`, 'utf8').toString('base64url')}` as Cursor;
}

function bad(reason: string): StoreError {
  return new StoreError('STORE_BAD_CURSOR', `invalid paging cursor: ${reason}`);
}

function nonNegativeInteger(text: string, what: string): number {
  if (!/^(0|[1-9][0-9]{0,15})$/.test(text)) throw bad(`${what} is not a number`);
  const n = Number(text);
  if (!Number.isSafeInteger(n)) throw bad(`${what} is out of range`);
  return n;
}

/** Decodes a cursor; throws StoreError `STORE_BAD_CURSOR` when it is malformed or altered. */
export function decodeCursor(cursor: string): FeedPosition {
  if (typeof cursor !== 'string' || cursor.length === 0) throw bad('empty');
  if (cursor.length > MAX_CURSOR_LENGTH) throw bad('too long');
  if (!BASE64URL.test(cursor)) throw bad('not base64url');
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const parts = text.split('.');
  if (parts.length < 6 || parts[0] !== VERSION) throw bad('unknown format');
  const sum = parts.pop() as string;
  const body = parts.join('.');
  if (sum !== checksum(body)) throw bad('checksum mismatch');
  const [, d, s, k] = parts as [string, string, string, string];
  if (k !== '0' && k !== '1') throw bad('unknown entry kind');
  return {
    dateAdded: nonNegativeInteger(d, 'position'),
    seq: nonNegativeInteger(s, 'row'),
    entry: k === '0' ? 'added' : 'released',
    collectionId: parts.slice(4).join('.'),
  };
}

/** Validates a client-supplied `next` value and returns it as a Cursor (throws StoreError when malformed). */
export function parseCursor(text: string): Cursor {
  decodeCursor(text);
  return text as Cursor;
}
