/**
 * Migration 12: explicit change generations (Store.generation). Triggers bump a topic's number
 * whenever its rows change, whichever code or process changes them, so that every process can
 * tell with one indexed read whether what it derived is still current.
 */
const bump = (topic: string) =>
  `BEGIN UPDATE generations SET value = value + 1 WHERE topic = '${topic}'; END;`;

const triggers = (table: string, topic: string, events: readonly string[]) =>
  events
    .map((e) => `CREATE TRIGGER ${table}_${e.toLowerCase()}_bumps AFTER ${e} ON ${table} ${bump(topic)}`)
    .join('\n');

/** The SQL of migration 12. */
export const GENERATIONS_V12 = `
CREATE TABLE generations (topic TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
INSERT INTO generations (topic, value) VALUES ('policy', 0);
INSERT INTO generations (topic, value) SELECT 'accounts', generation FROM account_generation;
DROP TRIGGER users_updated;
DROP TRIGGER users_deleted;
DROP TRIGGER tokens_updated;
DROP TRIGGER tokens_deleted;
DROP TABLE account_generation;
${triggers('users', 'accounts', ['UPDATE', 'DELETE'])}
${triggers('tokens', 'accounts', ['UPDATE', 'DELETE'])}
${triggers('marking_definitions', 'policy', ['INSERT', 'UPDATE', 'DELETE'])}
${triggers('organizations', 'policy', ['INSERT', 'UPDATE', 'DELETE'])}
`;
