import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateObject } from '../stix/index.js';
import {
  EMBARGO_EXTENSION_ID,
  embargoMarking,
  SHARING_GROUP_EXTENSION_ID,
  sharingGroupMarking,
} from './accord-markings.js';
import {
  ACCORD_EXTENSION_DEFINITIONS,
  EMBARGO_SCHEMA,
  SHARING_GROUP_SCHEMA,
} from './extension-definitions.js';

const M = 'identity--00000000-0000-4000-8000-00000000000a';
const N = 'identity--00000000-0000-4000-8000-00000000000b';
const errorsOf = (o: unknown) => {
  const r = validateObject(o);
  return r.ok ? [] : r.issues.filter((i) => i.severity === 'error').map((i) => `${i.path}: ${i.message}`);
};

/** A minimal check of an instance against the two schemas' keywords (required, const, pattern, arrays). */
function conforms(
  schema: typeof SHARING_GROUP_SCHEMA | typeof EMBARGO_SCHEMA,
  instance: Record<string, unknown>,
): boolean {
  const props = schema.properties as Record<string, Record<string, unknown>>;
  if (!schema.required.every((k) => k in instance)) return false;
  return Object.entries(instance).every(([k, v]) => {
    const p = props[k];
    if (!p) return false;
    if ('const' in p) return v === p.const;
    if (p.type === 'string') return typeof v === 'string' && new RegExp(String(p.pattern)).test(v);
    const items = p.items as { pattern: string };
    return (
      Array.isArray(v) &&
      v.length >= 1 &&
      new Set(v).size === v.length &&
      v.every((x) => new RegExp(items.pattern).test(String(x)))
    );
  });
}

describe('7.3 Accord extension definitions and markings', () => {
  it('7.3 both extension-definition objects validate, with the CONTRACT.md ids and their schema inline', () => {
    expect(ACCORD_EXTENSION_DEFINITIONS.map((d) => d.id)).toEqual([
      SHARING_GROUP_EXTENSION_ID,
      EMBARGO_EXTENSION_ID,
    ]);
    for (const def of ACCORD_EXTENSION_DEFINITIONS) {
      expect(errorsOf(def)).toEqual([]);
      expect(def.extension_types).toEqual(['property-extension']);
    }
    expect(JSON.parse(String(ACCORD_EXTENSION_DEFINITIONS[0]!.schema))).toEqual(SHARING_GROUP_SCHEMA);
    expect(JSON.parse(String(ACCORD_EXTENSION_DEFINITIONS[1]!.schema))).toEqual(EMBARGO_SCHEMA);
  });

  it('7.2.1 a sharing-group marking validates, without the deprecated definition_type', () => {
    const g = sharingGroupMarking({
      name: 'allies',
      members: [M, N],
      createdByRef: M,
      created: '2030-01-01T00:00:00.000Z',
    });
    expect(errorsOf(g)).toEqual([]);
    expect(g).not.toHaveProperty('definition_type');
    expect(
      conforms(
        SHARING_GROUP_SCHEMA,
        (g.extensions as Record<string, Record<string, unknown>>)[SHARING_GROUP_EXTENSION_ID]!,
      ),
    ).toBe(true);
  });

  it('7.2.1 an embargo marking validates and conforms to its schema', () => {
    const e = embargoMarking({ releaseAt: '2030-06-01T12:00:00Z', cosigners: [N, N], createdByRef: M });
    expect(errorsOf(e)).toEqual([]);
    const ext = (e.extensions as Record<string, Record<string, unknown>>)[EMBARGO_EXTENSION_ID]!;
    expect(ext.cosigners).toEqual([N]);
    expect(conforms(EMBARGO_SCHEMA, ext)).toBe(true);
    expect(conforms(EMBARGO_SCHEMA, { ...ext, cosigners: ['org-b'] })).toBe(false);
  });

  it('refuses empty member lists, non-identity members and bad release times', () => {
    expect(() => sharingGroupMarking({ members: [], createdByRef: M })).toThrow(
      expect.objectContaining({ code: 'POLICY_EMPTY_MEMBERS' }),
    );
    expect(() => sharingGroupMarking({ members: ['org-a'], createdByRef: M })).toThrow(
      expect.objectContaining({ code: 'POLICY_BAD_IDENTITY' }),
    );
    expect(() =>
      embargoMarking({ releaseAt: '2030-02-30T00:00:00Z', cosigners: [M], createdByRef: M }),
    ).toThrow(expect.objectContaining({ code: 'POLICY_BAD_TIMESTAMP' }));
  });
});

describe('docs/guides/sharing-rules.md', () => {
  it('shows exactly the published extension-definition objects', () => {
    const doc = readFileSync(new URL('../../docs/guides/sharing-rules.md', import.meta.url), 'utf8');
    const blocks = [...doc.matchAll(/```json\n([\s\S]*?)\n```/g)].map((m) => m[1]!);
    const published = blocks.find((b) => b.startsWith('['));
    expect(JSON.parse(published!)).toEqual(ACCORD_EXTENSION_DEFINITIONS);
    expect(
      blocks.map((b) => (b.startsWith('{\n  "$schema"') ? JSON.parse(b) : undefined)).filter(Boolean),
    ).toEqual([SHARING_GROUP_SCHEMA, EMBARGO_SCHEMA]);
  });
});
