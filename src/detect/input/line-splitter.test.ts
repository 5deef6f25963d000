import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LineSplitter, type RawLine } from './line-splitter.js';
import { lineText } from './line-text.js';

describe('line splitting (bounded memory)', () => {
  it('yields the same lines whatever the chunking, with offsets just past each line feed', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.string({ maxLength: 20 }).map((s) => s.replace(/\n/g, '')),
          { maxLength: 20 },
        ),
        fc.array(fc.nat(30), { maxLength: 10 }),
        (lines, cuts) => {
          const text = Buffer.from(lines.map((l) => `${l}\n`).join(''));
          const s = new LineSplitter(1000);
          const out: Array<[string, number]> = [];
          let at = 0;
          for (const cut of [...cuts, text.length]) {
            const next = Math.min(text.length, at + cut);
            for (const r of s.push(text.subarray(at, next)))
              if (r.kind === 'line') out.push([r.bytes.toString(), r.end]);
            at = next;
          }
          for (const r of s.finish()) if (r.kind === 'line') out.push([r.bytes.toString(), r.end]);
          expect(out.map((o) => o[0])).toEqual(lines);
          let end = 0;
          expect(out.map((o) => o[1])).toEqual(lines.map((l) => (end += Buffer.byteLength(l) + 1)));
        },
      ),
    );
  });

  it('eachText gives the same lines, numbers and offsets as each, ASCII or not, with CR, NUL or BOM', () => {
    const piece = fc.constantFrom('plain', 'caf\u00e9', 'a\u0000b', 'cr\r', '', '\uFEFFbom', 'x'.repeat(30));
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 20 }),
        fc.array(fc.nat(40), { maxLength: 8 }),
        (lines, cuts) => {
          const bytes = Buffer.from(lines.map((l) => `${l}\n`).join(''));
          const viaBytes: Array<[string, number, number]> = [];
          const viaText: Array<[string, number, number]> = [];
          const a = new LineSplitter(20);
          const b = new LineSplitter(20);
          const raw = (out: Array<[string, number, number]>) => (r: RawLine) => {
            if (r.kind === 'too-long') out.push(['too-long', r.line, r.end]);
            else {
              const t = lineText(r.bytes, r.line === 1);
              out.push([t.ok ? t.text : t.reason, r.line, r.end]);
            }
          };
          let at = 0;
          for (const cut of [...cuts, bytes.length]) {
            const next = Math.min(bytes.length, at + cut);
            a.each(bytes.subarray(at, next), raw(viaBytes));
            b.eachText(bytes.subarray(at, next), raw(viaText), (text, line, end) =>
              viaText.push([text, line, end]),
            );
            at = next;
          }
          expect(viaText).toEqual(viaBytes);
        },
      ),
    );
  });

  it('skips a line longer than the limit without holding it, and numbers the next line right', () => {
    const s = new LineSplitter(10);
    const got = [
      ...s.push(Buffer.from('short\n')),
      ...s.push(Buffer.alloc(50, 97)),
      ...s.push(Buffer.from('aaaa\nnext\n')),
    ];
    expect(got.map((r) => [r.kind, r.line, r.end])).toEqual([
      ['line', 1, 6],
      ['too-long', 2, 61],
      ['line', 3, 66],
    ]);
    expect(got[1]).toMatchObject({ bytes: 54 });
  });

  it('rejects NUL bytes and invalid UTF-8, drops a BOM on line 1 and a CR before the line feed', () => {
    expect(lineText(Buffer.from('\uFEFFab\r'), true)).toEqual({ ok: true, text: 'ab' });
    expect(lineText(Buffer.from('\uFEFFab'), false)).toEqual({ ok: true, text: '\uFEFFab' });
    expect(lineText(Buffer.from('a\u0000b'), false)).toEqual({
      ok: false,
      reason: 'NUL byte at byte 2 of the line',
    });
    expect(lineText(Buffer.from([0x61, 0xff]), false)).toEqual({ ok: false, reason: 'invalid UTF-8' });
    expect(lineText(Buffer.from('replacement \uFFFD kept'), false)).toEqual({
      ok: true,
      text: 'replacement \uFFFD kept',
    });
  });
});
