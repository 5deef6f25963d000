/** The countdown's text. */
import { describe, expect, it } from 'vitest';
import { formatRemaining } from './format-remaining.js';

describe('formatRemaining', () => {
  it.each([
    [0, '0 s'],
    [-5000, '0 s'],
    [999, '00:00:00'],
    [61_000, '00:01:01'],
    [3 * 3600_000 - 1000, '02:59:59'],
    [86_400_000 + 3_723_000, '1 d 01:02:03'],
  ])('%i ms reads %s', (ms, text) => {
    expect(formatRemaining(ms)).toBe(text);
  });
});
