/** Why a log line cannot be read as an event; thrown inside an adapter and turned into a report entry. */
export class RecordRejection extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'RecordRejection';
  }
}

/** Rejects the line: field `name` holds `value`, which is not `expected`. */
export function wrongField(name: string, expected: string, value: unknown): never {
  const got =
    value === null
      ? 'null'
      : Array.isArray(value)
        ? 'a list'
        : typeof value === 'object'
          ? 'an object'
          : typeof value;
  const shown =
    typeof value === 'string' || typeof value === 'number' ? ` ${JSON.stringify(value).slice(0, 60)}` : '';
  throw new RecordRejection(`field ${name}: expected ${expected}, got ${got}${shown}`);
}
