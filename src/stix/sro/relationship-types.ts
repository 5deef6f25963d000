/** The two SROs: 5.1 relationship and 5.2 sighting. */
import { list } from '../checks/collections.js';
import { identifierType, REF, reference } from '../checks/identifier.js';
import { boolean, integer, matching, string } from '../checks/primitives.js';
import { refsTo } from '../checks/refs.js';
import { timestamp } from '../checks/timestamp.js';
import { coreCommon } from '../common/properties.js';
import { kindOf } from '../common/type-names.js';
import { opt, req } from '../validate/context.js';
import { timeOrder } from '../validate/rules.js';
import type { TypeSpec } from '../validate/type-spec.js';
import { isSpecRelationship, specRelationshipTypes } from './relationship-table.js';

export const relationship: TypeSpec = {
  type: 'relationship',
  kind: 'sro',
  section: '5.1',
  properties: {
    ...coreCommon('relationship', 'sro'),
    relationship_type: req(
      matching(/^[a-z0-9-]+$/, 'must use only the characters a-z, 0-9 and - (ASCII, lower case)', '5.1.2'),
    ),
    description: opt(string()),
    source_ref: req(reference(REF.sdoOrSco, '5.1.2')),
    target_ref: req(reference(REF.sdoOrSco, '5.1.2')),
    start_time: opt(timestamp()),
    stop_time: opt(timestamp()),
  },
  hook: (obj, path, ctx) => {
    timeOrder(obj, path, ctx, 'start_time', 'stop_time', true, '5.1.2');
    if (ctx.options.relationshipTable === false) return;
    const { relationship_type: rel, source_ref: src, target_ref: tgt } = obj;
    if (typeof rel !== 'string' || typeof src !== 'string' || typeof tgt !== 'string') return;
    const source = identifierType(src);
    const target = identifierType(tgt);
    // Relationships between custom types have no spec-defined vocabulary to compare with.
    if (
      source === undefined ||
      target === undefined ||
      kindOf(source) === undefined ||
      kindOf(target) === undefined
    )
      return;
    if (!isSpecRelationship(source, rel, target, kindOf(target) === 'sco')) {
      ctx.warn(
        'STIX_RELATIONSHIP_TYPE',
        `${path}/relationship_type`,
        `"${source} ${rel} ${target}" is not a spec-defined relationship; for ${source} the spec defines: ${specRelationshipTypes(source).join(', ')}`,
        'Appendix B',
      );
    }
  },
};

export const sighting: TypeSpec = {
  type: 'sighting',
  kind: 'sro',
  section: '5.2',
  properties: {
    ...coreCommon('sighting', 'sro'),
    description: opt(string()),
    first_seen: opt(timestamp()),
    last_seen: opt(timestamp()),
    count: opt(integer({ min: 0, max: 999_999_999, section: '5.2.1' })),
    sighting_of_ref: req(reference({ kinds: ['sdo', 'custom'], describe: 'an SDO' }, '5.2.1')),
    observed_data_refs: opt(refsTo('5.2.1', 'observed-data')),
    where_sighted_refs: opt(
      list(reference({ types: ['identity', 'location'], describe: 'an identity or location' }, '5.2.1')),
    ),
    summary: opt(boolean()),
  },
  hook: (obj, path, ctx) => timeOrder(obj, path, ctx, 'first_seen', 'last_seen', false, '5.2.1'),
};
