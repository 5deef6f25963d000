/** fast-check arbitraries of valid STIX 2.1 objects of every spec-defined type (test support). */
import fc from 'fast-check';

type Obj = Record<string, unknown>;

const uuid = fc.uuid({ version: 4 });
/** An identifier of the given type. */
export const idOf = (type: string): fc.Arbitrary<string> => uuid.map((u) => `${type}--${u}`);
const text = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 });
const word = fc.stringMatching(/^[a-z][a-z0-9]{2,10}$/);
const timeMs = fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2090, 0, 1) });
const iso = (ms: number): string => new Date(ms).toISOString();
/** A pair of ordered timestamps [earlier, later]. */
const ordered = (strict: boolean) =>
  fc
    .tuple(timeMs, fc.integer({ min: strict ? 1 : 0, max: 10 ** 10 }))
    .map(([a, d]) => [iso(a), iso(a + d)] as const);

const sdoBase = (type: string) =>
  fc
    .record(
      {
        type: fc.constant(type),
        spec_version: fc.constant('2.1'),
        id: idOf(type),
        created_modified: ordered(false),
        created_by_ref: idOf('identity'),
        labels: fc.array(text, { minLength: 1, maxLength: 3 }),
        confidence: fc.integer({ min: 0, max: 100 }),
        lang: fc.constantFrom('en', 'de', 'pt-BR', 'zh-Hans'),
        external_references: fc.array(fc.record({ source_name: text, external_id: text }), {
          minLength: 1,
          maxLength: 2,
        }),
        object_marking_refs: fc.array(idOf('marking-definition'), { minLength: 1, maxLength: 2 }),
      },
      { requiredKeys: ['type', 'spec_version', 'id', 'created_modified'] },
    )
    .map(({ created_modified: [created, modified], ...rest }) => ({ ...rest, created, modified }));

const scoBase = (type: string) =>
  fc.record(
    {
      type: fc.constant(type),
      spec_version: fc.constant('2.1'),
      id: idOf(type),
      defanged: fc.constant(false),
    },
    { requiredKeys: ['type', 'id'] },
  );

const withBase = (base: fc.Arbitrary<Obj>, specific: fc.Arbitrary<Obj>): fc.Arbitrary<Obj> =>
  fc.tuple(base, specific).map(([b, s]) => ({ ...b, ...s }));
const sdo = (type: string, specific: Record<string, fc.Arbitrary<unknown>>, required?: string[]) =>
  withBase(sdoBase(type), fc.record(specific, { requiredKeys: required ?? Object.keys(specific) }));
const sco = (type: string, specific: Record<string, fc.Arbitrary<unknown>>, required?: string[]) =>
  withBase(scoBase(type), fc.record(specific, { requiredKeys: required ?? Object.keys(specific) }));

const refs = (...types: string[]) =>
  fc.array(fc.constantFrom(...types).chain(idOf), { minLength: 1, maxLength: 3 });
const named = (type: string) =>
  sdo(type, { name: text, description: text, aliases: fc.array(text, { minLength: 1 }) }, ['name']);
const seen = (type: string) =>
  withBase(
    named(type),
    fc
      .option(ordered(false), { nil: undefined })
      .map((p) => (p ? { first_seen: p[0], last_seen: p[1] } : {})),
  );
const hexBytes = (min: number, max: number) =>
  fc.uint8Array({ minLength: min, maxLength: max }).map((b) => Buffer.from(b).toString('hex'));

