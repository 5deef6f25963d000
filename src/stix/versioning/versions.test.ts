import { describe, expect, it } from 'vitest';
import { VALID } from '../../../test/stix/examples.js';
import { newVersion, StixError, timestampMicros, validateObject, versionOf } from '../index.js';

describe('versioning (spec 3.6)', () => {
  it('3.6 the version of an object is modified, else created; SCOs have none', () => {
    expect(versionOf({ created: '2016-01-01T00:00:00.000Z', modified: '2017-01-01T00:00:00.000Z' })).toBe(
      '2017-01-01T00:00:00.000Z',
    );
    expect(versionOf({ created: '2016-01-01T00:00:00.000Z' })).toBe('2016-01-01T00:00:00.000Z');
    expect(versionOf({ type: 'ipv4-addr', value: '1.2.3.4' })).toBeUndefined();
  });

  it('3.6 newVersion applies the changes, keeps id and created, and moves modified forward', () => {
    const campaign = VALID.campaign!;
    const next = newVersion(
      campaign,
      { name: 'Renamed', description: 'more' },
      timestampMicros('2020-01-01T00:00:00.000Z')!,
    );
    expect(next).toMatchObject({
      id: campaign.id,
      created: campaign.created,
      name: 'Renamed',
      description: 'more',
    });
    expect(next.modified).toBe('2020-01-01T00:00:00.000Z');
    expect(validateObject(next).ok).toBe(true);
    expect(Object.isFrozen(next)).toBe(true);
    expect(campaign.name).toBe('Green Group Attacks');
  });

  it('3.6 a new version is later than the previous one even when the clock is behind', () => {
    const next = newVersion(VALID.campaign!, { name: 'x' }, timestampMicros('2000-01-01T00:00:00.000Z')!);
    expect(next.modified).toBe('2016-04-06T20:03:48.001Z');
  });

  it('3.6 undefined removes a property', () => {
    const next = newVersion({ ...VALID.campaign!, description: 'd' }, { description: undefined });
    expect('description' in next).toBe(false);
  });

  it('3.6 revoked objects, SCOs and changes to id, type or created are refused', () => {
    expect(() => newVersion({ ...VALID.campaign!, revoked: true }, { name: 'x' })).toThrow(StixError);
    expect(() => newVersion(VALID['ipv4-addr']!, { value: '1.1.1.1' })).toThrow(StixError);
    expect(() =>
      newVersion(VALID.campaign!, { id: 'campaign--31b940d4-6f7f-459a-80ea-9c1f17b58abc' }),
    ).toThrow(/id/);
    expect(() => newVersion(VALID.campaign!, { created: '2017-01-01T00:00:00.000Z' })).toThrow(/created/);
    expect(() => newVersion(VALID.campaign!, { modified: '2010-01-01T00:00:00.000Z' })).toThrow(/later/);
  });
});
