/**
 * Where a PostgreSQL node keeps the key that seals peer passwords when none is given
 * ($ACCORD_SECRET_KEY, $ACCORD_SECRET_KEY_FILE): a file per database under
 * ~/.config/accord/, never in the database (a dump alone must reveal no secret). Processes on
 * other machines need the same key: give it to each of them through the environment.
 */
import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** The default key file of the database `url` names; its folder is created (0700) when missing. */
export function defaultKeyFile(url: string): string {
  const u = new URL(url);
  const name = `${u.hostname || 'localhost'}_${u.port || '5432'}_${decodeURIComponent(u.pathname.slice(1)) || 'postgres'}`;
  const dir = join(homedir(), '.config', 'accord');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  return join(dir, `${name.replace(/[^A-Za-z0-9_.-]/g, '_')}.key`);
}
