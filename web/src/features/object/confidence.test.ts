/** STIX 2.1 appendix A.2, "None / Low / Med / High" scale: the boundaries of each label. */
import { describe, expect, it } from 'vitest';
import { confidenceLabel } from './confidence.js';

describe('confidenceLabel (STIX 2.1 appendix A.2)', () => {
  it.each([
    [0, 'None'],
    [1, 'Low'],
    [29, 'Low'],
    [30, 'Med'],
    [69, 'Med'],
    [70, 'High'],
    [100, 'High'],
  ])('%i is %s', (value, label) => {
    expect(confidenceLabel(value)).toBe(label);
  });
});
