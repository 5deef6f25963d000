import { describe, it } from 'vitest';
import { expectIssue, expectNoErrors, variant } from '../../../test/stix/examples.js';

type Case = [
  name: string,
  obj: Record<string, unknown>,
  expected: { code: string; path?: string; severity?: 'error' | 'warning' },
];
const sco = (type: string, props: Record<string, unknown>) => ({
  type,
  id: `${type}--0b2a4b1f-43d7-5a7f-8a4c-0c1d2e3f4a5b`,
  ...props,
});
const sha256 = 'effb46bba03f6c8aea5c653f9cf984f170dcdd3bbbe2ff6843c3e5da0e698766';

const cases: Case[] = [
  [
    '6.1 an artifact has payload_bin or url',
    sco('artifact', { mime_type: 'image/jpeg' }),
    { code: 'STIX_AT_LEAST_ONE' },
  ],
  [
    '6.1.1 payload_bin and url are exclusive',
    variant('artifact', { url: 'https://x.example/a', hashes: { 'SHA-256': sha256 } }),
    { code: 'STIX_MUTUALLY_EXCLUSIVE' },
  ],
  [
    '6.1.1 url requires hashes',
    sco('artifact', { url: 'https://x.example/a' }),
    { code: 'STIX_DEPENDENT_PROPERTY', path: '/url' },
  ],
  [
    '6.1.1 decryption_key requires encryption_algorithm',
    variant('artifact', { decryption_key: 'infected' }),
    { code: 'STIX_DEPENDENT_PROPERTY', path: '/decryption_key' },
  ],
  [
    '6.4.1 a domain-name value is a domain name',
    sco('domain-name', { value: 'not a domain' }),
    { code: 'STIX_INVALID_VALUE', path: '/value' },
  ],
  [
    '6.4.1 an IP address is not a domain name',
    sco('domain-name', { value: '198.51.100.3' }),
    { code: 'STIX_INVALID_VALUE', path: '/value' },
  ],
  [
    '6.4.1 resolves_to_refs reference addresses or domains',
    sco('domain-name', {
      value: 'example.com',
      resolves_to_refs: ['file--0b2a4b1f-43d7-5a7f-8a4c-0c1d2e3f4a5b'],
    }),
    { code: 'STIX_REFERENCE_TYPE' },
  ],
  [
    '6.5.1 an email-addr value has no display name',
    sco('email-addr', { value: 'Jane <jane@example.com>' }),
    { code: 'STIX_INVALID_VALUE', path: '/value' },
  ],
  [
    '6.6.1 body is not used when is_multipart is true',
    sco('email-message', { is_multipart: true, body: 'hi' }),
    { code: 'STIX_MUTUALLY_EXCLUSIVE', path: '/body' },
  ],
  [
    '6.6.1 body_multipart is not used when is_multipart is false',
    sco('email-message', { is_multipart: false, body_multipart: [{ body: 'hi' }] }),
    { code: 'STIX_MUTUALLY_EXCLUSIVE', path: '/body_multipart' },
  ],
  [
    '6.6.1 from_ref references an email-addr',
    sco('email-message', { is_multipart: false, from_ref: 'file--0b2a4b1f-43d7-5a7f-8a4c-0c1d2e3f4a5b' }),
    { code: 'STIX_REFERENCE_TYPE', path: '/from_ref' },
  ],
  ['6.7 a file has hashes or name', sco('file', { size: 10 }), { code: 'STIX_AT_LEAST_ONE' }],
  [
    '6.7.1 size is not negative',
    variant('file', { size: -1 }),
    { code: 'STIX_INVALID_VALUE', path: '/size' },
  ],
  [
    '6.7.1 parent_directory_ref references a directory',
    variant('file', { parent_directory_ref: 'file--0b2a4b1f-43d7-5a7f-8a4c-0c1d2e3f4a5b' }),
    { code: 'STIX_REFERENCE_TYPE' },
  ],
  [
    '6.7.2 archive-ext requires contains_refs',
    variant('file', { extensions: { 'archive-ext': { comment: 'zip' } } }),
    { code: 'STIX_MISSING_PROPERTY', path: '/extensions/archive-ext/contains_refs' },
  ],
  [
    '6.7.3 ntfs-ext contains at least one property',
    variant('file', { extensions: { 'ntfs-ext': { x_note: 1 } } }),
    { code: 'STIX_AT_LEAST_ONE' },
  ],
  [
    '6.7.6 windows-pebinary-ext needs a property besides pe_type',
    variant('file', { extensions: { 'windows-pebinary-ext': { pe_type: 'exe' } } }),
    { code: 'STIX_AT_LEAST_ONE' },
  ],
  [
    '6.7.6 time_date_stamp is precise to the second',
    variant('file', {
      extensions: { 'windows-pebinary-ext': { pe_type: 'exe', time_date_stamp: '2016-01-01T00:00:00.5Z' } },
    }),
    { code: 'STIX_TIMESTAMP_PRECISION' },
  ],
  [
    '6.8.1 an ipv4-addr value is an IPv4 address or CIDR',
    sco('ipv4-addr', { value: '300.1.1.1' }),
    { code: 'STIX_INVALID_VALUE', path: '/value' },
  ],
  [
    '6.8.1 an IPv4 CIDR prefix is at most 32',
    sco('ipv4-addr', { value: '10.0.0.0/33' }),
    { code: 'STIX_INVALID_VALUE', path: '/value' },
  ],
  [
    '6.8.1 resolves_to_refs reference mac-addr',
    sco('ipv4-addr', {
      value: '10.0.0.1',
      resolves_to_refs: ['ipv4-addr--0b2a4b1f-43d7-5a7f-8a4c-0c1d2e3f4a5b'],
    }),
    { code: 'STIX_REFERENCE_TYPE' },
  ],
  [
    '6.9.1 an ipv6-addr value is an IPv6 address or CIDR',
    sco('ipv6-addr', { value: '2001:db8::/129' }),
    { code: 'STIX_INVALID_VALUE', path: '/value' },
  ],
  [
    '6.10.1 a MAC address is lower case and colon-delimited',
    sco('mac-addr', { value: '00-00-AB-CD-EF-01' }),
    { code: 'STIX_INVALID_VALUE', path: '/value' },
  ],
  [
    '6.12 network-traffic has src_ref or dst_ref',
    sco('network-traffic', { protocols: ['tcp'] }),
    { code: 'STIX_AT_LEAST_ONE' },
  ],
  [
    '6.12.1 network-traffic requires protocols',
    variant('network-traffic', { protocols: undefined }),
    { code: 'STIX_MISSING_PROPERTY', path: '/protocols' },
  ],
  [
    '6.12.1 ports are between 0 and 65535',
    variant('network-traffic', { dst_port: 70000 }),
    { code: 'STIX_INVALID_VALUE', path: '/dst_port' },
  ],
  [
    '6.12.1 end is absent when is_active is true',
    variant('network-traffic', { is_active: true, end: '2016-01-01T00:00:00Z' }),
    { code: 'STIX_MUTUALLY_EXCLUSIVE', path: '/end' },
  ],
  [
    '6.12.1 end is not earlier than start',
    variant('network-traffic', { start: '2016-01-02T00:00:00Z', end: '2016-01-01T00:00:00Z' }),
    { code: 'STIX_TIME_ORDER', path: '/end' },
  ],
  [
    '6.12.1 src_ref references an address or domain',
    variant('network-traffic', { src_ref: 'file--0b2a4b1f-43d7-5a7f-8a4c-0c1d2e3f4a5b' }),
    { code: 'STIX_REFERENCE_TYPE', path: '/src_ref' },
  ],
  [
    '6.12.2 http-request-ext requires request_method',
    variant('network-traffic', { extensions: { 'http-request-ext': { request_value: '/' } } }),
    { code: 'STIX_MISSING_PROPERTY', path: '/extensions/http-request-ext/request_method' },
  ],
  [
    '6.12.2 request_header values are lists of strings',
    variant('network-traffic', {
      extensions: {
        'http-request-ext': { request_method: 'get', request_value: '/', request_header: { Host: 'x' } },
      },
    }),
    { code: 'STIX_WRONG_TYPE' },
  ],
  [
    '6.12.4 socket-ext address_family comes from its enumeration',
    variant('network-traffic', { extensions: { 'socket-ext': { address_family: 'AF_MARS' } } }),
    { code: 'STIX_VOCAB_CLOSED' },
  ],
  ['6.13 a process has at least one property', sco('process', {}), { code: 'STIX_AT_LEAST_ONE' }],
  [
    '2.9 an SCO without ID Contributing Properties (a process) has a UUIDv4 id',
    sco('process', { pid: 4 }),
    { code: 'STIX_INVALID_IDENTIFIER', path: '/id' },
  ],
  [
    '6.13.1 image_ref references a file',
    sco('process', { image_ref: 'process--0b2a4b1f-43d7-5a7f-8a4c-0c1d2e3f4a5b' }),
    { code: 'STIX_REFERENCE_TYPE', path: '/image_ref' },
  ],
  [
    '6.13.2 integrity_level comes from its enumeration',
    sco('process', { extensions: { 'windows-process-ext': { integrity_level: 'extreme' } } }),
    { code: 'STIX_VOCAB_CLOSED' },
  ],
  [
    '6.14.1 cpe is a CPE 2.3 entry',
    sco('software', { name: 'Word', cpe: 'cpe:/a:microsoft:word:2000' }),
    { code: 'STIX_INVALID_VALUE', path: '/cpe' },
  ],
  [
    '6.14.1 languages are RFC 5646 codes',
    sco('software', { name: 'Word', languages: ['english!'] }),
    { code: 'STIX_LANGUAGE_CODE', path: '/languages/0' },
  ],
  [
    '6.15.1 a url value is a URL',
    sco('url', { value: 'not a url' }),
    { code: 'STIX_INVALID_VALUE', path: '/value' },
  ],
  ['6.16 a user-account has at least one property', sco('user-account', {}), { code: 'STIX_AT_LEAST_ONE' }],
  [
    '6.16.2 unix-account-ext gid is an integer',
    sco('user-account', { user_id: '0', extensions: { 'unix-account-ext': { gid: '0' } } }),
    { code: 'STIX_WRONG_TYPE' },
  ],
  [
    '6.17 a windows-registry-key has at least one property',
    sco('windows-registry-key', {}),
    { code: 'STIX_AT_LEAST_ONE' },
  ],
  [
    '6.17.1 the hive is fully expanded',
    sco('windows-registry-key', { key: 'HKLM\\Software\\Foo' }),
    { code: 'STIX_INVALID_VALUE', path: '/key' },
  ],
  [
    '6.17.2 data_type comes from windows-registry-datatype-enum',
    sco('windows-registry-key', {
      key: 'HKEY_LOCAL_MACHINE\\X',
      values: [{ name: 'a', data_type: 'REG_TEXT' }],
    }),
    { code: 'STIX_VOCAB_CLOSED' },
  ],
  [
    '6.18 an x509-certificate has at least one property of its own',
    sco('x509-certificate', {}),
    { code: 'STIX_AT_LEAST_ONE' },
  ],
  [
    '6.18.2 x509_v3_extensions has at least one property',
    sco('x509-certificate', { x509_v3_extensions: {} }),
    { code: 'STIX_AT_LEAST_ONE' },
  ],
];

