/** The difference between two versions of an object, property by property (top level). */

/** One changed property. */
export interface PropertyChange {
  readonly property: string;
  readonly kind: 'added' | 'removed' | 'changed';
  readonly before?: unknown;
  readonly after?: unknown;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The properties that differ from `before` to `after`, in name order. */
export function diffVersions(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): PropertyChange[] {
  const names = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  const changes: PropertyChange[] = [];
  for (const property of names) {
    const inBefore = Object.hasOwn(before, property);
    const inAfter = Object.hasOwn(after, property);
    if (inBefore && !inAfter) changes.push({ property, kind: 'removed', before: before[property] });
    else if (!inBefore && inAfter) changes.push({ property, kind: 'added', after: after[property] });
    else if (!same(before[property], after[property]))
      changes.push({ property, kind: 'changed', before: before[property], after: after[property] });
  }
  return changes;
}
