/** Safe lookup of an input-chosen key in a constant table (never Object.prototype members like "constructor"). */
export function own<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}
