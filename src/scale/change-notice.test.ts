import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type NoticeEnvelope, parseEnvelope } from './change-notice.js';

const text = fc.string({ minLength: 1, maxLength: 40 });
const notice = fc.oneof(
  fc.record({ kind: fc.constant('objects' as const), collectionId: text }),
  fc.record({
    kind: fc.constant('login' as const),
    outcome: fc.constantFrom('failed' as const, 'succeeded' as const),
    user: text,
    address: text,
  }),
);
const envelope = fc.record({ id: text, origin: text, notice });

describe('parseEnvelope (notices arrive from the network)', () => {
  it('reads back every envelope the bus writes', () => {
    fc.assert(
      fc.property(envelope, (e: NoticeEnvelope) => {
        expect(parseEnvelope(JSON.stringify(e))).toEqual(e);
      }),
    );
  });

  it('never throws, and keeps only the known fields of what it accepts', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.jsonValue(),
          envelope.map((e) => ({ ...e, extra: 1 })),
        ),
        (value) => {
          const parsed = parseEnvelope(JSON.stringify(value));
          if (parsed === undefined) return;
          expect(Object.keys(parsed).sort()).toEqual(['id', 'notice', 'origin']);
          expect(['objects', 'login']).toContain(parsed.notice.kind);
        },
      ),
    );
  });

  it('refuses oversized fields and unknown kinds', () => {
    const long = 'x'.repeat(513);
    expect(
      parseEnvelope(
        JSON.stringify({ id: 'i', origin: 'o', notice: { kind: 'objects', collectionId: long } }),
      ),
    ).toBeUndefined();
    expect(
      parseEnvelope(JSON.stringify({ id: 'i', origin: 'o', notice: { kind: 'reboot' } })),
    ).toBeUndefined();
    expect(parseEnvelope('{"id":"i","origin":"o"')).toBeUndefined();
  });
});
