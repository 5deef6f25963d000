import { describe, expect, it } from 'vitest';
import { storedObject } from '../../policy/index.js';
import { type Micros, timestampMicros } from '../../stix/index.js';
import type { VersionRecord } from '../version-record.js';
import { AttributionIndex } from './attribution-index.js';

const ORG = {
  us: 'identity--4ab32302-7220-4632-8e73-fdb72b421a70',
  uk: 'identity--2d09d5ed-32df-42fb-87c9-ffefd81c4d0a',
  eu: 'identity--bca088c8-4207-43b7-8584-763077cc6ffa',
};
let n = 0;
const uuid = () => `00000000-0000-4000-8000-${(++n).toString(16).padStart(12, '0')}`;
const at = (minute: number) => new Date(Date.UTC(2021, 6, 19, 12, minute)).toISOString();

function sdo(type: string, props: Record<string, unknown>, minute = 0): Record<string, unknown> {
  return {
    type,
    spec_version: '2.1',
    id: `${type}--${uuid()}`,
    created: at(0),
    modified: at(minute),
    ...props,
  };
}
const claim = (
  subject: Record<string, unknown>,
  target: Record<string, unknown>,
  confidence: number | undefined,
  minute = 1,
) =>
  sdo(
    'relationship',
    {
      relationship_type: 'attributed-to',
      source_ref: subject.id,
      target_ref: target.id,
      ...(confidence === undefined ? {} : { confidence }),
    },
    minute,
  );
const dispute = (c: Record<string, unknown>, minute = 2, opinion = 'disagree') =>
  sdo('opinion', { opinion, object_refs: [c.id] }, minute);
const by = (producer: string, object: Record<string, unknown>, addedAt?: Micros): VersionRecord => ({
  object: storedObject(object),
  producer,
  ...(addedAt === undefined ? {} : { addedAt }),
});

describe('grouping (CONTRACT.md: one subject through ATT&CK ids, names and aliases, case-insensitive)', () => {
  it('partners naming a group differently agree about one thing: HAFNIUM = Silk Typhoon, APT40 = Leviathan, APT31 = ZIRCONIUM', () => {
    const hafnium = sdo('intrusion-set', { name: 'HAFNIUM' });
    const silk = sdo('intrusion-set', { name: 'Silk Typhoon', aliases: ['hafnium'] });
    const g0125 = sdo('intrusion-set', {
      name: 'Microsoft Exchange group',
      external_references: [{ source_name: 'mitre-attack', external_id: 'G0125' }],
    });
    const hafnium2 = sdo('threat-actor', { name: 'Hafnium ', aliases: ['g0125'] });
    const apt40 = sdo('intrusion-set', { name: 'APT40', aliases: ['Leviathan'] });
    const leviathan = sdo('intrusion-set', { name: 'LEVIATHAN' });
    const apt31 = sdo('intrusion-set', { name: 'APT31', aliases: ['Zirconium'] });
    const zirconium = sdo('intrusion-set', { name: 'ZIRCONIUM' });
    const mss = sdo('threat-actor', { name: 'MSS' });
    const mss2 = sdo('threat-actor', { name: 'Ministry of State Security', aliases: ['mss'] });
    const records = [hafnium, silk, g0125, hafnium2, apt40, leviathan, apt31, zirconium, mss, mss2].map((o) =>
      by(ORG.uk, o),
    );
    records.push(
      by(ORG.us, claim(hafnium, mss, 90)),
      by(ORG.uk, claim(silk, mss2, 80)),
      by(ORG.eu, claim(g0125, mss, 60)),
      by(ORG.us, claim(apt40, mss, 95)),
      by(ORG.uk, claim(leviathan, mss2, 90)),
      by(ORG.uk, claim(zirconium, mss, 90)),
      by(ORG.eu, claim(apt31, mss2, 70)),
    );
    const index = AttributionIndex.of(records);
    const { subjects } = index.consensus();
    expect(
      subjects.map((s) => [
        s.name,
        s.subject_refs.length,
        s.candidates.map((c) => [c.name, c.supporting.length, c.mean_confidence]),
      ]),
    ).toEqual([
      ['APT31', 2, [['Ministry of State Security', 2, 80]]],
      ['APT40', 2, [['Ministry of State Security', 2, 92.5]]],
      ['HAFNIUM', 4, [['Ministry of State Security', 3, 230 / 3]]],
    ]);
    // The target group holds both MSS objects (named by the key that sorts first on a tie); any id of a subject finds it.
    expect(subjects[2]?.candidates[0]?.target_refs).toEqual([mss.id, mss2.id].sort());
    expect(index.subject(String(hafnium2.id))).toEqual(subjects[2]);
    expect(index.subject(String(zirconium.id))).toEqual(subjects[0]);
  });

  it('is transitive: A and C share no name but both share one with B', () => {
    const a = sdo('intrusion-set', { name: 'Alpha' });
    const b = sdo('intrusion-set', { name: 'Beta', aliases: ['alpha', 'GAMMA'] });
    const c = sdo('intrusion-set', { name: 'Gamma' });
    const t = sdo('threat-actor', { name: 'T' });
    const index = AttributionIndex.of(
      [a, b, c, t].map((o) => by(ORG.uk, o)).concat(by(ORG.us, claim(a, t, 50)), by(ORG.uk, claim(c, t, 70))),
    );
    const [only] = index.consensus().subjects;
    expect(only?.subject_refs).toEqual([a.id, b.id, c.id].sort());
    expect(only?.candidates[0]?.supporting.map((s) => s.org)).toEqual([ORG.uk, ORG.us].sort());
  });

  it('does not group reports, indicators or malware by name, nor revoked objects', () => {
    const set = sdo('intrusion-set', { name: 'APT40' });
    const report = sdo('report', { name: 'APT40', published: at(0), object_refs: [set.id] });
    const revoked = sdo('intrusion-set', { name: 'APT40', revoked: true });
    const t = sdo('threat-actor', { name: 'T' });
    const index = AttributionIndex.of(
      [set, report, revoked, t]
        .map((o) => by(ORG.uk, o))
        .concat(by(ORG.us, claim(revoked, t, 50)), by(ORG.uk, claim(set, t, 70))),
    );
    expect(index.consensus().subjects.map((s) => s.subject_refs)).toEqual(
      [[set.id], [revoked.id]].sort((x, y) => (String(x[0]) < String(y[0]) ? -1 : 1)),
    );
  });
});

