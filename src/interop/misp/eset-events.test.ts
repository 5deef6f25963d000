/**
 * Real public MISP events: ESET's OceanLotus, Turla Outlook and SSHDoor "Endor" events
 * (test/fixtures/misp/eset, BSD-2-Clause). All 154 of their attributes have to_ids false, so
 * they test observations, composite types, galaxies and tags; indicators are tested on Accord's
 * own events and on misp-stix's documented ones.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkPattern } from '../../pattern/index.js';
import { TLP_V2, validateObject } from '../../stix/index.js';
import { mispEventUnits } from './document-events.js';
import { mispEventsFromStix } from './export/events-from-stix.js';

type Json = Record<string, unknown>;

const FILES = ['oceanlotus.misp.event.json', 'misp-turla-outlook-event.json', 'endor.json'];
const load = (name: string) =>
  JSON.parse(readFileSync(new URL(`../../../test/fixtures/misp/eset/${name}`, import.meta.url), 'utf8'));
const eventOf = (doc: Json) =>
  ((doc.response as Json[] | undefined)?.[0] ?? doc).Event as Json & { Attribute: Json[] };

describe('ESET MISP events (real data) → STIX', () => {
  for (const name of FILES) {
    const doc = load(name);
    const [unit, ...more] = [...mispEventUnits(doc)];
    const objects = unit!.items.map((i) => i.value);

    it(`${name}: one event, converted without a rejection, every object valid STIX 2.1`, () => {
      expect(more).toEqual([]);
      expect(unit!.issues.filter((i) => i.severity === 'error')).toEqual([]);
      for (const o of objects)
        expect(validateObject(o, { patternCheck: checkPattern }).ok, String(o.id)).toBe(true);
    });

    it(`${name}: every attribute gives exactly one observation or note (all have to_ids false)`, () => {
      for (const a of eventOf(doc).Attribute) {
        const made = objects.filter((o) => String(o.id).endsWith(String(a.uuid)));
        expect(
          made.map((o) => o.type),
          String(a.type),
        ).toEqual([a.type === 'text' ? 'note' : 'observed-data']);
      }
      expect(objects.some((o) => o.type === 'indicator')).toBe(false);
    });

    it(`${name}: re-import is stable (the same ids and content)`, () => {
      expect([...mispEventUnits(load(name))][0]!.items.map((i) => i.value)).toEqual(objects);
    });

    it(`${name}: MISP → STIX → MISP keeps every attribute's value, type, category and to_ids`, () => {
      const { events, issues } = mispEventsFromStix(objects);
      expect(issues).toEqual([]);
      const back = new Map(events.flatMap((e) => e.Event.Attribute).map((a) => [a.uuid, a]));
      for (const a of eventOf(doc).Attribute) {
        expect(back.get(String(a.uuid)), String(a.uuid)).toMatchObject({
          type: a.type,
          value: a.value,
          category: a.category,
          to_ids: a.to_ids,
        });
      }
    });
  }

  it('OceanLotus: the APT32 threat-actor galaxy becomes an intrusion-set with its synonyms', () => {
    const objects = [...mispEventUnits(load(FILES[0]!))][0]!.items.map((i) => i.value);
    expect(objects.find((o) => o.type === 'intrusion-set')).toMatchObject({
      id: 'intrusion-set--7cdff317-a673-4474-84ec-4f1754947823',
      name: 'APT32',
      aliases: ['OceanLotus Group', 'Ocean Lotus', 'APT-32', 'APT 32'],
    });
    const grouping = objects.find((o) => o.type === 'grouping')!;
    expect(grouping.labels).toEqual(['OceanLotus']);
  });

  it('OceanLotus: distribution 0 (your organisation only) marks everything TLP:RED', () => {
    const objects = [...mispEventUnits(load(FILES[0]!))][0]!.items.map((i) => i.value);
    for (const o of objects) expect(o.object_marking_refs).toEqual([TLP_V2.red.id]);
  });

  it('OceanLotus: composite types give linked SCOs (domain|ip resolves, filename|sha1, regkey|value)', () => {
    const objects = [...mispEventUnits(load(FILES[0]!))][0]!.items.map((i) => i.value);
    const byId = new Map(objects.map((o) => [String(o.id), o]));
    const domain = objects.find((o) => o.type === 'domain-name' && o.value === 'dwarduong.com')!;
    expect((domain.resolves_to_refs as string[]).map((id) => byId.get(id)?.value)).toEqual(['46.183.78.191']);
    expect(objects.find((o) => o.type === 'windows-registry-key' && Array.isArray(o.values))).toMatchObject({
      key: 'HKEY_CURRENT_USER\\SOFTWARE\\Classes\\AppXc52346ec40fb4061ad96be0e6cb7d16a\\DefaultIcon',
      values: [{ data: 'Data' }],
    });
  });

  it('Turla: galaxy tags without a Galaxy block stay labels; Endor: distribution 3 is TLP:GREEN', () => {
    const turla = [...mispEventUnits(load(FILES[1]!))][0]!.items.map((i) => i.value);
    expect(turla.find((o) => o.type === 'grouping')?.labels).toContain(
      'misp-galaxy:mitre-attack-pattern="Email Collection"',
    );
    const endor = [...mispEventUnits(load(FILES[2]!))][0]!.items.map((i) => i.value);
    expect(endor.find((o) => o.type === 'grouping')?.object_marking_refs).toEqual([TLP_V2.green.id]);
  });
});
