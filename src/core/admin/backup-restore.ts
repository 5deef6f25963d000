/**
 * `accord backup FILE` and `accord restore FILE --db PATH` (CONTRACT.md "Operations"): a
 * consistent copy of a running node, and a node made from one, only where no data would be lost.
 */
import { existsSync } from 'node:fs';
import { type BackupReport, openStore, restoreStore, type Store } from '../../store/index.js';
import { CoreError } from '../errors/core-error.js';
import { auditAdmin } from './audit-admin.js';

/** Writes a consistent copy of the node's database to `file` while it runs; never overwrites. */
export async function backupNode(store: Store, file: string): Promise<BackupReport> {
  if (existsSync(file))
    throw new CoreError('CORE_CONFLICT', `${file} exists; a backup never overwrites a file`);
  // Audited first: the backup then holds the record of its own making.
  await auditAdmin(store, 'node.backup', '*', `backup to ${file}`);
  return store.backupTo(file);
}

/** What a store holds that a restore would lose; empty when it holds nothing. */
async function contentsOf(store: Store): Promise<string[]> {
  const found: string[] = [];
  const count = (n: number, what: string) => {
    if (n > 0) found.push(`${n} ${what}`);
  };
  count((await store.listOrganizations()).length, 'organisations');
  count((await store.listCollections()).length, 'collections');
  count((await store.listUsers()).length, 'users');
  count((await store.listMarkingDefinitions()).size, 'marking definitions');
  try {
    count((await store.listPeers()).length, 'peers');
  } catch {
    // Peers sealed with a key that is not here are peers all the same.
    found.push('peers');
  }
  return found;
}

/**
 * Restores the backup `file` as the database `db`, which must not exist or hold no data
 * (CORE_CONFLICT otherwise: a restore never replaces a node's data).
 */
export async function restoreNode(file: string, db: string): Promise<BackupReport> {
  if (!existsSync(file)) throw new CoreError('CORE_NOT_FOUND', `no backup file ${file}`);
  if (!/^postgres(ql)?:\/\//.test(db) && existsSync(db)) {
    const store = await openStore(db);
    let contents: string[];
    try {
      contents = await contentsOf(store);
    } finally {
      await store.close();
    }
    if (contents.length > 0)
      throw new CoreError(
        'CORE_CONFLICT',
        `${db} is not empty (${contents.join(', ')}); restore into a new database path`,
      );
  }
  return restoreStore(file, db);
}