describe('claims and disputes (CONTRACT.md: newest version counts, revoked drop out)', () => {
  const subject = sdo('intrusion-set', { name: 'HAFNIUM' });
  const target = sdo('threat-actor', { name: 'MSS' });
  const named = [by(ORG.uk, subject), by(ORG.uk, target)];

  it('a relationship without a confidence is not a claim', () => {
    expect(
      AttributionIndex.of([...named, by(ORG.uk, claim(subject, target, undefined))]).consensus().subjects,
    ).toEqual([]);
  });

  it('the newest version replaces older ones; a revoked newest version drops the claim', () => {
    const v1 = claim(subject, target, 50, 1);
    const v2 = { ...v1, modified: at(5), confidence: 80 };
    const v3 = { ...v1, modified: at(9), revoked: true };
    const ix = AttributionIndex.of([...named, by(ORG.uk, v2), by(ORG.uk, v1)]);
    expect(ix.consensus().subjects[0]?.candidates[0]?.supporting).toEqual([
      { org: ORG.uk, confidence: 80, claim: v1.id },
    ]);
    ix.add(by(ORG.uk, v3));
    expect(ix.consensus().subjects).toEqual([]);
  });

  it('an organisation supports with its newest claim on the pair, whichever claim object it is', () => {
    const old = claim(subject, target, 40, 1);
    const newer = claim(subject, target, 85, 3);
    const [s] = AttributionIndex.of([...named, by(ORG.uk, newer), by(ORG.uk, old)]).consensus().subjects;
    expect(s?.candidates[0]?.supporting).toEqual([{ org: ORG.uk, confidence: 85, claim: newer.id }]);
  });

  it('an organisation disputes when its newest word on the pair is a dispute; a later claim supports again', () => {
    const us = claim(subject, target, 90, 1);
    const uk = claim(subject, target, 70, 1);
    const no = dispute(us, 2);
    const base = [...named, by(ORG.us, us), by(ORG.uk, uk), by(ORG.eu, no)];
    const c = AttributionIndex.of(base).consensus().subjects[0]?.candidates[0];
    expect(c).toMatchObject({
      mean_confidence: 80,
      dissent: true,
      disputing: [{ org: ORG.eu, opinion: no.id }],
    });
    // The UK disputes the US claim after making its own: its newest word is now a dispute.
    const ukNo = dispute(us, 3, 'strongly-disagree');
    const c2 = AttributionIndex.of([...base, by(ORG.uk, ukNo)]).consensus().subjects[0]?.candidates[0];
    expect(c2?.supporting.map((x) => x.org)).toEqual([ORG.us]);
    expect(c2?.disputing.map((x) => x.org)).toEqual([ORG.eu, ORG.uk].sort());
    // Then a newer claim by the UK: it supports again.
    const ukAgain = { ...uk, modified: at(4) };
    const c3 = AttributionIndex.of([...base, by(ORG.uk, ukNo), by(ORG.uk, ukAgain)]).consensus().subjects[0]
      ?.candidates[0];
    expect(c3?.supporting.map((x) => x.org)).toEqual([ORG.uk, ORG.us].sort());
  });

  it('at the same instant a dispute is newer than a claim (a tie never hides dissent)', () => {
    const c = claim(subject, target, 90, 5);
    const d = dispute(c, 5);
    const [s] = AttributionIndex.of([
      ...named,
      by(ORG.uk, c),
      by(ORG.uk, d),
      by(ORG.us, claim(subject, target, 60, 1)),
    ]).consensus().subjects;
    expect(s?.candidates[0]?.disputing).toEqual([{ org: ORG.uk, opinion: d.id }]);
  });

  it('agree and neutral opinions, revoked disputes and disputes of hidden claims do not dispute', () => {
    const c = claim(subject, target, 90);
    const agree = dispute(c, 2, 'agree');
    const revoked = { ...dispute(c, 2), revoked: true };
    const ix = AttributionIndex.of([...named, by(ORG.us, c), by(ORG.uk, agree), by(ORG.eu, revoked)]);
    expect(ix.consensus().subjects[0]?.candidates[0]?.dissent).toBe(false);
    // A reader who cannot see the claim counts neither it nor the dispute, and learns nothing of either.
    const d = by(ORG.eu, dispute(c, 3));
    const ix2 = AttributionIndex.of([...named, by(ORG.us, c), d]);
    expect(ix2.consensus({ sees: (r) => r.object.type !== 'relationship' }).subjects).toEqual([]);
  });

  it('candidates: most supporting organisations first, then higher mean confidence', () => {
    const other = sdo('threat-actor', { name: 'PRC' });
    const third = sdo('threat-actor', { name: 'Unknown state' });
    const records = [...named, by(ORG.uk, other), by(ORG.uk, third)];
    records.push(
      by(ORG.us, claim(subject, other, 50)),
      by(ORG.uk, claim(subject, target, 90)),
      by(ORG.eu, claim(subject, target, 60)),
      by(ORG.eu, claim(subject, third, 99)),
    );
    const names = AttributionIndex.of(records)
      .consensus()
      .subjects[0]?.candidates.map((c) => c.name);
    expect(names).toEqual(['MSS', 'Unknown state', 'PRC']);
  });
});

