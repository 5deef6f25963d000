import { describe, expect, it } from 'vitest';
import { asMicros, TLP_V1, TLP_V2 } from '../stix/index.js';
import { embargoMarking, sharingGroupMarking } from './accord-markings.js';
import { ADVISORY_EXTENSION_ID, SIGNATURE_EXTENSION_ID } from './advisory-embargo.js';
import { type DecisionSubject, decide } from './decide.js';
import { buildMarkingIndex } from './marking-index.js';
import type { PolicyContext, Reader } from './types.js';

const ID = {
  a: 'identity--00000000-0000-4000-8000-00000000000a',
  b: 'identity--00000000-0000-4000-8000-00000000000b',
  c: 'identity--00000000-0000-4000-8000-00000000000c',
};
const A: Reader = { orgId: 'a', identityId: ID.a };
const B: Reader = { orgId: 'b', identityId: ID.b };
const C: Reader = { orgId: 'c', identityId: ID.c };
const groupAB = sharingGroupMarking({ name: 'ab', members: [ID.a, ID.b], createdByRef: ID.a });
const groupBC = sharingGroupMarking({ members: [ID.b, ID.c], createdByRef: ID.a });
const RELEASE = '2030-01-01T00:00:00.000Z';
const RELEASE_US = Date.parse(RELEASE) * 1000;
const embargoB = embargoMarking({ releaseAt: RELEASE, cosigners: [ID.b], createdByRef: ID.a });
const statement = {
  type: 'marking-definition',
  spec_version: '2.1',
  id: 'marking-definition--4a0042fe-8b88-40fe-9600-dfa128ce6fbd',
  created: '2016-08-01T00:00:00.000Z',
  definition_type: 'statement',
  definition: { statement: 'Copyright 2019, Example Corp' },
};
const markings = buildMarkingIndex([groupAB, groupBC, embargoB, statement].map((d) => JSON.stringify(d)));
const ctxAt = (now: number): PolicyContext => ({
  markings,
  now: asMicros(now),
  identityOfOrg: () => undefined,
});
const ctx = ctxAt(RELEASE_US - 1);

const RED = TLP_V2.red.id;
const id = (d: Record<string, unknown>) => d.id as string;

function subject(
  extra: Record<string, unknown>,
  entry: 'added' | 'released' = 'added',
  dateAdded = 1,
): DecisionSubject {
  const object = {
    type: 'indicator',
    spec_version: '2.1',
    id: 'indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f',
    created: '2024-01-01T00:00:00.000Z',
    modified: '2024-01-01T00:00:00.000Z',
    name: 'bad domain',
    description: 'secret context',
    pattern: "[domain-name:value = 'x.example']",
    pattern_type: 'stix',
    valid_from: '2024-01-01T00:00:00Z',
    labels: ['one', 'two', 'three'],
    ...extra,
  };
  return { producerOrg: 'a', origin: 'local', entry, dateAdded: asMicros(dateAdded), object };
}
const kind = (r: Reader, s: DecisionSubject, c = ctx) => decide(r, s, c).kind;

describe('decide: object markings', () => {
  it('lets every reader see an unmarked object', () => {
    expect([A, B, C].map((r) => kind(r, subject({})))).toEqual(['visible', 'visible', 'visible']);
  });
  it('7.2.1.4 TLP 1.0 and TLP 2.0 CLEAR/GREEN/AMBER/AMBER+STRICT reach every reader of the collection', () => {
    for (const def of [
      TLP_V1.white,
      TLP_V1.green,
      TLP_V1.amber,
      TLP_V2.clear,
      TLP_V2.green,
      TLP_V2.amber,
      TLP_V2['amber+strict'],
    ]) {
      expect(kind(C, subject({ object_marking_refs: [def.id] }))).toBe('visible');
    }
  });
  it('TLP:RED (2.0 and 1.0) without a sharing group reaches only the producer', () => {
    for (const red of [RED, TLP_V1.red.id]) {
      expect(kind(A, subject({ object_marking_refs: [red] }))).toBe('visible');
      expect(kind(B, subject({ object_marking_refs: [red] }))).toBe('hidden');
    }
  });
  it('TLP:RED with a sharing group reaches its members and no one else', () => {
    const s = subject({ object_marking_refs: [RED, id(groupAB)] });
    expect([kind(A, s), kind(B, s), kind(C, s)]).toEqual(['visible', 'visible', 'hidden']);
  });
  it('a sharing group alone reaches only its members', () => {
    const s = subject({ object_marking_refs: [id(groupBC)] });
    expect([kind(B, s), kind(C, s)]).toEqual(['visible', 'visible']);
    expect(kind({ orgId: 'd', identityId: 'identity--00000000-0000-4000-8000-00000000000d' }, s)).toBe(
      'hidden',
    );
  });
  it('several sharing groups intersect', () => {
    const s = { ...subject({ object_marking_refs: [id(groupAB), id(groupBC)] }), producerOrg: 'x' };
    expect([kind(A, s), kind(B, s), kind(C, s)]).toEqual(['hidden', 'visible', 'hidden']);
  });
  it('an unknown marking definition hides the object from all but its producer (fail closed)', () => {
    const s = subject({ object_marking_refs: ['marking-definition--11111111-1111-4111-8111-111111111111'] });
    expect([kind(A, s), kind(B, s)]).toEqual(['visible', 'hidden']);
  });
  it('7.2.1.3 a statement marking does not restrict', () => {
    expect(kind(C, subject({ object_marking_refs: [statement.id] }))).toBe('visible');
  });
  it('malformed object_marking_refs hide the object from others', () => {
    expect(kind(B, subject({ object_marking_refs: 'nope' }))).toBe('hidden');
  });
});

