/**
 * MISP attribute types and their STIX 2.1 counterparts, after misp-stix
 * (../shared/specs/misp-stix/misp_attributes_to_stix21.md). Each mapped type names, per part of
 * its value (`filename|sha1` has two), the object path the part is compared with in the
 * indicator's pattern and set at in the observation's SCOs; both directions read this one table.
 * Where Accord's comparison differs from misp-stix's, docs/guides/interop.md says why.
 */
import { type ObjectPath, parsePath } from './comparisons.js';
import type { ValueKind } from './value-kinds.js';

/** One part of a (possibly composite) value: where it goes and what it must be. */
export interface Slot {
  readonly path: ObjectPath;
  readonly kind: ValueKind;
}

/** How an attribute type becomes STIX. */
export type AttributeMapping =
  /** Indicator (to_ids) or observed-data with SCOs. `indicatorOnly`: no valid SCO can hold it alone. */
  | {
      readonly as: 'observable';
      readonly slots: readonly Slot[];
      readonly fixed?: readonly { readonly path: ObjectPath; readonly value: string }[];
      readonly indicatorOnly?: boolean;
      readonly category: string;
    }
  /** A detection rule in another language: always an indicator with that pattern_type (4.7, 10.14). */
  | { readonly as: 'rule'; readonly patternType: string; readonly category: string }
  /** An SDO of its own, whatever to_ids says. */
  | { readonly as: 'campaign' | 'vulnerability'; readonly category: string }
  /** A link: an external reference of the report (CONTRACT.md), an url indicator when to_ids. */
  | { readonly as: 'reference'; readonly slots: readonly Slot[]; readonly category: string };

const slot = (path: string, kind: ValueKind): Slot => ({ path: parsePath(path), kind });
const PD = 'Payload delivery';
const NA = 'Network activity';

const observable = (category: string, ...slots: Slot[]): AttributeMapping => ({
  as: 'observable',
  slots,
  category,
});
const indicatorOnly = (category: string, ...slots: Slot[]): AttributeMapping => ({
  as: 'observable',
  slots,
  indicatorOnly: true,
  category,
});

/** Hash attribute types → the key of `hashes` (hash-algorithm-ov where it has one) and the value's kind. */
export const HASH_TYPES: Readonly<Record<string, { readonly key: string; readonly kind: ValueKind }>> = {
  md5: { key: 'MD5', kind: 'hex:32' },
  sha1: { key: 'SHA-1', kind: 'hex:40' },
  sha224: { key: 'SHA-224', kind: 'hex:56' },
  sha256: { key: 'SHA-256', kind: 'hex:64' },
  sha384: { key: 'SHA-384', kind: 'hex:96' },
  sha512: { key: 'SHA-512', kind: 'hex:128' },
  // misp-stix writes these as SHA-224 and SHA-256, which name other algorithms (interop.md).
  'sha512/224': { key: 'SHA512-224', kind: 'hex:56' },
  'sha512/256': { key: 'SHA512-256', kind: 'hex:64' },
  'sha3-224': { key: 'SHA3-224', kind: 'hex:56' },
  'sha3-256': { key: 'SHA3-256', kind: 'hex:64' },
  'sha3-384': { key: 'SHA3-384', kind: 'hex:96' },
  'sha3-512': { key: 'SHA3-512', kind: 'hex:128' },
  ssdeep: { key: 'SSDEEP', kind: 'ssdeep' },
  tlsh: { key: 'TLSH', kind: 'tlsh' },
  imphash: { key: 'IMPHASH', kind: 'hex:32' },
  pehash: { key: 'PEHASH', kind: 'hex:40' },
  authentihash: { key: 'AUTHENTIHASH', kind: 'hex:64' },
  vhash: { key: 'VHASH', kind: 'text' },
  telfhash: { key: 'TELFHASH', kind: 'hex:70-72' },
};

const hashSlot = (type: string) => slot(`file:hashes.${HASH_TYPES[type]!.key}`, HASH_TYPES[type]!.kind);

