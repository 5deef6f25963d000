/**
 * Accord's attribution and advisory extensions (spec 7.3 property-extensions) and their
 * extension-definition objects. Each `schema` holds the JSON schema itself as text (spec 7.3.1
 * allows "plain text explaining the definition"), so the definition travels with the data;
 * docs/guides/attribution.md shows the same schemas (a test keeps both equal).
 * Why these representations: docs/decisions/0002-attribution-evidence.md and
 * 0003-joint-advisory-objects.md.
 */
import { ACCORD_IDENTITY_ID, ADVISORY_EXTENSION_ID, SIGNATURE_EXTENSION_ID } from '../policy/index.js';
import type { ValidatedOf } from '../stix/index.js';

/** Evidence of an attribution claim: on the `attributed-to` relationship. */
export const EVIDENCE_EXTENSION_ID = 'extension-definition--d9427e66-5d66-4b52-a214-352d754de9a7';
/**
 * A joint advisory (on the `report`) and a co-signer's signature (on an `agree` opinion): their
 * ids live in policy/, which releases such objects only by a release entry.
 */
export { ADVISORY_EXTENSION_ID, SIGNATURE_EXTENSION_ID };

/** Object types a claim's evidence may name: reports, indicators, sightings and techniques. */
export const EVIDENCE_TYPES: readonly string[] = ['report', 'indicator', 'sighting', 'attack-pattern'];

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const IDENTITY_PATTERN = `^identity--${UUID}$`;
const TIMESTAMP_PATTERN = '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z$';
const identities = {
  type: 'array',
  minItems: 1,
  uniqueItems: true,
  items: { type: 'string', pattern: IDENTITY_PATTERN },
};

/** JSON schema (draft 2020-12) of the evidence property-extension. */
export const EVIDENCE_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  title: 'Accord attribution evidence',
  description:
    'A relationship extension: the reports, indicators, sightings and techniques (attack-pattern) an attribution claim rests on.',
  type: 'object',
  properties: {
    extension_type: { const: 'property-extension' },
    evidence_refs: {
      type: 'array',
      minItems: 1,
      uniqueItems: true,
      items: { type: 'string', pattern: `^(${EVIDENCE_TYPES.join('|')})--${UUID}$` },
    },
  },
  required: ['extension_type', 'evidence_refs'],
  additionalProperties: false,
} as const;

/** JSON schema (draft 2020-12) of the advisory property-extension. */
export const ADVISORY_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  title: 'Accord joint advisory',
  description:
    'A report extension: the report is a joint advisory, released at release_at only when every co-signer (identity ids) signed its exact text before then.',
  type: 'object',
  properties: {
    extension_type: { const: 'property-extension' },
    release_at: { type: 'string', pattern: TIMESTAMP_PATTERN },
    cosigners: identities,
  },
  required: ['extension_type', 'release_at', 'cosigners'],
  additionalProperties: false,
} as const;

/** JSON schema (draft 2020-12) of the advisory-signature property-extension. */
export const SIGNATURE_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  title: 'Accord advisory signature',
  description:
    "An opinion extension: its producer approves the version signed_version of the report in object_refs, whose text has the digest signed_digest (SHA-256 of the version's RFC 8785 canonical JSON).",
  type: 'object',
  properties: {
    extension_type: { const: 'property-extension' },
    signed_version: { type: 'string', pattern: TIMESTAMP_PATTERN },
    signed_digest: { type: 'string', pattern: '^sha256:[0-9a-f]{64}$' },
  },
  required: ['extension_type', 'signed_version', 'signed_digest'],
  additionalProperties: false,
} as const;

const definition = (
  id: string,
  name: string,
  description: string,
  schema: object,
  anchor: string,
): ValidatedOf<'extension-definition'> => ({
  type: 'extension-definition',
  spec_version: '2.1',
  id,
  created_by_ref: ACCORD_IDENTITY_ID,
  created: '2026-12-06T00:00:00.000Z',
  modified: '2026-12-06T00:00:00.000Z',
  name,
  description,
  schema: JSON.stringify(schema),
  version: '1.0.0',
  extension_types: ['property-extension'],
  external_references: [{ source_name: 'accord', description: `docs/guides/attribution.md#${anchor}` }],
});

/** The three extension-definition objects of intel/ (with JSON schemas), for demo data and docs. */
export const INTEL_EXTENSION_DEFINITIONS: readonly ValidatedOf<'extension-definition'>[] = [
  definition(
    EVIDENCE_EXTENSION_ID,
    'Accord attribution evidence',
    'Relationship property-extension listing the reports, indicators, sightings and techniques an attributed-to claim rests on.',
    EVIDENCE_SCHEMA,
    'evidence',
  ),
  definition(
    ADVISORY_EXTENSION_ID,
    'Accord joint advisory',
    'Report property-extension: a joint advisory with its release time and co-signer identities; it is released only when every co-signer signed its exact text before the release time.',
    ADVISORY_SCHEMA,
    'joint-advisory',
  ),
  definition(
    SIGNATURE_EXTENSION_ID,
    'Accord advisory signature',
    "Opinion property-extension: the producer's approval of one exact version of a joint advisory, named by its version and SHA-256 digest.",
    SIGNATURE_SCHEMA,
    'signature',
  ),
];
