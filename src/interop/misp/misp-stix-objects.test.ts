/**
 * Accord's indicators of MISP objects against misp-stix's, comparison by comparison (issue 19):
 * every documented template with a to_ids attribute. The differences declared below are the
 * only ones allowed; templates Accord carries as notes have no indicator to compare.
 */
import { describe, expect, it } from 'vitest';
import {
  comparisons,
  convert,
  type Deviation,
  declaredDiff,
  diff,
  expected,
  fixData,
} from '../../../test/support/misp-stix-comparisons.js';

/** misp-stix sections of object templates Accord carries as notes (no indicator to compare). */
const NOTE_TEMPLATES = new Set([
  'android-app',
  'annotation',
  'artifact',
  'cpe-asset',
  'credential',
  'directory',
  'facebook-account',
  'github-user',
  'gitlab-user',
  'hashlookup',
  'http-request',
  'image',
  'lnk',
  'netflow',
  'network-socket',
  'nova-rule',
  'owasp-crs-rule',
  'parler-account',
  'pe & pe-sections',
  'process',
  'reddit-account',
  'registry-key-value',
  'telegram-account',
  'twitter-account',
  'wazuh-rule',
]);

const OBJECT_DEVIATIONS: Readonly<Record<string, Deviation>> = {
  email: {
    why: 'Accord compares any recipient and attachment ([*], 9.7.2), not the n-th; misp-stix also adds a content_disposition the attachment attribute does not state',
    mispStix: [
      'email-message:bcc_refs[0].value = jfk@gov.us',
      'email-message:body_multipart[0].body_raw_ref.name = attachment1.file',
      'email-message:body_multipart[0].content_disposition = attachment',
      'email-message:body_multipart[1].body_raw_ref.name = attachment2.file',
      'email-message:body_multipart[1].content_disposition = attachment',
      'email-message:cc_refs[0].value = diana.prince@dc.us',
      'email-message:cc_refs[1].value = marie.curie@nobel.fr',
      'email-message:to_refs[0].value = jdoe@random.org',
    ],
    accord: [
      'email-message:bcc_refs[*].value = jfk@gov.us',
      'email-message:body_multipart[*].body_raw_ref.name = attachment1.file',
      'email-message:body_multipart[*].body_raw_ref.name = attachment2.file',
      'email-message:cc_refs[*].value = diana.prince@dc.us',
      'email-message:cc_refs[*].value = marie.curie@nobel.fr',
      'email-message:to_refs[*].value = jdoe@random.org',
    ],
  },
  'email with display names': {
    why: 'Accord compares any recipient ([*], 9.7.2), not the n-th',
    mispStix: [
      'email-message:bcc_refs[0].value = jfk@gov.us',
      'email-message:cc_refs[0].value = diana.prince@dc.us',
      'email-message:to_refs[0].value = jdoe@random.org',
    ],
    accord: [
      'email-message:bcc_refs[*].value = jfk@gov.us',
      'email-message:cc_refs[*].value = diana.prince@dc.us',
      'email-message:to_refs[*].value = jdoe@random.org',
    ],
  },
  'ip-port': {
    why: "misp-stix states both the address and the domain as the one dst_ref, which no traffic satisfies; Accord keeps the domain as x_misp_domain, as misp-stix's own observable does",
    mispStix: ['network-traffic:dst_ref.type = domain-name', 'network-traffic:dst_ref.value = circl.lu'],
    accord: ['network-traffic:x_misp_domain = circl.lu'],
  },
  'network-connection': {
    why: 'the same contradiction as ip-port: the host name stays x_misp_hostname_dst, as in the observable',
    mispStix: ['network-traffic:dst_ref.type = domain-name', 'network-traffic:dst_ref.value = circl.lu'],
    accord: ['network-traffic:x_misp_hostname_dst = circl.lu'],
  },
  'file with references to pe & pe-section(s)': {
    why: "misp-stix merges a file's referenced pe and pe-section objects into its windows-pebinary-ext; Accord keeps each its own object (a note), linked by a relationship",
    mispStix: [
      'file:extensions.windows-pebinary-ext.imphash = 23ea835ab4b9017c74dfb023d2301c99',
      'file:extensions.windows-pebinary-ext.pe_type = exe',
      'file:extensions.windows-pebinary-ext.sections[0].hashes.MD5 = 8a2a5fc2ce56b3b04d58539a95390600',
      'file:extensions.windows-pebinary-ext.sections[0].hashes.SHA-1 = 0aeb9def096e9f73e9460afe6f8783a32c7eabdf',
      'file:extensions.windows-pebinary-ext.sections[0].hashes.SHA-256 = c6b3ac8303a72be90b0e47f69977e6f5665693d4ea0aa93e5c27b5c556c7cf9b',
      'file:extensions.windows-pebinary-ext.sections[0].hashes.SHA-512 = 98fce208e6ed9612db53725fe03b73ab7cb1b487814d521c3c218273cad33891ce832c4f842c6f492d92df1e78414c82a00ddb91a1f8ec7d67325231a597a78f',
      'file:extensions.windows-pebinary-ext.sections[0].hashes.SSDEEP = 6144:BvqbV6zoA5yJJ1entjx+UJlVshhKuqMrgyNhahL2uSvhM:BvuVy5UJUtwUJ/UjHSEuSvK',
      'file:extensions.windows-pebinary-ext.sections[0].name = .rsrc',
      'file:extensions.windows-pebinary-ext.x_misp_impfuzzy = 192:8GMV5iqHKV+5RvUV5iqHKV+5RvAVDNNhwkCtRxwUQt63yf2y9sAkexSECI:vMVzB5R8VzB5R4XGtRxwUccc2y9scxt',
      'file:extensions.windows-pebinary-ext.x_misp_internal_filename = PuTTy',
      'file:extensions.windows-pebinary-ext.x_misp_original_filename = PuTTy',
    ],
    accord: [],
  },
  'registry-key with references to registry-key-value(s)': {
    why: 'misp-stix merges referenced registry-key-value objects into the key; Accord keeps each its own object, linked by a relationship',
    mispStix: [
      'windows-registry-key:values[0].data = qwerty',
      'windows-registry-key:values[0].data_type = REG_SZ',
      'windows-registry-key:values[0].name = Foo',
      'windows-registry-key:values[1].data = 42',
      'windows-registry-key:values[1].data_type = REG_DWORD',
      'windows-registry-key:values[1].name = Bar',
    ],
    accord: [],
  },
};

describe('misp-stix objects: indicators of mapped templates give misp-stix comparisons', () => {
  for (const { section, objects: mispObjects, patterns } of expected.objects) {
    const flagged = mispObjects.some((o) => (o.Attribute as { to_ids?: boolean }[]).some((a) => a.to_ids));
    if (!flagged) continue;
    it(`${section}`, () => {
      const { objects, issues } = convert({ Object: mispObjects });
      expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
      const first = mispObjects[0]!;
      const made = objects.find(
        (o) => String(o.id).endsWith(String(first.uuid)) && o.type !== 'observed-data',
      );
      if (NOTE_TEMPLATES.has(section)) {
        expect(made?.type).toBe('note');
        return;
      }
      expect(made?.type).toBe('indicator');
      const theirs = patterns.find((p) => p.id.endsWith(String(first.uuid))) ?? patterns[0]!;
      if (theirs.pattern_type !== 'stix') {
        expect(made!.pattern).toBe(theirs.pattern);
        return;
      }
      const d = diff(comparisons(String(made!.pattern)), comparisons(fixData(theirs.pattern)));
      const declared = OBJECT_DEVIATIONS[section];
      expect(d).toEqual(declaredDiff(declared));
    });
  }
});
