/**
 * Opaque paging cursors (TAXII 2.1 section 3.4, `next`): a position (dateAdded, seq, entry kind)
 * in one collection's feed, never an offset, so paging stays right while objects arrive. The
 * position is encrypted with the node's key: a store seq counts every version of every
 * collection, so a readable position would tell a reader how many versions it may not see lie
 * between two it may (DESIGN.md, Trust). The encryption is deterministic (the IV is a MAC of the
 * position), so one position always gives one cursor. Cursors come back from untrusted clients:
 * decoding checks length and shape and authenticates, failing with a StoreError, never a crash.
 */
import { createCipheriv, createDecipheriv, createHmac, hkdfSync } from 'node:crypto';
import { asMicros } from '../stix/index.js';
import type { Cursor, EntryKind, Micros } from './objects.js';
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
const VERSION = 2;
const IV_BYTES = 12;
const TAG_BYTES = 16;

function bad(reason: string): StoreError {
  return new StoreError('STORE_BAD_CURSOR', `invalid paging cursor: ${reason}`);
}

function nonNegativeInteger(text: string, what: string): number {
  if (!/^(0|[1-9][0-9]{0,15})$/.test(text)) throw bad(`${what} is not a number`);
  const n = Number(text);
  if (!Number.isSafeInteger(n)) throw bad(`${what} is out of range`);
  return n;
}

/** Checks that client-supplied `next` text has a cursor's shape; the store authenticates it when used. */
export function parseCursor(text: string): Cursor {
  if (typeof text !== 'string' || text.length === 0) throw bad('empty');
  if (text.length > MAX_CURSOR_LENGTH) throw bad('too long');
  if (!BASE64URL.test(text)) throw bad('not base64url');
  return text as Cursor;
}

/** Encrypts and decrypts the cursors of one node (one key, kept with the node's data). */
export class CursorCodec {
  readonly #encryption: Buffer;
  readonly #mac: Buffer;

  /** `key`: 32 secret random bytes of the node. */
  constructor(key: Uint8Array) {
    if (key.length !== 32) throw new StoreError('STORE_BACKEND_FAILURE', 'the cursor key must be 32 bytes');
    const derive = (info: string) => Buffer.from(hkdfSync('sha256', key, '', `accord cursor ${info}`, 32));
    this.#encryption = derive('encryption');
    this.#mac = derive('iv');
  }

  /** Encodes a feed position as an opaque cursor. */
  encode(position: FeedPosition): Cursor {
    for (const n of [position.dateAdded, position.seq]) {
      if (!Number.isSafeInteger(n) || n < 0) throw bad(`cannot encode position ${n}`);
    }
    const kind = position.entry === 'added' ? 0 : 1;
    const plain = Buffer.from(
      `${position.dateAdded}.${position.seq}.${kind}.${position.collectionId}`,
      'utf8',
    );
    const iv = createHmac('sha256', this.#mac).update(plain).digest().subarray(0, IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.#encryption, iv);
    const body = Buffer.concat([cipher.update(plain), cipher.final()]);
    return Buffer.concat([Buffer.of(VERSION), iv, body, cipher.getAuthTag()]).toString('base64url') as Cursor;
  }

  /** Decodes a cursor; throws StoreError `STORE_BAD_CURSOR` when it is malformed, altered or not this node's. */
  decode(cursor: string): FeedPosition {
    parseCursor(cursor);
    const raw = Buffer.from(cursor, 'base64url');
    if (raw.length < 1 + IV_BYTES + TAG_BYTES + 1 || raw[0] !== VERSION) throw bad('unknown format');
    const iv = raw.subarray(1, 1 + IV_BYTES);
    const tag = raw.subarray(raw.length - TAG_BYTES);
    let text: string;
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.#encryption, iv);
      decipher.setAuthTag(tag);
      text = Buffer.concat([
        decipher.update(raw.subarray(1 + IV_BYTES, raw.length - TAG_BYTES)),
        decipher.final(),
      ]).toString('utf8');
    } catch {
      throw bad('not issued by this node, or altered');
    }
    const [d, s, k, ...collection] = text.split('.');
    if (d === undefined || s === undefined || (k !== '0' && k !== '1')) throw bad('unknown format');
    return {
      dateAdded: asMicros(nonNegativeInteger(d, 'position')),
      seq: nonNegativeInteger(s, 'row'),
      entry: k === '0' ? 'added' : 'released',
      collectionId: collection.join('.'),
    };
  }
}
