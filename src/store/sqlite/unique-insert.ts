/** Turns a UNIQUE/PRIMARY KEY violation of one insert into StoreError `STORE_ALREADY_EXISTS`. */
import { StoreError } from '../store-error.js';

/** Runs `insert`; a key conflict becomes STORE_ALREADY_EXISTS naming `what`. */
export function insertUnique(what: string, insert: () => unknown): void {
  try {
    insert();
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE') {
      throw new StoreError('STORE_ALREADY_EXISTS', `${what} already exists`, { cause: error });
    }
    throw error;
  }
}
