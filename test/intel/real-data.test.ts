/**
 * Grouping and claims on real public data: the MISP galaxy's threat actors (names and synonyms,
 * test/fixtures/intel/misp-galaxy) and MITRE ATT&CK for ICS 18.1 (ATT&CK ids, attributed-to
 * relationships without a confidence).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AttributionIndex, type VersionRecord } from '../../src/intel/index.js';
import { storedObject } from '../../src/policy/index.js';

const ORG = 'identity--2d09d5ed-32df-42fb-87c9-ffefd81c4d0a';
const OTHER = 'identity--4ab32302-7220-4632-8e73-fdb72b421a70';
const T = '2021-07-19T12:00:00.000Z';

interface Cluster {
  readonly value: string;
  readonly uuid: string;
  readonly meta?: { readonly synonyms?: readonly string[] };
}
const galaxy = JSON.parse(
  readFileSync(new URL('../fixtures/intel/misp-galaxy/threat-actor.json', import.meta.url), 'utf8'),
) as {
  values: Cluster[];
};
/** Each galaxy cluster as an intrusion-set: its value the name, its synonyms the aliases. */
const actors = galaxy.values.map((c) => ({
  type: 'intrusion-set',
  spec_version: '2.1',
  id: `intrusion-set--${c.uuid}`,
  created: T,
  modified: T,
  name: c.value,
  ...(c.meta?.synonyms?.length ? { aliases: [...c.meta.synonyms] } : {}),
}));
const byName = (name: string) => actors.find((a) => a.name === name) as { id: string };
const target = {
  type: 'threat-actor',
  spec_version: '2.1',
  id: 'threat-actor--0fd00ef9-085c-4657-89cc-136eaafec59a',
  created: T,
  modified: T,
  name: 'MSS',
};
let n = 0;
const claimOn = (subject: { id: string }, confidence: number, producer = ORG): VersionRecord => ({
  producer,
  object: storedObject({
    type: 'relationship',
    spec_version: '2.1',
    id: `relationship--00000000-0000-4000-8000-${(++n).toString().padStart(12, '0')}`,
    created: T,
    modified: T,
    relationship_type: 'attributed-to',
    source_ref: subject.id,
    target_ref: target.id,
    confidence,
  }),
});
/** A partner's own object for a group, named as that partner names it. */
const partnerObject = (uuid: string, name: string) => ({
  type: 'intrusion-set',
  spec_version: '2.1',
  id: `intrusion-set--${uuid}`,
  created: T,
  modified: T,
  name,
});

describe('grouping over the MISP galaxy threat actors (1,041 real clusters)', () => {
  const base: VersionRecord[] = [...actors, target].map((object) => ({
    object: storedObject(object),
    producer: ORG,
  }));

  it.each([
    ['HAFNIUM', 'Silk Typhoon'],
    ['APT40', 'Leviathan'],
    ['APT31', 'ZIRCONIUM'],
  ])('partners who call it %s and %s support one subject', (a, b) => {
    const mine = partnerObject('00000000-0000-4000-8000-00000000000a', a.toLowerCase());
    const theirs = partnerObject('00000000-0000-4000-8000-00000000000b', b.toUpperCase());
    const index = AttributionIndex.of([
      ...base,
      { object: storedObject(mine), producer: ORG },
      { object: storedObject(theirs), producer: OTHER },
      claimOn(mine, 80),
      claimOn(theirs, 60, OTHER),
    ]);
    const subject = index.subject(mine.id);
    expect(subject?.subject_refs).toEqual(expect.arrayContaining([mine.id, theirs.id, byName(a).id]));
    expect(subject?.candidates).toHaveLength(1);
    expect(subject?.candidates[0]).toMatchObject({ mean_confidence: 70, dissent: false });
    expect(subject?.candidates[0]?.supporting.map((s) => s.org).sort()).toEqual([ORG, OTHER].sort());
    expect(index.consensus().subjects.find((s) => s.subject_refs.includes(theirs.id))).toEqual(subject);
  });

  it('joins clusters that share a synonym: the grouping is an equivalence, so an ambiguous alias (G0013) joins APT30 and Naikon', () => {
    const index = AttributionIndex.of([
      ...base,
      claimOn(byName('APT30'), 50),
      claimOn(byName('Naikon'), 70, OTHER),
    ]);
    const [subject] = index.consensus().subjects;
    expect(subject?.subject_refs).toEqual(expect.arrayContaining([byName('APT30').id, byName('Naikon').id]));
    expect(subject?.candidates[0]?.supporting).toHaveLength(2);
  });
});

describe('MITRE ATT&CK for ICS 18.1', () => {
  const bundle = JSON.parse(
    readFileSync(new URL('../fixtures/stix/attack-ics/ics-attack-18.1.json', import.meta.url), 'utf8'),
  ) as {
    objects: Record<string, unknown>[];
  };
  const records: VersionRecord[] = bundle.objects.map((object) => ({
    object: storedObject(object),
    producer: ORG,
  }));

  it('its five attributed-to relationships have no confidence: they are not claims', () => {
    expect(bundle.objects.filter((o) => o.relationship_type === 'attributed-to')).toHaveLength(5);
    expect(AttributionIndex.of(records).consensus().subjects).toEqual([]);
  });

  it('a partner object carrying an ATT&CK id joins the ATT&CK group: claims on either count together', () => {
    const sandworm = bundle.objects.find(
      (o) => o.type === 'intrusion-set' && o.name === 'Sandworm Team',
    ) as Record<string, unknown>;
    const attackId = (sandworm.external_references as { source_name: string; external_id?: string }[]).find(
      (r) => r.source_name === 'mitre-attack',
    )?.external_id;
    expect(attackId).toBe('G0034');
    const mine = {
      ...partnerObject('00000000-0000-4000-8000-00000000000c', 'Unit 74455'),
      external_references: [{ source_name: 'mitre-attack', external_id: 'g0034' }],
    };
    const campaign = bundle.objects.find(
      (o) => o.type === 'campaign' && o.name === '2016 Ukraine Electric Power Attack',
    ) as Record<string, unknown>;
    const relationship = bundle.objects.find(
      (o) => o.relationship_type === 'attributed-to' && o.source_ref === campaign.id,
    ) as Record<string, unknown>;
    // A partner's claim that the campaign is attributed to its own object for the group.
    const made = claimOn(campaign as { id: string }, 85, OTHER);
    const claim = { ...made, object: storedObject({ ...made.object, target_ref: mine.id }) };
    const index = AttributionIndex.of([
      ...records,
      { object: storedObject(mine), producer: OTHER },
      claim,
      {
        object: storedObject({ ...relationship, modified: '2026-01-01T00:00:00.000Z', confidence: 70 }),
        producer: ORG,
      },
    ]);
    const subject = index.subject(String(campaign.id));
    expect(subject?.candidates).toHaveLength(1);
    expect(subject?.candidates[0]?.target_refs).toEqual([mine.id, sandworm.id].sort());
    expect(subject?.candidates[0]?.mean_confidence).toBe(77.5);
  });
});
