/**
 * MISP object templates and their STIX 2.1 counterparts, after misp-stix
 * (../shared/specs/misp-stix/misp_objects_to_stix21.md): one root SCO type per template, and per
 * object_relation the path its value takes (in the pattern when the attribute has to_ids, in the
 * observation's SCOs always). A relation the table does not name becomes the custom property
 * `x_misp_<relation>` of the root, as misp-stix writes it. Templates not listed become notes.
 */

import type { Slot } from './attribute-table.js';
import { type ObjectPath, parsePath } from './comparisons.js';
import type { ValueKind } from './value-kinds.js';

/** One template: the root SCO type and the relations it maps. */
export interface ObjectTemplate {
  readonly root: string;
  /** Relation → the slots of its value (two for a composite type such as malware-sample). */
  readonly relations: Readonly<Record<string, Slot | readonly Slot[]>>;
  /** Observation-only properties of the root derived from the attribute values (by relation). */
  readonly extras?: (values: ReadonlyMap<string, readonly string[]>) => Record<string, unknown>;
}

const s = (path: string, kind: ValueKind = 'text'): Slot => ({ path: parsePath(path), kind });

const hashes = (root: string): Record<string, Slot | readonly Slot[]> => ({
  md5: s(`${root}:hashes.MD5`, 'hex:32'),
  sha1: s(`${root}:hashes.SHA-1`, 'hex:40'),
  sha224: s(`${root}:hashes.SHA-224`, 'hex:56'),
  sha256: s(`${root}:hashes.SHA-256`, 'hex:64'),
  sha384: s(`${root}:hashes.SHA-384`, 'hex:96'),
  sha512: s(`${root}:hashes.SHA-512`, 'hex:128'),
  'sha3-256': s(`${root}:hashes.SHA3-256`, 'hex:64'),
  'sha3-512': s(`${root}:hashes.SHA3-512`, 'hex:128'),
  ssdeep: s(`${root}:hashes.SSDEEP`, 'ssdeep'),
  tlsh: s(`${root}:hashes.TLSH`, 'tlsh'),
});

