import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkPattern } from '../../pattern/index.js';
import { deterministicId } from '../id/deterministic-id.js';
import { validateObject } from '../validate/validate-object.js';
import { upgradeBundle, upgradeObjects } from './upgrade-bundle.js';

type Json = Record<string, unknown>;

const unit42 = (name: string) =>
  JSON.parse(
    readFileSync(new URL(`../../../test/fixtures/stix/unit42/${name}`, import.meta.url), 'utf8'),
  ) as {
    objects: Json[];
  };

describe('real STIX 2.0 data: the Unit 42 playbooks upgrade to valid STIX 2.1', () => {
  for (const name of ['hermeticwiper.json', 'vmware-vulnerabilities.json']) {
    it(`${name}: every object validates as 2.1 (full pattern check), none lost`, () => {
      const input = unit42(name);
      const { bundle } = upgradeBundle(input);
      const objects = bundle.objects as Json[];
      expect(bundle.spec_version).toBeUndefined();
      expect(objects.map((o) => o.id)).toEqual(input.objects.map((o) => o.id));
      for (const o of objects) {
        expect(o.spec_version).toBe('2.1');
        const r = validateObject(o, { patternCheck: checkPattern });
        expect(r.issues.filter((i) => i.severity === 'error')).toEqual([]);
      }
    });

    it(`${name}: indicators' malicious-activity label becomes indicator_types; x_ properties untouched`, () => {
      const input = unit42(name);
      const objects = upgradeBundle(input).bundle.objects as Json[];
      for (const o of objects.filter((x) => x.type === 'indicator')) {
        expect(o.indicator_types).toEqual(['malicious-activity']);
        expect(o.labels).toBeUndefined();
      }
      input.objects.forEach((before, i) => {
        for (const [k, v] of Object.entries(before))
          if (k.startsWith('x_')) expect(objects[i]![k]).toEqual(v);
      });
    });
  }

  it('8.1 a value that is not a bundle comes back with a note', () => {
    expect(upgradeBundle([1, 2]).notes).toEqual([{ path: '', message: 'not a STIX bundle' }]);
  });
});

// Random STIX 2.0 containers of address, domain and traffic objects referring to one another by key.
const ipv4 = fc.ipV4().map((value) => ({ type: 'ipv4-addr', value }));
const domain = fc.domain().map((value) => ({ type: 'domain-name', value }));
const container = fc
  .tuple(fc.array(ipv4, { minLength: 1, maxLength: 4 }), fc.array(domain, { maxLength: 3 }), fc.nat(20))
  .map(([ips, domains, seed]) => {
    const objects: Record<string, Json> = {};
    ips.forEach((ip, i) => {
      objects[String(i)] = ip;
    });
    domains.forEach((d, i) => {
      objects[String(ips.length + i)] = { ...d, resolves_to_refs: [String(i % ips.length)] };
    });
    const n = ips.length + domains.length;
    objects[String(n)] = {
      type: 'network-traffic',
      src_ref: String(seed % ips.length),
      dst_ref: String((seed + 1) % n),
      protocols: ['tcp'],
    };
    return objects;
  });

describe('2.13 property: any container upgrades to SCOs whose references all resolve', () => {
  it('2.9 every reference names an SCO of the observation; ids are deterministic; all valid', () => {
    fc.assert(
      fc.property(container, (objects) => {
        const od = {
          type: 'observed-data',
          id: 'observed-data--b67d30ff-02ac-498a-92f9-32f845f448cf',
          created: '2016-04-06T19:58:16.000Z',
          modified: '2016-04-06T19:58:16.000Z',
          first_observed: '2015-12-21T19:00:00Z',
          last_observed: '2015-12-21T19:00:00Z',
          number_observed: 1,
          objects,
        };
        const out = upgradeObjects([od]).objects as Json[];
        const [obs, ...scos] = out;
        const ids = new Set(scos.map((s) => s.id));
        expect(new Set(obs!.object_refs as string[])).toEqual(ids);
        for (const s of scos) {
          expect(s.id).toBe(deterministicId(s));
          for (const [k, v] of Object.entries(s)) {
            if (k.endsWith('_ref')) expect(ids.has(v as string)).toBe(true);
            if (k.endsWith('_refs')) for (const r of v as string[]) expect(ids.has(r)).toBe(true);
          }
        }
        for (const o of out) expect(validateObject(o).ok).toBe(true);
        expect(upgradeObjects([od]).objects).toEqual(out);
      }),
      { numRuns: 200 },
    );
  });
});
