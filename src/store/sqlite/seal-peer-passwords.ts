/** Migration 9: peer passwords stored in clear (before secrets were sealed) are sealed in place. */
import type Database from 'better-sqlite3';
import { SecretBox } from '../secret-box.js';
import { StoreError } from '../store-error.js';

/** Seals every peer password not sealed yet; needs the key only when there is one to seal. */
export function sealPeerPasswords(db: Database.Database, secrets: SecretBox | undefined): void {
  const rows = db.prepare('SELECT name, password FROM peers').all() as { name: string; password: string }[];
  const clear = rows.filter((r) => !SecretBox.isSealed(r.password));
  if (clear.length === 0) return;
  if (secrets === undefined)
    throw new StoreError('STORE_SECRET_KEY_MISSING', 'sealing peer passwords needs the secret key');
  const update = db.prepare('UPDATE peers SET password = ? WHERE name = ?');
  for (const row of clear) update.run(secrets.seal(row.password), row.name);
}
