/**
 * The two Accord extension-definition objects (spec 7.3), published in demo data and docs.
 * Their `schema` property holds the JSON schema itself as text (spec 7.3.1 allows "plain text
 * explaining the definition"), so the normative definition travels with the object to any
 * node; docs/guides/sharing-rules.md shows the same schemas.
 */
import { EMBARGO_EXTENSION_ID, SHARING_GROUP_EXTENSION_ID } from './accord-markings.js';

/** Identity of the Accord project, creator of its extension definitions. */
export const ACCORD_IDENTITY_ID = 'identity--6f5ab3c9-4c4e-4a8e-9a7b-0c1d2e3f4a5b';

const IDENTITY_PATTERN = '^identity--[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';
const TIMESTAMP_PATTERN = '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z$';

/** JSON schema (draft 2020-12) of the sharing-group property-extension. */
export const SHARING_GROUP_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  title: 'Accord sharing group',
  description:
    'A marking-definition extension: only the member organisations (STIX identities) may see what it marks.',
  type: 'object',
  properties: {
    extension_type: { const: 'property-extension' },
    members: {
      type: 'array',
      minItems: 1,
      uniqueItems: true,
      items: { type: 'string', pattern: IDENTITY_PATTERN },
    },
  },
  required: ['extension_type', 'members'],
  additionalProperties: false,
} as const;

/** JSON schema (draft 2020-12) of the embargo property-extension. */
export const EMBARGO_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  title: 'Accord embargo',
  description:
    'A marking-definition extension: what it marks is visible only to the co-signers (STIX identities) until release_at, then to everyone else other markings allow.',
  type: 'object',
  properties: {
    extension_type: { const: 'property-extension' },
    release_at: { type: 'string', pattern: TIMESTAMP_PATTERN },
    cosigners: {
      type: 'array',
      minItems: 1,
      uniqueItems: true,
      items: { type: 'string', pattern: IDENTITY_PATTERN },
    },
  },
  required: ['extension_type', 'release_at', 'cosigners'],
  additionalProperties: false,
} as const;

const definition = (id: string, name: string, description: string, schema: object, anchor: string) => ({
  type: 'extension-definition',
  spec_version: '2.1',
  id,
  created_by_ref: ACCORD_IDENTITY_ID,
  created: '2026-11-29T00:00:00.000Z',
  modified: '2026-11-29T00:00:00.000Z',
  name,
  description,
  schema: JSON.stringify(schema),
  version: '1.0.0',
  extension_types: ['property-extension'],
  external_references: [{ source_name: 'accord', description: `docs/guides/sharing-rules.md#${anchor}` }],
});

/** The two extension-definition objects (with JSON schemas), published in demo data and docs. */
export const ACCORD_EXTENSION_DEFINITIONS: readonly Record<string, unknown>[] = [
  definition(
    SHARING_GROUP_EXTENSION_ID,
    'Accord sharing group',
    'Marking-definition property-extension naming the member organisations (identity ids) that alone may see what the marking marks; with TLP:RED, the members are who RED is shared with.',
    SHARING_GROUP_SCHEMA,
    'sharing-group',
  ),
  definition(
    EMBARGO_EXTENSION_ID,
    'Accord embargo',
    'Marking-definition property-extension: what it marks is hidden from all but the co-signers (identity ids) until release_at; at release it reaches everyone else as if added then.',
    EMBARGO_SCHEMA,
    'embargo',
  ),
];
