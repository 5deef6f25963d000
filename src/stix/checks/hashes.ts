/** The hashes type (spec 2.7): keys from hash-algorithm-ov (10.7) and values in each algorithm's format. */
import { own } from '../common/own.js';

import { type Check, isRecord, jsonType, pointer, show } from '../validate/context.js';

// 10.7 hash-algorithm-ov and the value format each algorithm implies.
const FORMATS: Readonly<Record<string, RegExp>> = {
  MD5: /^[0-9a-fA-F]{32}$/,
  'SHA-1': /^[0-9a-fA-F]{40}$/,
  'SHA-256': /^[0-9a-fA-F]{64}$/,
  'SHA-512': /^[0-9a-fA-F]{128}$/,
  'SHA3-256': /^[0-9a-fA-F]{64}$/,
  'SHA3-512': /^[0-9a-fA-F]{128}$/,
  SSDEEP: /^\d+:[A-Za-z0-9/+]+:[A-Za-z0-9/+]+(?:,"[^"]*")?$/,
  TLSH: /^(?:T1)?[0-9a-fA-F]{70}$/,
};

/** Common spellings of the vocabulary's algorithm names (e.g. `sha256`), for a helpful warning. */
const ALIASES: Readonly<Record<string, string>> = {
  md5: 'MD5',
  sha1: 'SHA-1',
  'sha-1': 'SHA-1',
  sha256: 'SHA-256',
  'sha-256': 'SHA-256',
  sha512: 'SHA-512',
  'sha-512': 'SHA-512',
  'sha3-256': 'SHA3-256',
  'sha3-512': 'SHA3-512',
  ssdeep: 'SSDEEP',
  tlsh: 'TLSH',
};

const HASH_KEY = /^[A-Za-z0-9_-]{3,250}$/;

/** The algorithm of hash-algorithm-ov a key names (exact or a common spelling), if any. */
export function canonicalHashAlgorithm(key: string): string | undefined {
  return Object.hasOwn(FORMATS, key) ? key : own(ALIASES, key.toLowerCase());
}

/** A hashes dictionary (2.7). */
export const hashes = (): Check => (value, path, ctx) => {
  if (!isRecord(value)) {
    ctx.error(
      'STIX_WRONG_TYPE',
      path,
      `must be a hashes dictionary (JSON object), not ${jsonType(value)}`,
      '2.7',
    );
    return;
  }
  let empty = true;
  for (const key in value) {
    empty = false;
    const at = pointer(path, key);
    const hash = value[key];
    if (!HASH_KEY.test(key)) {
      ctx.error(
        'STIX_INVALID_KEY',
        at,
        `hash algorithm name ${JSON.stringify(key)} must be 3-250 ASCII letters, digits, - or _`,
        '2.7',
      );
      continue;
    }
    if (typeof hash !== 'string') {
      ctx.error('STIX_WRONG_TYPE', at, `a hash value must be a string, not ${jsonType(hash)}`, '2.7');
      continue;
    }
    const format = own(FORMATS, key);
    if (format !== undefined) {
      if (!format.test(hash))
        ctx.error('STIX_HASH_FORMAT', at, `${show(hash)} is not a valid ${key} hash`, '2.7');
      continue;
    }
    const alias = own(ALIASES, key.toLowerCase());
    const hint = alias !== undefined ? `; write it as "${alias}"` : '';
    ctx.warn(
      'STIX_HASH_ALGORITHM',
      at,
      `hash algorithm "${key}" is not from hash-algorithm-ov${hint}`,
      '10.7',
    );
  }
  if (empty) ctx.error('STIX_EMPTY_DICTIONARY', path, 'must contain at least one hash', '2.7');
};
