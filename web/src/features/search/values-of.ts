/** Pasted text as the values to look up. */

/** Splits pasted text into distinct values (lines, commas, spaces). */
export function valuesOf(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[\s,;]+/)
        .map((v) => v.trim())
        .filter((v) => v !== ''),
    ),
  ];
}
