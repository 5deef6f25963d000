/** Host SCOs: 6.1 artifact, 6.3 directory, 6.7 file, 6.11 mutex, 6.13 process, 6.14 software, 6.16 user-account, 6.17 windows-registry-key, 6.18 x509-certificate. */
import { dictionary, list, nested } from '../checks/collections.js';
import { hashes } from '../checks/hashes.js';
import { reference } from '../checks/identifier.js';
import { languageCode } from '../checks/language.js';
import { binary, boolean, hex, integer, string } from '../checks/primitives.js';
import { refsTo, refTo } from '../checks/refs.js';
import { characterSet, mediaType } from '../checks/registries.js';
import { timestamp } from '../checks/timestamp.js';
import { urlString } from '../checks/url.js';
import { vocab } from '../checks/vocab.js';
import { opt, pointer, req } from '../validate/context.js';
import { atLeastOneBesides, exclusive, requires } from '../validate/rules.js';
import { SCO_COMMON_NAMES, sco } from './define.js';

export const artifact = sco(
  'artifact',
  '6.1',
  {
    mime_type: opt(mediaType('6.1.1')),
    payload_bin: opt(binary()),
    url: opt(urlString('6.1.1')),
    hashes: opt(hashes()),
    encryption_algorithm: opt(vocab('encryption-algorithm-enum')),
    decryption_key: opt(string()),
  },
  (obj, path, ctx) => {
    if (obj.payload_bin === undefined && obj.url === undefined) {
      ctx.error('STIX_AT_LEAST_ONE', path, 'an artifact needs payload_bin or url', '6.1');
    }
    exclusive(obj, path, ctx, 'payload_bin', 'url', '6.1.1');
    requires(obj, path, ctx, 'url', 'hashes', '6.1.1');
    requires(obj, path, ctx, 'decryption_key', 'encryption_algorithm', '6.1.1');
  },
);

export const directory = sco(
  'directory',
  '6.3',
  {
    path: req(string()),
    path_enc: opt(characterSet('6.3.1')),
    ctime: opt(timestamp()),
    mtime: opt(timestamp()),
    atime: opt(timestamp()),
    contains_refs: opt(refsTo('6.3.1', 'file', 'directory')),
  },
  (obj, path, ctx) => requires(obj, path, ctx, 'path_enc', 'path', '3.1'),
);

export const file = sco(
  'file',
  '6.7',
  {
    hashes: opt(hashes()),
    size: opt(integer({ min: 0, section: '6.7.1' })),
    name: opt(string()),
    name_enc: opt(characterSet('6.7.1')),
    magic_number_hex: opt(hex()),
    mime_type: opt(mediaType('6.7.1')),
    ctime: opt(timestamp()),
    mtime: opt(timestamp()),
    atime: opt(timestamp()),
    parent_directory_ref: opt(refTo('6.7.1', 'directory')),
    contains_refs: opt(list(reference({ kinds: ['sco', 'custom'], describe: 'an SCO' }, '6.7.1'))),
    content_ref: opt(refTo('6.7.1', 'artifact')),
  },
  (obj, path, ctx) => {
    if (obj.hashes === undefined && obj.name === undefined) {
      ctx.error('STIX_AT_LEAST_ONE', path, 'a file needs hashes or name', '6.7');
    }
    requires(obj, path, ctx, 'name_enc', 'name', '3.1');
  },
);

export const mutex = sco('mutex', '6.11', { name: req(string()) });

export const process = sco(
  'process',
  '6.13',
  {
    is_hidden: opt(boolean()),
    pid: opt(integer()),
    created_time: opt(timestamp()),
    cwd: opt(string()),
    command_line: opt(string()),
    environment_variables: opt(dictionary(string())),
    opened_connection_refs: opt(refsTo('6.13.1', 'network-traffic')),
    creator_user_ref: opt(refTo('6.13.1', 'user-account')),
    image_ref: opt(refTo('6.13.1', 'file')),
    parent_ref: opt(refTo('6.13.1', 'process')),
    child_refs: opt(refsTo('6.13.1', 'process')),
  },
  (obj, path, ctx) =>
    atLeastOneBesides(
      obj,
      path,
      ctx,
      new Set([...SCO_COMMON_NAMES].filter((n) => n !== 'extensions')),
      'a process needs at least one property of its own or an extension',
      '6.13',
    ),
);

