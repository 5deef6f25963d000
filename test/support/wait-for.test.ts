import { describe, expect, it } from 'vitest';
import { eventually, waitFor } from './wait-for.js';

describe('waitFor', () => {
  it('resolves once the condition holds, after as many looks as it takes', async () => {
    let looks = 0;
    await waitFor(() => ++looks === 3, { interval: 1 });
    expect(looks).toBe(3);
  });

  it('accepts async conditions and treats a throw as "not yet"', async () => {
    let looks = 0;
    await waitFor(
      async () => {
        looks++;
        if (looks < 2) throw new Error('not ready');
        return true;
      },
      { interval: 1 },
    );
    expect(looks).toBe(2);
  });

  it('rejects after the timeout, naming what it waited for and the last error', async () => {
    await expect(
      waitFor(
        () => {
          throw new Error('still broken');
        },
        { timeout: 30, interval: 5, message: 'the flag' },
      ),
    ).rejects.toThrow(/timed out after 30 ms waiting for the flag \(last error: still broken\)/);
  });

  it('eventually answers whether the condition held in time', async () => {
    expect(await eventually(() => true)).toBe(true);
    expect(await eventually(() => false, { timeout: 20, interval: 5 })).toBe(false);
  });
});