describe('STIX Cyber-observable Objects (spec section 6)', () => {
  for (const [name, obj, expected] of cases) it(name, () => expectIssue(obj, expected));

  it('2.9 a process with a UUIDv4 id is valid', () => {
    expectNoErrors({ type: 'process', id: 'process--f52a906a-0dfc-40bd-92f1-e7778ead38a9', pid: 1221 });
  });

  it('3.2 defanged values are not checked for their format', () => {
    expectNoErrors(sco('domain-name', { value: 'evil[.]example', defanged: true }));
    expectNoErrors(sco('url', { value: 'hxxp://evil[.]example', defanged: true }));
  });

  it('6.4.1 internationalised domain names are accepted', () => {
    expectNoErrors(sco('domain-name', { value: 'bücher.example' }));
  });

  it('6.7.6 a complete windows-pebinary-ext validates', () => {
    expectNoErrors(
      variant('file', {
        extensions: {
          'windows-pebinary-ext': {
            pe_type: 'exe',
            machine_hex: '014c',
            number_of_sections: 4,
            time_date_stamp: '2016-01-22T12:31:12Z',
            optional_header: { magic_hex: '010b', size_of_code: 4096 },
            sections: [{ name: '.data', size: 4096, entropy: 7.98, hashes: { 'SHA-256': sha256 } }],
          },
        },
      }),
    );
  });
});
