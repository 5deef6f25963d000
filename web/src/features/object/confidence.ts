/** STIX 2.1 confidence (0–100) as words: the "None / Low / Med / High" scale, STIX 2.1 appendix A. */

/** The appendix A.2 label of a confidence value. */
export function confidenceLabel(value: number): string {
  if (value === 0) return 'None';
  if (value <= 29) return 'Low';
  if (value <= 69) return 'Med';
  return 'High';
}