describe('decide: 7.2.3 granular markings', () => {
  const gm = (ref: string, ...selectors: string[]) => ({
    granular_markings: [{ marking_ref: ref, selectors }],
  });
  it('removes a property a denying granular marking selects', () => {
    const d = decide(C, subject(gm(RED, 'description')), ctx);
    expect(d.kind).toBe('redacted');
    if (d.kind !== 'redacted') return;
    expect(d.object.description).toBeUndefined();
    expect(d.object.name).toBe('bad domain');
    expect(d.object.granular_markings).toBeUndefined();
    expect(d.removed).toEqual(['description']);
  });
  it('keeps a "__proto__" property as content of the redacted copy, never as its prototype', () => {
    const object = JSON.parse('{"__proto__":{"polluted":true},"x_extra":["a","b"]}') as Record<
      string,
      unknown
    >;
    const d = decide(C, subject({ ...object, ...gm(RED, 'x_extra.[1]') }), ctx);
    expect(d.kind).toBe('redacted');
    if (d.kind !== 'redacted') return;
    expect(Object.getPrototypeOf(d.object)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(JSON.parse(JSON.stringify(d.object)), '__proto__')?.value).toEqual(
      {
        polluted: true,
      },
    );
    expect(d.object.x_extra).toEqual(['a']);
  });
  it('keeps the property for a reader the marking permits', () => {
    expect(kind(B, subject({ object_marking_refs: [id(groupAB)], ...gm(RED, 'description') }))).toBe(
      'visible',
    );
  });
  it('removes list items and renumbers the other markings selectors', () => {
    const s = subject({
      granular_markings: [
        { marking_ref: RED, selectors: ['labels.[0]'] },
        { marking_ref: TLP_V2.green.id, selectors: ['labels.[2]', 'name'] },
      ],
    });
    const d = decide(C, s, ctx);
    expect(d.kind).toBe('redacted');
    if (d.kind !== 'redacted') return;
    expect(d.object.labels).toEqual(['two', 'three']);
    expect(d.object.granular_markings).toEqual([
      { marking_ref: TLP_V2.green.id, selectors: ['labels.[1]', 'name'] },
    ]);
  });
  it('removes an emptied list entirely (STIX lists are never empty)', () => {
    const d = decide(C, subject(gm(RED, 'labels.[0]', 'labels.[1]', 'labels.[2]')), ctx);
    expect(d.kind === 'redacted' && !('labels' in d.object)).toBe(true);
  });
  it('removes an external reference whose source_name is denied', () => {
    const refs = [
      { source_name: 'cve', external_id: 'CVE-1' },
      { source_name: 'x', url: 'https://x.example' },
    ];
    const d = decide(
      C,
      subject({ external_references: refs, ...gm(RED, 'external_references.[0].source_name') }),
      ctx,
    );
    expect(d.kind === 'redacted' && d.object.external_references).toEqual([refs[1]]);
  });
  it('hides the object when a required property would be removed', () => {
    expect(kind(C, subject(gm(RED, 'pattern')))).toBe('hidden');
    expect(kind(C, subject(gm(RED, 'id')))).toBe('hidden');
  });
  it('7.2.3 fails closed when a denying selector does not resolve or is malformed', () => {
    for (const sel of ['nothere', 'labels.[3]', 'description.[0]', 'labels.name', 'labels..x', '[0]x', '']) {
      expect(kind(C, subject(gm(RED, sel)))).toBe('hidden');
    }
  });
  it('ignores an unresolvable selector of a marking that permits', () => {
    expect(kind(C, subject(gm(TLP_V2.green.id, 'nothere')))).toBe('visible');
  });
  it('an unknown granular marking denies its content', () => {
    const d = decide(
      C,
      subject(gm('marking-definition--22222222-2222-4222-8222-222222222222', 'description')),
      ctx,
    );
    expect(d.kind).toBe('redacted');
  });
  it('limits: more than 1000 denying granular markings, or a 1025-character selector, hide the object', () => {
    const many = Array.from({ length: 1001 }, () => ({ marking_ref: RED, selectors: ['description'] }));
    expect(kind(C, subject({ granular_markings: many }))).toBe('hidden');
    expect(kind(C, subject({ granular_markings: many.slice(0, 1000) }))).toBe('redacted');
    // Markings that permit remove nothing, however many there are.
    const green = many.map((g) => ({ ...g, marking_ref: TLP_V2.green.id }));
    expect(kind(C, subject({ granular_markings: green }))).toBe('visible');
    const key = 'k'.repeat(1025);
    expect(kind(C, subject({ [key]: 1, ...gm(RED, key) }))).toBe('hidden');
    expect(kind(C, subject({ [key.slice(1)]: 1, ...gm(RED, key.slice(1)) }))).toBe('redacted');
  });
  it('a language granular marking does not restrict', () => {
    expect(kind(C, subject({ granular_markings: [{ lang: 'de', selectors: ['description'] }] }))).toBe(
      'visible',
    );
  });
  it('a granular embargo denies before release and permits co-signers', () => {
    const s = subject(gm(id(embargoB), 'description'));
    expect(kind(C, s)).toBe('redacted');
    expect(kind(B, s)).toBe('visible');
    expect(kind(C, s, ctxAt(RELEASE_US))).toBe('visible');
  });
});

