/**
 * Migration 8: disabled users, token expiry, and the account generation. Triggers bump the
 * generation on any update or deletion of a user or token, whichever code (or process, or a
 * hand-run SQL statement) makes it, so no path can change credentials without invalidating
 * what authenticators cached. Additions need no bump: nothing cached depends on a new row.
 */
export const ACCOUNTS_V8 = `
ALTER TABLE users ADD COLUMN disabled INTEGER NOT NULL DEFAULT 0;
ALTER TABLE tokens ADD COLUMN expires_at TEXT;
CREATE INDEX tokens_username ON tokens (username);
CREATE TABLE account_generation (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  generation INTEGER NOT NULL
);
INSERT INTO account_generation (id, generation) VALUES (1, 0);
CREATE TRIGGER users_updated AFTER UPDATE ON users
  BEGIN UPDATE account_generation SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER users_deleted AFTER DELETE ON users
  BEGIN UPDATE account_generation SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER tokens_updated AFTER UPDATE ON tokens
  BEGIN UPDATE account_generation SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER tokens_deleted AFTER DELETE ON tokens
  BEGIN UPDATE account_generation SET generation = generation + 1 WHERE id = 1; END;
`;
