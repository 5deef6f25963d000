import { describe, expect, it } from 'vitest';
import { TLP_V1, TLP_V2 } from '../stix/index.js';
import {
  EMBARGO_EXTENSION_ID,
  embargoMarking,
  SHARING_GROUP_EXTENSION_ID,
  sharingGroupMarking,
} from './accord-markings.js';
import { auditLevelOf } from './audit-level.js';
import { embargoOf } from './embargo.js';
import { buildMarkingIndex } from './marking-index.js';

const M = 'identity--00000000-0000-4000-8000-00000000000a';
const LOCAL_A = { producerOrg: 'a', origin: 'local' };
const N = 'identity--00000000-0000-4000-8000-00000000000b';
const def = (extensions: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  type: 'marking-definition',
  spec_version: '2.1',
  id: 'marking-definition--33333333-3333-4333-8333-333333333333',
  created: '2024-01-01T00:00:00.000Z',
  extensions,
  ...extra,
});

describe('buildMarkingIndex', () => {
  it('knows the TLP 2.0 and 1.0 definitions without being told', () => {
    const idx = buildMarkingIndex([]);
    expect(idx.byId.get(TLP_V2.red.id)).toEqual({ kind: 'tlp', level: 'red' });
    expect(idx.byId.get(TLP_V1.white.id)).toEqual({ kind: 'tlp', level: 'clear' });
  });
  it('7.2.1.4 a stored object cannot redefine a TLP id', () => {
    const fake = {
      ...TLP_V2.red,
      extensions: {
        [TLP_V2.red.extensions ? Object.keys(TLP_V2.red.extensions)[0]! : '']: {
          extension_type: 'property-extension',
          tlp_2_0: 'clear',
        },
      },
    };
    expect(buildMarkingIndex([JSON.stringify(fake)]).byId.get(TLP_V2.red.id)).toEqual({
      kind: 'tlp',
      level: 'red',
    });
  });
  it('reads sharing groups and embargoes', () => {
    const g = sharingGroupMarking({ members: [M, N], createdByRef: M });
    const e = embargoMarking({ releaseAt: '2030-01-01T00:00:00.123456Z', cosigners: [N], createdByRef: M });
    const idx = buildMarkingIndex([JSON.stringify(g), JSON.stringify(e)]);
    expect(idx.byId.get(g.id as string)).toEqual({ kind: 'group', members: new Set([M, N]) });
    expect(idx.byId.get(e.id as string)).toEqual({
      kind: 'embargo',
      releaseAt: Date.parse('2030-01-01T00:00:00Z') * 1000 + 123456,
      cosigners: new Set([N]),
    });
  });
  it('keeps malformed or unknown-extension definitions as opaque (they deny)', () => {
    const cases = [
      def({ [SHARING_GROUP_EXTENSION_ID]: { extension_type: 'property-extension', members: [] } }),
      def({ [SHARING_GROUP_EXTENSION_ID]: { extension_type: 'property-extension', members: ['org-a'] } }),
      def({
        [EMBARGO_EXTENSION_ID]: { extension_type: 'property-extension', release_at: 'soon', cosigners: [M] },
      }),
      def({
        'extension-definition--44444444-4444-4444-8444-444444444444': {
          extension_type: 'property-extension',
        },
      }),
      def({
        [SHARING_GROUP_EXTENSION_ID]: { extension_type: 'property-extension', members: [M] },
        'extension-definition--44444444-4444-4444-8444-444444444444': {
          extension_type: 'property-extension',
        },
      }),
      def({}, { extensions: undefined, definition_type: 'iep', definition: {} }),
    ];
    for (const c of cases)
      expect(buildMarkingIndex([JSON.stringify(c)]).byId.get(c.id)).toEqual({ kind: 'opaque' });
  });
  it('skips unparseable definitions, which therefore stay unknown', () => {
    expect(buildMarkingIndex(['{', '[]', '{"type":"indicator","id":"x"}']).byId.size).toBe(9);
  });
});

describe('embargoOf and auditLevelOf', () => {
  const e1 = embargoMarking({ releaseAt: '2030-01-01T00:00:00Z', cosigners: [M, N], createdByRef: M });
  const e2 = embargoMarking({ releaseAt: '2031-01-01T00:00:00Z', cosigners: [N], createdByRef: M });
  const idx = buildMarkingIndex([JSON.stringify(e1), JSON.stringify(e2)]);
  it('combines several embargoes: latest release, common co-signers', () => {
    expect(embargoOf({ object_marking_refs: [e1.id, e2.id] }, idx, LOCAL_A)).toEqual({
      releaseAt: Date.parse('2031-01-01T00:00:00Z') * 1000,
      cosigners: [N],
    });
    expect(embargoOf({ object_marking_refs: [TLP_V2.red.id] }, idx, LOCAL_A)).toBeUndefined();
  });
  it('reports the most restrictive TLP of object and granular markings', () => {
    expect(auditLevelOf({ object_marking_refs: [TLP_V2.green.id] }, idx)).toBeUndefined();
    expect(auditLevelOf({ object_marking_refs: [TLP_V1.amber.id] }, idx)).toBe('amber');
    expect(
      auditLevelOf(
        {
          object_marking_refs: [TLP_V2['amber+strict'].id],
          granular_markings: [{ marking_ref: TLP_V2.red.id, selectors: ['name'] }],
        },
        idx,
      ),
    ).toBe('red');
  });
});
