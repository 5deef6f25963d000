import { Readable, Writable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileIndicatorSet } from '../pattern/index.js';
import { matchEventLines } from './pattern-match-set.js';

const set = compileIndicatorSet([
  "[ipv4-addr:value = '198.51.100.1']",
  "[domain-name:value = 'example.com']",
]);
const event = (n: number, type: string, value: string) =>
  JSON.stringify([
    {
      type: 'observed-data',
      id: `observed-data--00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
      first_observed: '2021-01-01T00:00:00Z',
      last_observed: '2021-01-01T00:00:00Z',
      number_observed: 1,
      object_refs: [`${type}--00000000-0000-4000-8000-000000000001`],
    },
    { type, id: `${type}--00000000-0000-4000-8000-000000000001`, value },
  ]);

async function run(chunks: readonly (string | Buffer)[]): Promise<unknown[]> {
  let text = '';
  const out = new Writable({
    write(chunk: Buffer, _enc, done) {
      text += chunk.toString('utf8');
      done();
    },
  });
  await matchEventLines(set, Readable.from(chunks), out);
  return text
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l));
}

describe('match-set event lines (CONTRACT.md "Patterning")', () => {
  const input = [
    event(1, 'ipv4-addr', '198.51.100.1'),
    '',
    'not json',
    event(2, 'domain-name', 'example.org'),
    '{"type":"indicator"}',
    event(3, 'domain-name', 'example.com'),
  ];
  const expected = [
    { pattern_index: 0, observation_id: 'observed-data--00000000-0000-4000-8000-000000000001' },
    { observation_line: 2, error: 'empty line' },
    { observation_line: 3, error: expect.stringMatching(/^line is not JSON/) },
    { observation_line: 5, error: 'event holds no observed-data object' },
    { pattern_index: 1, observation_id: 'observed-data--00000000-0000-4000-8000-000000000003' },
  ];

  it('answers each line in order: matches, and one error line per unusable line', async () => {
    expect(await run([`${input.join('\n')}\n`])).toEqual(expected);
  });

  it('takes CRLF line ends and a last line without a line end', async () => {
    expect(await run([input.join('\r\n')])).toEqual(expected);
  });

  it('gives the same answers however the bytes are cut into chunks, inside UTF-8 characters too (fast-check)', async () => {
    const bytes = Buffer.from(`${[...input, event(4, 'domain-name', 'exämple.com')].join('\n')}\n`, 'utf8');
    const whole = await run([bytes]);
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.integer({ min: 1, max: bytes.length - 1 }), { maxLength: 12 }),
        async (cuts) => {
          const at = [0, ...cuts.sort((a, b) => a - b), bytes.length];
          const chunks = at.slice(1).map((end, i) => bytes.subarray(at[i], end));
          expect(await run(chunks)).toEqual(whole);
        },
      ),
      { numRuns: 100 },
    );
  });
});