describe('as of a past time (--as-of)', () => {
  const subject = sdo('intrusion-set', { name: 'HAFNIUM' });
  const target = sdo('threat-actor', { name: 'MSS' });
  const c = claim(subject, target, 60, 10);
  const later = { ...c, modified: at(30), confidence: 95 };
  const received = (minute: number) => timestampMicros(at(minute)) as Micros;
  const records = [
    by(ORG.uk, subject),
    by(ORG.uk, target),
    by(ORG.uk, c, received(50)),
    by(ORG.uk, later, received(51)),
  ];

  it('by version time (the default): the versions partners had made by then, the same on every node', () => {
    const ix = AttributionIndex.of(records);
    expect(ix.consensus({ asOf: { at: received(5) } }).subjects).toEqual([]);
    expect(ix.consensus({ asOf: { at: received(20) } }).subjects[0]?.candidates[0]?.mean_confidence).toBe(60);
    expect(ix.consensus({ asOf: { at: received(40) } }).subjects[0]?.candidates[0]?.mean_confidence).toBe(95);
  });

  it('by receipt on this node (basis received): what this node knew then', () => {
    const ix = AttributionIndex.of(records);
    expect(ix.consensus({ asOf: { at: received(40), basis: 'received' } }).subjects).toEqual([]);
    expect(
      ix.subject(String(subject.id), { asOf: { at: received(50), basis: 'received' } })?.candidates[0]
        ?.mean_confidence,
    ).toBe(60);
  });
});
