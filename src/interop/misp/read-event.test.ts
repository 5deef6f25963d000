import { describe, expect, it } from 'vitest';
import { mispEventUnits } from './document-events.js';
import { eventsOf, readEvent } from './read-event.js';

const event = (extra: Record<string, unknown> = {}) => ({
  uuid: '5bbe59a6-2e48-4da3-9e01-01550a016219',
  info: 'test',
  timestamp: '1539269964',
  Attribute: [],
  ...extra,
});
const attribute = (extra: Record<string, unknown> = {}) => ({
  uuid: '5bbe59dd-5bbc-4c78-9c79-7ad70a016219',
  type: 'domain',
  category: 'Network activity',
  value: 'example.com',
  to_ids: '1',
  timestamp: '1539201501',
  ...extra,
});

describe('MISP documents: the shapes MISP, its feeds and PyMISP write', () => {
  it('reads {"Event": …}, {"response": […]}, a list of {"Event": …} and a bare event', () => {
    expect(eventsOf({ Event: event() })?.map((e) => e.path)).toEqual(['/Event']);
    expect(eventsOf({ response: [{ Event: event() }, { Event: event() }] })?.map((e) => e.path)).toEqual([
      '/response/0/Event',
      '/response/1/Event',
    ]);
    expect(eventsOf([{ Event: event() }])?.map((e) => e.path)).toEqual(['/0/Event']);
    expect(eventsOf(event())?.map((e) => e.path)).toEqual(['']);
  });

  it('a STIX bundle, a list of STIX objects or a scalar is not MISP content', () => {
    expect(eventsOf({ type: 'bundle', id: 'bundle--1', objects: [] })).toBeUndefined();
    expect(eventsOf([{ type: 'indicator' }])).toBeUndefined();
    expect(eventsOf(42)).toBeUndefined();
    const [unit] = [...mispEventUnits({ type: 'bundle', objects: [] })];
    expect(unit!.issues[0]).toMatchObject({ code: 'INTEROP_UNKNOWN_FORMAT', severity: 'error' });
  });

  it('reads flags and numbers as MISP writes them: strings, numbers or booleans', () => {
    const read = readEvent(
      event({
        Attribute: [
          attribute({ to_ids: '1' }),
          attribute({ uuid: '5bbe59dd-5bbc-4c78-9c79-7ad70a016218', to_ids: false, timestamp: 1539201502 }),
        ],
        published: '1',
        publish_timestamp: '1539269999',
      }),
      '/Event',
      0,
    );
    expect(read.event?.attributes.map((a) => [a.toIds, a.timestamp])).toEqual([
      [true, 1539201501],
      [false, 1539201502],
    ]);
    expect(read.event).toMatchObject({
      published: true,
      publishTimestamp: 1539269999,
      timestamp: 1539269964,
    });
  });

  it('tags come from Tag and from EventTag/AttributeTag wrappers', () => {
    const read = readEvent(
      event({ EventTag: [{ Tag: { name: 'tlp:green' } }], Tag: [{ name: 'osint' }] }),
      '',
      0,
    );
    expect(read.event?.tags.map((t) => t.name)).toEqual(['osint', 'tlp:green']);
  });
});

describe('bad input: a clear report per event and attribute', () => {
  it('an event without a uuid is rejected whole, named by its position', () => {
    const read = readEvent({ info: 'x', timestamp: '1' }, '/response/2/Event', 2);
    expect(read.event).toBeUndefined();
    expect(read.label).toBe('#2');
    expect(read.issues).toEqual([
      {
        code: 'INTEROP_EVENT_INVALID',
        severity: 'error',
        path: '/response/2/Event',
        message: 'the event has no valid uuid',
      },
    ]);
  });

  it('attributes without uuid, type or value are rejected; the others are read', () => {
    const read = readEvent(
      event({
        Attribute: [
          attribute({ uuid: undefined }),
          attribute({ type: '' }),
          attribute({ value: '' }),
          attribute(),
        ],
      }),
      '/Event',
      0,
    );
    expect(read.event?.attributes).toHaveLength(1);
    expect(read.issues.map((i) => [i.code, i.path])).toEqual([
      ['INTEROP_ATTRIBUTE_INVALID', '/Event/Attribute/0'],
      ['INTEROP_ATTRIBUTE_INVALID', '/Event/Attribute/1'],
      ['INTEROP_ATTRIBUTE_INVALID', '/Event/Attribute/2'],
    ]);
  });

  it('a uuid used twice in an event is rejected the second time', () => {
    const read = readEvent(
      event({ Attribute: [attribute(), attribute({ value: 'example.org' })] }),
      '/Event',
      0,
    );
    expect(read.event?.attributes.map((a) => a.value)).toEqual(['example.com']);
    expect(read.issues[0]).toMatchObject({
      code: 'INTEROP_ATTRIBUTE_INVALID',
      message: 'the uuid is used twice in the event',
    });
  });

  it('deleted attributes are left out with a warning', () => {
    const read = readEvent(event({ Attribute: [attribute({ deleted: true })] }), '/Event', 0);
    expect(read.event?.attributes).toEqual([]);
    expect(read.issues[0]).toMatchObject({ code: 'INTEROP_NOT_CONVERTED', severity: 'warning' });
  });

  it('limits: a huge event is refused whole, a huge value or attachment alone', () => {
    const many = Array.from({ length: 11 }, (_, i) =>
      attribute({ uuid: `5bbe59dd-5bbc-4c78-9c79-7ad70a0162${String(i).padStart(2, '0')}` }),
    );
    const huge = readEvent(event({ Attribute: many }), '/Event', 0, { maxAttributes: 10 });
    expect(huge.event).toBeUndefined();
    expect(huge.issues[0]).toMatchObject({ code: 'INTEROP_TOO_LARGE', severity: 'error' });
    const long = readEvent(event({ Attribute: [attribute({ value: 'x'.repeat(101) })] }), '/Event', 0, {
      maxValueLength: 100,
    });
    expect(long.issues[0]).toMatchObject({ code: 'INTEROP_TOO_LARGE', path: '/Event/Attribute/0/value' });
    const data = readEvent(
      event({ Attribute: [attribute({ type: 'attachment', data: 'QUFB'.repeat(30) })] }),
      '/Event',
      0,
      { maxDataLength: 100 },
    );
    expect(data.issues[0]).toMatchObject({ code: 'INTEROP_TOO_LARGE', path: '/Event/Attribute/0/data' });
  });
});