/** One arbitrary of valid objects per spec-defined type. */
export const VALID_OBJECTS: Readonly<Record<string, fc.Arbitrary<Obj>>> = {
  'attack-pattern': named('attack-pattern'),
  campaign: seen('campaign'),
  'course-of-action': named('course-of-action'),
  grouping: sdo('grouping', {
    name: text,
    context: fc.constantFrom('suspicious-activity', 'unspecified'),
    object_refs: refs('indicator', 'malware'),
  }),
  identity: sdo('identity', { name: text, identity_class: fc.constantFrom('individual', 'organization') }, [
    'name',
  ]),
  incident: named('incident'),
  indicator: withBase(
    sdoBase('indicator'),
    fc.tuple(ordered(true), fc.ipV4()).map(([[from, until], ip]) => ({
      pattern: `[ipv4-addr:value = '${ip}']`,
      pattern_type: 'stix',
      valid_from: from,
      valid_until: until,
    })),
  ),
  infrastructure: seen('infrastructure'),
  'intrusion-set': seen('intrusion-set'),
  location: withBase(
    sdo(
      'location',
      { region: fc.constantFrom('europe', 'northern-america'), country: fc.constantFrom('DE', 'US') },
      ['region'],
    ),
    fc
      .option(
        fc.tuple(
          fc.double({ min: -90, max: 90, noNaN: true }),
          fc.double({ min: -180, max: 180, noNaN: true }),
        ),
        { nil: undefined },
      )
      // + 0 turns -0 (which JSON writes as 0) into 0, so the round trip is exact.
      .map((p) => (p ? { latitude: p[0] + 0, longitude: p[1] + 0 } : {})),
  ),
  malware: withBase(
    seen('malware'),
    fc.record({ is_family: fc.constant(true), malware_types: fc.constant(['ransomware']) }),
  ),
  'malware-analysis': sdo('malware-analysis', {
    product: word,
    result: fc.constantFrom('malicious', 'benign'),
  }),
  note: sdo('note', { content: text, object_refs: refs('report', 'indicator') }),
  'observed-data': withBase(
    sdoBase('observed-data'),
    fc
      .tuple(ordered(false), fc.integer({ min: 1, max: 999_999_999 }), refs('ipv4-addr', 'file'))
      .map(([[first, last], n, r]) => ({
        first_observed: first,
        last_observed: last,
        number_observed: n,
        object_refs: r,
      })),
  ),
  opinion: sdo('opinion', {
    opinion: fc.constantFrom('agree', 'strongly-disagree'),
    object_refs: refs('report'),
  }),
  report: sdo('report', {
    name: text,
    published: timeMs.map(iso),
    object_refs: refs('indicator', 'relationship'),
  }),
  'threat-actor': seen('threat-actor'),
  tool: named('tool'),
  vulnerability: named('vulnerability'),
  relationship: sdo('relationship', {
    relationship_type: fc.constant('related-to'),
    source_ref: idOf('malware'),
    target_ref: idOf('tool'),
  }),
  sighting: sdo(
    'sighting',
    {
      sighting_of_ref: idOf('indicator'),
      count: fc.integer({ min: 0, max: 999_999_999 }),
      where_sighted_refs: refs('identity'),
    },
    ['sighting_of_ref'],
  ),
  artifact: sco(
    'artifact',
    { payload_bin: fc.base64String({ minLength: 4 }), mime_type: fc.constant('application/zip') },
    ['payload_bin'],
  ),
  'autonomous-system': sco(
    'autonomous-system',
    { number: fc.integer({ min: 1, max: 4_294_967_295 }), name: text },
    ['number'],
  ),
  directory: sco('directory', { path: text }),
  'domain-name': sco('domain-name', { value: fc.domain() }),
  'email-addr': sco('email-addr', { value: fc.emailAddress(), display_name: text }, ['value']),
  'email-message': sco('email-message', { is_multipart: fc.constant(false), subject: text, body: text }, [
    'is_multipart',
  ]),
  file: sco(
    'file',
    {
      name: text,
      size: fc.integer({ min: 0, max: 2 ** 40 }),
      hashes: hexBytes(32, 32).map((h) => ({ 'SHA-256': h })),
    },
    ['name'],
  ),
  'ipv4-addr': sco('ipv4-addr', { value: fc.ipV4() }),
  'ipv6-addr': sco('ipv6-addr', { value: fc.ipV6() }),
  'mac-addr': sco('mac-addr', {
    value: fc.array(hexBytes(1, 1), { minLength: 6, maxLength: 6 }).map((a) => a.join(':')),
  }),
  mutex: sco('mutex', { name: text }),
  'network-traffic': sco(
    'network-traffic',
    {
      protocols: fc.constant(['ipv4', 'tcp']),
      src_ref: idOf('ipv4-addr'),
      dst_port: fc.integer({ min: 0, max: 65535 }),
    },
    ['protocols', 'src_ref'],
  ),
  process: sco('process', { pid: fc.integer({ min: 0, max: 2 ** 31 }), command_line: text }, ['pid']),
  software: sco('software', { name: text, vendor: text, version: text }, ['name']),
  url: sco('url', { value: fc.webUrl() }),
  'user-account': sco(
    'user-account',
    { user_id: text, account_type: fc.constantFrom('unix', 'windows-local') },
    ['user_id'],
  ),
  'windows-registry-key': sco('windows-registry-key', {
    key: word.map((w) => `HKEY_LOCAL_MACHINE\\Software\\${w}`),
  }),
  'x509-certificate': sco(
    'x509-certificate',
    { serial_number: hexBytes(8, 16), is_self_signed: fc.boolean() },
    ['serial_number'],
  ),
  'language-content': withBase(
    sdoBase('language-content').map(({ lang: _l, ...rest }) => rest),
    fc.record({ object_ref: idOf('campaign'), contents: fc.record({ de: fc.record({ name: text }) }) }),
  ),
  'marking-definition': fc.record({
    type: fc.constant('marking-definition'),
    spec_version: fc.constant('2.1'),
    id: idOf('marking-definition'),
    created: timeMs.map(iso),
    definition_type: fc.constant('statement'),
    definition: fc.record({ statement: text }),
  }),
  'extension-definition': withBase(
    sdoBase('extension-definition').map(({ lang: _l, confidence: _c, ...rest }) => rest),
    fc.record({
      created_by_ref: idOf('identity'),
      name: text,
      description: text,
      schema: fc.webUrl(),
      version: fc.constant('1.0.0'),
      extension_types: fc.constant(['property-extension']),
    }),
  ),
};

/** Any valid object of any spec-defined type. */
export const anyValidObject: fc.Arbitrary<Obj> = fc.oneof(...Object.values(VALID_OBJECTS));
