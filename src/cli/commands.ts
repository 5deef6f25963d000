// To add a command: write src/cli/<name>.ts exporting a RegisterCommand (as validate.ts does), then add
// one entry below: name, --help description, load: async () => (await import('./<name>.js')).registerX.
// Never import a command module statically: a run loads only the command it names (dependency-cruiser checks).
import type { CommandEntry } from './register-command.js';

/**
 * Every command of the CLI, in the order `accord --help` lists them. Only the entry a run names is
 * loaded (CONTRACT.md fixes names, options and exit statuses; commands.test.ts keeps descriptions equal).
 */
export const COMMANDS: readonly CommandEntry[] = [
  {
    name: 'org',
    description: 'partner organisations',
    load: async () => (await import('./org.js')).registerOrg,
  },
  { name: 'user', description: 'user accounts', load: async () => (await import('./user.js')).registerUser },
  {
    name: 'token',
    description: 'bearer tokens',
    load: async () => (await import('./token.js')).registerToken,
  },
  {
    name: 'collection',
    description: 'TAXII collections',
    load: async () => (await import('./collection.js')).registerCollection,
  },
  {
    name: 'import',
    description:
      'validate and store STIX bundles, arrays or single objects, MISP events or MISP feeds in a collection; FILE may be a directory (its .json files, or a MISP feed) or - (stdin)',
    load: async () => (await import('./import.js')).registerImport,
  },
  {
    name: 'export',
    description: 'write what a user may see of a collection as a STIX 2.1 bundle or as MISP event JSON',
    load: async () => (await import('./export.js')).registerExport,
  },
  {
    name: 'attack',
    description: 'MITRE ATT&CK objects by their ATT&CK id',
    load: async () => (await import('./attack.js')).registerAttack,
  },
  {
    name: 'serve',
    description: 'run the TAXII 2.1 server',
    load: async () => (await import('./serve.js')).registerServe,
  },
  {
    name: 'group',
    description: 'sharing groups (Accord marking definitions)',
    load: async () => (await import('./group.js')).registerGroup,
  },
  {
    name: 'embargo',
    description: 'embargoes (Accord marking definitions)',
    load: async () => (await import('./embargo.js')).registerEmbargo,
  },
  {
    name: 'audit',
    description:
      'the append-only audit log: reads and sends of TLP:AMBER/AMBER+STRICT/RED versions, administrative changes',
    load: async () => (await import('./audit.js')).registerAudit,
  },
  {
    name: 'pattern',
    description: 'STIX Patterning: validate, evaluate and match sets of patterns',
    load: async () => (await import('./pattern.js')).registerPattern,
  },
  {
    name: 'detect',
    description:
      'match log files (ECS, Zeek, W3C, Suricata EVE) against STIX indicators; writes sightings as STIX JSONL',
    load: async () => (await import('./detect.js')).registerDetect,
  },
  {
    name: 'attribution',
    description: 'attribution claims (attributed-to with a confidence), disputes and their consensus',
    load: async () => (await import('./attribution.js')).registerAttribution,
  },
  {
    name: 'advisory',
    description: 'joint advisories: drafted, signed by every co-signer, released together',
    load: async () => (await import('./advisory.js')).registerAdvisory,
  },
  {
    name: 'sightings',
    description: 'sightings kept in the node',
    load: async () => (await import('./sightings.js')).registerSightings,
  },
  {
    name: 'peer',
    description: 'federation peers (other TAXII 2.1 nodes)',
    load: async () => (await import('./peer.js')).registerPeer,
  },
  {
    name: 'sync',
    description: 'sync configured peers now (pull and push), or continuously with --watch',
    load: async () => (await import('./sync.js')).registerSync,
  },
  {
    name: 'backup',
    description:
      'write a consistent copy of the database to FILE while the node runs (SQLite online backup; pg_dump custom format on PostgreSQL, restored with pg_restore); the key file of peer passwords is not in it',
    load: async () => (await import('./backup.js')).registerBackup,
  },
  {
    name: 'restore',
    description:
      'make the database --db from a backup written by `accord backup`; --db must not exist or be empty',
    load: async () => (await import('./restore.js')).registerRestore,
  },
  {
    name: 'rotate-key',
    description:
      'replace the key that seals peer passwords (the key file beside the database, or $ACCORD_SECRET_KEY_FILE) and seal them again',
    load: async () => (await import('./rotate-key.js')).registerRotateKey,
  },
  {
    name: 'validate',
    description: 'validate a STIX 2.1 object, bundle or JSON array of objects (FILE or - for stdin)',
    load: async () => (await import('./validate.js')).registerValidate,
  },
  {
    name: 'completion',
    description: 'print a shell completion script for bash, zsh or fish, generated from the command table',
    load: async () => (await import('./completion.js')).registerCompletion,
    loadsEveryCommand: true,
  },
  {
    name: 'stix',
    description: 'STIX 2.1 tools',
    load: async () => (await import('./stix-id.js')).registerStixId,
  },
];