export const software = sco(
  'software',
  '6.14',
  {
    name: req(string()),
    cpe: opt(string()),
    swid: opt(string()),
    languages: opt(list(languageCode('6.14.1'))),
    vendor: opt(string()),
    version: opt(string()),
  },
  (obj, path, ctx) => {
    if (typeof obj.cpe === 'string' && !obj.cpe.startsWith('cpe:2.3:')) {
      ctx.error(
        'STIX_INVALID_VALUE',
        pointer(path, 'cpe'),
        'cpe must be a CPE 2.3 formatted string (cpe:2.3:...)',
        '6.14.1',
      );
    }
  },
);

export const userAccount = sco(
  'user-account',
  '6.16',
  {
    user_id: opt(string()),
    credential: opt(string()),
    account_login: opt(string()),
    account_type: opt(vocab('account-type-ov')),
    display_name: opt(string()),
    is_service_account: opt(boolean()),
    is_privileged: opt(boolean()),
    can_escalate_privs: opt(boolean()),
    is_disabled: opt(boolean()),
    account_created: opt(timestamp()),
    account_expires: opt(timestamp()),
    credential_last_changed: opt(timestamp()),
    account_first_login: opt(timestamp()),
    account_last_login: opt(timestamp()),
  },
  (obj, path, ctx) =>
    atLeastOneBesides(
      obj,
      path,
      ctx,
      new Set([...SCO_COMMON_NAMES].filter((n) => n !== 'extensions')),
      'a user-account needs at least one of its properties',
      '6.16',
    ),
);

const registryValue = nested(
  { name: opt(string()), data: opt(string()), data_type: opt(vocab('windows-registry-datatype-enum')) },
  { name: 'windows-registry-value-type', section: '6.17.2', atLeastOne: true },
);

// 6.17.1: the hive must be written out in full (HKEY_LOCAL_MACHINE, not HKLM).
const ABBREVIATED_HIVE = /^(?:HKLM|HKCU|HKCR|HKU|HKCC|HKPD)(?:\\|$)/i;

export const windowsRegistryKey = sco(
  'windows-registry-key',
  '6.17',
  {
    key: opt(string()),
    values: opt(list(registryValue)),
    modified_time: opt(timestamp()),
    creator_user_ref: opt(refTo('6.17.1', 'user-account')),
    number_of_subkeys: opt(integer({ min: 0, section: '6.17.1' })),
  },
  (obj, path, ctx) => {
    atLeastOneBesides(
      obj,
      path,
      ctx,
      SCO_COMMON_NAMES,
      'a windows-registry-key needs at least one of its properties',
      '6.17',
    );
    if (typeof obj.key === 'string' && ABBREVIATED_HIVE.test(obj.key)) {
      ctx.error(
        'STIX_INVALID_VALUE',
        pointer(path, 'key'),
        'the hive must be fully expanded (e.g. HKEY_LOCAL_MACHINE, not HKLM)',
        '6.17.1',
      );
    }
  },
);

const x509Extensions = nested(
  {
    basic_constraints: opt(string()),
    name_constraints: opt(string()),
    policy_constraints: opt(string()),
    key_usage: opt(string()),
    extended_key_usage: opt(string()),
    subject_key_identifier: opt(string()),
    authority_key_identifier: opt(string()),
    subject_alternative_name: opt(string()),
    issuer_alternative_name: opt(string()),
    subject_directory_attributes: opt(string()),
    crl_distribution_points: opt(string()),
    inhibit_any_policy: opt(string()),
    private_key_usage_period_not_before: opt(timestamp()),
    private_key_usage_period_not_after: opt(timestamp()),
    certificate_policies: opt(string()),
    policy_mappings: opt(string()),
  },
  { name: 'x509-v3-extensions-type', section: '6.18.2', atLeastOne: true },
);

export const x509Certificate = sco(
  'x509-certificate',
  '6.18',
  {
    is_self_signed: opt(boolean()),
    hashes: opt(hashes()),
    version: opt(string()),
    serial_number: opt(string()),
    signature_algorithm: opt(string()),
    issuer: opt(string()),
    validity_not_before: opt(timestamp()),
    validity_not_after: opt(timestamp()),
    subject: opt(string()),
    subject_public_key_algorithm: opt(string()),
    subject_public_key_modulus: opt(string()),
    subject_public_key_exponent: opt(integer()),
    x509_v3_extensions: opt(x509Extensions),
  },
  (obj, path, ctx) =>
    atLeastOneBesides(
      obj,
      path,
      ctx,
      SCO_COMMON_NAMES,
      'an x509-certificate needs at least one of its own properties',
      '6.18',
    ),
);
