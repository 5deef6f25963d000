/** Deterministic SCO identifiers (spec 2.9, 3.4): UUIDv5 over the JCS of each type's ID Contributing Properties. */
import { own } from '../common/own.js';

import { isRecord } from '../validate/context.js';
import { canonicalJson } from './canonical-json.js';
import { uuidV5 } from './uuid.js';

/** Each SCO type → its ID Contributing Properties (section 6, "ID Contributing Properties"); process has none (UUIDv4). */
export const ID_CONTRIBUTING_PROPERTIES: Readonly<Record<string, readonly string[]>> = {
  artifact: ['hashes', 'payload_bin'],
  'autonomous-system': ['number'],
  directory: ['path'],
  'domain-name': ['value'],
  'email-addr': ['value'],
  'email-message': ['from_ref', 'subject', 'body'],
  file: ['hashes', 'name', 'extensions', 'parent_directory_ref'],
  'ipv4-addr': ['value'],
  'ipv6-addr': ['value'],
  'mac-addr': ['value'],
  mutex: ['name'],
  'network-traffic': [
    'start',
    'end',
    'src_ref',
    'dst_ref',
    'src_port',
    'dst_port',
    'protocols',
    'extensions',
  ],
  process: [],
  software: ['name', 'cpe', 'swid', 'vendor', 'version'],
  url: ['value'],
  'user-account': ['account_type', 'user_id', 'account_login'],
  'windows-registry-key': ['key', 'values'],
  'x509-certificate': ['hashes', 'serial_number'],
};

// 6.1, 6.7, 6.18: "include only one hash", preferring MD5, SHA-1, SHA-256, SHA-512 in that order.
const HASH_PREFERENCE = ['MD5', 'SHA-1', 'SHA-256', 'SHA-512'];

/** The single hash that contributes to the id: the first preferred algorithm present, else the first key. */
export function chooseOneHash(
  hashes: Readonly<Record<string, unknown>>,
): Record<string, unknown> | undefined {
  for (const algorithm of HASH_PREFERENCE) {
    if (hashes[algorithm] !== undefined) return { [algorithm]: hashes[algorithm] };
  }
  const first = Object.keys(hashes)[0];
  return first === undefined ? undefined : { [first]: hashes[first] };
}

/** The JSON object whose canonical form names the SCO (its contributing properties as given), or undefined if none. */
export function idContributingObject(
  sco: Readonly<Record<string, unknown>>,
): Record<string, unknown> | undefined {
  const type = sco.type;
  if (typeof type !== 'string') return undefined;
  const names = own(ID_CONTRIBUTING_PROPERTIES, type);
  if (names === undefined) return undefined;
  const out: Record<string, unknown> = {};
  for (const name of names) {
    const value = sco[name];
    if (value === undefined) continue;
    if (name === 'hashes') {
      if (!isRecord(value)) continue;
      const one = chooseOneHash(value);
      if (one !== undefined) out.hashes = one;
    } else {
      out[name] = value;
    }
  }
  return Object.keys(out).length === 0 ? undefined : out;
}

/**
 * The deterministic id of an SCO (spec 2.9): `type--UUIDv5(namespace, JCS(contributing properties))`.
 * Undefined when the value is not an SCO of a spec type, or none of its contributing properties is
 * present (2.9: then a UUIDv4 must be used, as for process).
 */
export function deterministicId(sco: unknown): string | undefined {
  if (!isRecord(sco)) return undefined;
  const contributing = idContributingObject(sco);
  if (contributing === undefined) return undefined;
  try {
    return `${String(sco.type)}--${uuidV5(canonicalJson(contributing))}`;
  } catch {
    return undefined; // not JSON-representable (e.g. NaN): no deterministic id
  }
}