describe('decide: embargo entries', () => {
  const marked = { object_marking_refs: [id(embargoB)] };
  it('the added entry reaches only producer and co-signers, before and after release', () => {
    for (const c of [ctx, ctxAt(RELEASE_US + 5)]) {
      expect([kind(A, subject(marked), c), kind(B, subject(marked), c), kind(C, subject(marked), c)]).toEqual(
        ['visible', 'visible', 'hidden'],
      );
    }
  });
  it('the released entry reaches the rest only from the release instant on', () => {
    const s = subject(marked, 'released', RELEASE_US);
    expect(kind(C, s, ctxAt(RELEASE_US - 1))).toBe('hidden');
    expect(kind(C, s, ctxAt(RELEASE_US))).toBe('visible');
    expect([kind(A, s, ctxAt(RELEASE_US)), kind(B, s, ctxAt(RELEASE_US))]).toEqual(['hidden', 'hidden']);
  });
  it('a released entry of an object under no embargo is hidden', () => {
    expect(kind(C, subject({}, 'released', 5), ctxAt(RELEASE_US))).toBe('hidden');
  });
  it('a version added after the release time is visible through its added entry', () => {
    expect(kind(C, subject(marked, 'added', RELEASE_US + 1), ctxAt(RELEASE_US + 2))).toBe('visible');
  });
  it('an advisory or a signature added after the release time reaches the rest only through a released entry (ADR 0004)', () => {
    for (const ext of [ADVISORY_EXTENSION_ID, SIGNATURE_EXTENSION_ID]) {
      const advisory = { ...marked, extensions: { [ext]: { extension_type: 'property-extension' } } };
      const late = ctxAt(RELEASE_US + 2);
      expect(kind(C, subject(advisory, 'added', RELEASE_US + 1), late)).toBe('hidden');
      expect(kind(B, subject(advisory, 'added', RELEASE_US + 1), late)).toBe('visible');
      expect(kind(C, subject(advisory, 'released', RELEASE_US + 1), late)).toBe('visible');
      expect(kind(C, subject(advisory, 'released', RELEASE_US + 1), ctxAt(RELEASE_US - 1))).toBe('hidden');
    }
  });
  it('other markings still apply after release (intersection)', () => {
    const s = subject({ object_marking_refs: [id(embargoB), RED, id(groupAB)] }, 'released', RELEASE_US);
    expect(kind(C, s, ctxAt(RELEASE_US))).toBe('hidden');
  });
});