function table(): Record<string, AttributeMapping> {
  const t: Record<string, AttributeMapping> = {
    AS: observable(NA, slot('autonomous-system:number', 'asn')),
    attachment: observable('External analysis', slot('file:name', 'filename')),
    'campaign-name': { as: 'campaign', category: 'Attribution' },
    domain: observable(NA, slot('domain-name:value', 'domain')),
    'domain|ip': observable(
      NA,
      slot('domain-name:value', 'domain'),
      slot('domain-name:resolves_to_refs[*].value', 'ip'),
    ),
    email: observable('Social network', slot('email-addr:value', 'email')),
    'email-attachment': observable(PD, slot('email-message:body_multipart[*].body_raw_ref.name', 'filename')),
    'email-body': observable(PD, slot('email-message:body', 'text')),
    'email-dst': observable(NA, slot('email-message:to_refs[*].value', 'email')),
    'email-header': observable(PD, slot('email-message:received_lines[*]', 'text')),
    'email-message-id': observable(PD, slot('email-message:message_id', 'text')),
    'email-reply-to': observable(PD, slot('email-message:additional_header_fields.Reply-To', 'text')),
    'email-src': observable(PD, slot('email-message:from_ref.value', 'email')),
    'email-subject': observable(PD, slot('email-message:subject', 'text')),
    'email-x-mailer': observable(PD, slot('email-message:additional_header_fields.X-Mailer', 'text')),
    filename: observable(PD, slot('file:name', 'filename')),
    'github-username': {
      as: 'observable',
      slots: [slot('user-account:account_login', 'text')],
      fixed: [{ path: parsePath('user-account:account_type'), value: 'github' }],
      category: 'Social network',
    },
    hostname: observable(NA, slot('domain-name:value', 'hostname')),
    'hostname|port': observable(
      NA,
      slot('network-traffic:dst_ref.value', 'hostname'),
      slot('network-traffic:dst_port', 'port'),
    ),
    'http-method': indicatorOnly(
      NA,
      slot('network-traffic:extensions.http-request-ext.request_method', 'text'),
    ),
    'ip-dst': observable(NA, slot('network-traffic:dst_ref.value', 'ip')),
    'ip-dst|port': observable(
      NA,
      slot('network-traffic:dst_ref.value', 'ip'),
      slot('network-traffic:dst_port', 'port'),
    ),
    'ip-src': observable(NA, slot('network-traffic:src_ref.value', 'ip')),
    'ip-src|port': observable(
      NA,
      slot('network-traffic:src_ref.value', 'ip'),
      slot('network-traffic:src_port', 'port'),
    ),
    link: { as: 'reference', slots: [slot('url:value', 'url')], category: 'External analysis' },
    'mac-address': observable(NA, slot('mac-addr:value', 'mac')),
    'malware-sample': observable(PD, slot('file:name', 'filename'), slot('file:hashes.MD5', 'hex:32')),
    mutex: observable('Artifacts dropped', slot('mutex:name', 'text')),
    port: indicatorOnly(NA, slot('network-traffic:dst_port', 'port')),
    regkey: observable('Persistence mechanism', slot('windows-registry-key:key', 'regkey')),
    'regkey|value': observable(
      'Persistence mechanism',
      slot('windows-registry-key:key', 'regkey'),
      slot('windows-registry-key:values[*].data', 'text'),
    ),
    sigma: { as: 'rule', patternType: 'sigma', category: 'Payload installation' },
    'size-in-bytes': indicatorOnly('Other', slot('file:size', 'integer')),
    snort: { as: 'rule', patternType: 'snort', category: NA },
    suricata: { as: 'rule', patternType: 'suricata', category: NA },
    uri: observable(NA, slot('url:value', 'url')),
    url: observable(NA, slot('url:value', 'url')),
    'user-agent': indicatorOnly(
      NA,
      slot('network-traffic:extensions.http-request-ext.request_header.User-Agent', 'text'),
    ),
    vulnerability: { as: 'vulnerability', category: 'External analysis' },
    'x509-fingerprint-md5': observable(NA, slot('x509-certificate:hashes.MD5', 'hex:32')),
    'x509-fingerprint-sha1': observable(NA, slot('x509-certificate:hashes.SHA-1', 'hex:40')),
    'x509-fingerprint-sha256': observable(NA, slot('x509-certificate:hashes.SHA-256', 'hex:64')),
    yara: { as: 'rule', patternType: 'yara', category: 'Payload installation' },
  };
  for (const type of Object.keys(HASH_TYPES)) {
    t[type] = observable(PD, hashSlot(type));
    t[`filename|${type}`] = observable(PD, slot('file:name', 'filename'), hashSlot(type));
  }
  return t;
}

/** Every MISP attribute type with a STIX counterpart; any other type is carried as a note. */
export const ATTRIBUTE_TYPES: Readonly<Record<string, AttributeMapping>> = table();

/** Default categories of types carried as notes (MISP's describeTypes), for export. */
export const NOTE_CATEGORIES: Readonly<Record<string, string>> = {
  text: 'Other',
  comment: 'Other',
  other: 'Other',
  btc: 'Financial fraud',
  iban: 'Financial fraud',
  'phone-number': 'Person',
};

/** The mapping of a type, or undefined when it has none (then: a note). */
export function mappingOf(type: string): AttributeMapping | undefined {
  return Object.hasOwn(ATTRIBUTE_TYPES, type) ? ATTRIBUTE_TYPES[type] : undefined;
}

/** Splits a composite value into its parts (`filename|sha1`): a hash or port part is the last `|`-field. */
export function splitValue(value: string, slots: readonly Slot[]): string[] | undefined {
  if (slots.length === 1) return [value];
  const lastKindIsText = slots[1]!.kind === 'text';
  const cut = lastKindIsText ? value.indexOf('|') : value.lastIndexOf('|');
  if (cut < 0) return undefined;
  return [value.slice(0, cut), value.slice(cut + 1)];
}