/** The templates Accord maps to observations and patterns. */
export const OBJECT_TEMPLATES: Readonly<Record<string, ObjectTemplate>> = {
  asn: {
    root: 'autonomous-system',
    relations: { asn: s('autonomous-system:number', 'asn'), description: s('autonomous-system:name') },
  },
  'domain-ip': {
    root: 'domain-name',
    relations: {
      domain: s('domain-name:value', 'domain'),
      ip: s('domain-name:resolves_to_refs[*].value', 'ip'),
    },
  },
  email: {
    root: 'email-message',
    relations: {
      from: s('email-message:from_ref.value', 'email'),
      'from-display-name': s('email-message:from_ref.display_name'),
      to: s('email-message:to_refs[*].value', 'email'),
      'to-display-name': s('email-message:to_refs[*].display_name'),
      cc: s('email-message:cc_refs[*].value', 'email'),
      'cc-display-name': s('email-message:cc_refs[*].display_name'),
      bcc: s('email-message:bcc_refs[*].value', 'email'),
      'bcc-display-name': s('email-message:bcc_refs[*].display_name'),
      subject: s('email-message:subject'),
      'message-id': s('email-message:message_id'),
      'reply-to': s('email-message:additional_header_fields.Reply-To'),
      'x-mailer': s('email-message:additional_header_fields.X-Mailer'),
      attachment: s('email-message:body_multipart[*].body_raw_ref.name', 'filename'),
      'email-body': s('email-message:body'),
      'send-date': s('email-message:date', 'timestamp'),
    },
  },
  file: {
    root: 'file',
    relations: {
      ...hashes('file'),
      filename: s('file:name', 'filename'),
      'size-in-bytes': s('file:size', 'integer'),
      path: s('file:parent_directory_ref.path'),
      'file-encoding': s('file:name_enc'),
      mimetype: s('file:mime_type'),
      'creation-time': s('file:ctime', 'timestamp'),
      'modification-time': s('file:mtime', 'timestamp'),
      'access-time': s('file:atime', 'timestamp'),
      // misp-stix: the sample is the file's content, an artifact zipped with the password "infected".
      'malware-sample': [
        s('file:content_ref.x_misp_filename', 'filename'),
        s('file:content_ref.hashes.MD5', 'hex:32'),
      ],
    },
  },
  'ip-port': {
    root: 'network-traffic',
    relations: {
      ip: s('network-traffic:dst_ref.value', 'ip'),
      'ip-dst': s('network-traffic:dst_ref.value', 'ip'),
      'ip-src': s('network-traffic:src_ref.value', 'ip'),
      'dst-port': s('network-traffic:dst_port', 'port'),
      'src-port': s('network-traffic:src_port', 'port'),
      'first-seen': s('network-traffic:start', 'timestamp'),
      'last-seen': s('network-traffic:end', 'timestamp'),
    },
    extras: () => ({ protocols: ['ipv4'] }),
  },
  mutex: { root: 'mutex', relations: { name: s('mutex:name') } },
  'network-connection': {
    root: 'network-traffic',
    relations: {
      'ip-src': s('network-traffic:src_ref.value', 'ip'),
      'ip-dst': s('network-traffic:dst_ref.value', 'ip'),
      'src-port': s('network-traffic:src_port', 'port'),
      'dst-port': s('network-traffic:dst_port', 'port'),
      'first-packet-seen': s('network-traffic:start', 'timestamp'),
    },
    // 6.12: protocols in lower case, lowest layer first; the MISP values stay in x_misp_layerN_protocol.
    extras: (values) => {
      const protocols = ['layer3-protocol', 'layer4-protocol', 'layer7-protocol'].flatMap((r) =>
        (values.get(r) ?? []).map((v) => v.toLowerCase()),
      );
      return protocols.length > 0 ? { protocols } : {};
    },
  },
  'registry-key': {
    root: 'windows-registry-key',
    relations: {
      key: s('windows-registry-key:key', 'regkey'),
      name: s('windows-registry-key:values[*].name'),
      data: s('windows-registry-key:values[*].data'),
      'data-type': s('windows-registry-key:values[*].data_type'),
      'last-modified': s('windows-registry-key:modified_time', 'timestamp'),
    },
  },
  url: { root: 'url', relations: { url: s('url:value', 'url') } },
  'user-account': {
    root: 'user-account',
    relations: {
      username: s('user-account:account_login'),
      'user-id': s('user-account:user_id'),
      'display-name': s('user-account:display_name'),
      password: s('user-account:credential'),
      'account-type': s('user-account:account_type'),
      password_last_changed: s('user-account:credential_last_changed', 'timestamp'),
      created: s('user-account:account_created', 'timestamp'),
      expires: s('user-account:account_expires', 'timestamp'),
    },
  },
  x509: {
    root: 'x509-certificate',
    relations: {
      'x509-fingerprint-md5': s('x509-certificate:hashes.MD5', 'hex:32'),
      'x509-fingerprint-sha1': s('x509-certificate:hashes.SHA-1', 'hex:40'),
      'x509-fingerprint-sha256': s('x509-certificate:hashes.SHA-256', 'hex:64'),
      issuer: s('x509-certificate:issuer'),
      subject: s('x509-certificate:subject'),
      'serial-number': s('x509-certificate:serial_number'),
      signature_algorithm: s('x509-certificate:signature_algorithm'),
      version: s('x509-certificate:version'),
      'validity-not-before': s('x509-certificate:validity_not_before', 'timestamp'),
      'validity-not-after': s('x509-certificate:validity_not_after', 'timestamp'),
      'pubkey-info-algorithm': s('x509-certificate:subject_public_key_algorithm'),
      'pubkey-info-modulus': s('x509-certificate:subject_public_key_modulus'),
      'pubkey-info-exponent': s('x509-certificate:subject_public_key_exponent', 'integer'),
    },
  },
};

/** Templates holding one detection rule: an indicator in that pattern language, whatever to_ids says. */
export const RULE_TEMPLATES: ReadonlySet<string> = new Set(['sigma', 'suricata', 'yara']);

/** The template of an object name, or undefined (then: a note). */
export function templateOf(name: string): ObjectTemplate | undefined {
  return Object.hasOwn(OBJECT_TEMPLATES, name) ? OBJECT_TEMPLATES[name] : undefined;
}

/** The custom property path misp-stix gives a relation the template does not map: `x_misp_<relation>`. */
export function customPath(root: string, relation: string): ObjectPath {
  return { type: root, steps: [`x_misp_${relation.toLowerCase().replace(/[^a-z0-9_]/g, '_')}`] };
}
