/**
 * The node's settings (issue 20; docs/reference/configuration.md): each one an option of the
 * commands named here, an environment variable `ACCORD_*` and a key of `accord.toml`.
 * Precedence: command-line flag > environment variable > configuration file > default.
 */

/** The type of a setting's value: in the file a TOML value of that type, in the environment a string. */
export type SettingType = 'string' | 'integer' | 'boolean' | { readonly oneOf: readonly string[] };

/** A setting's value from the file (already validated against its type). */
export type FileValue = string | number | boolean;

/** One setting. */
export interface Setting {
  /** Its key in the file: `db`, or `serve.port` for the key `port` of the table `[serve]`. */
  readonly key: string;
  /** The option it sets, on every command `commands` names that has it. */
  readonly flag: string;
  readonly env: string;
  readonly type: SettingType;
  /** Commands (paths such as `serve` or `peer test`) it applies to; `*`: every command with the option. */
  readonly commands: readonly string[] | '*';
  /** The default, as documented (the command's own default applies). */
  readonly default?: string;
  readonly description: string;
  /** A file path: relative ones in the configuration file are taken from the file's folder. */
  readonly isPath?: boolean;
}

/** Log levels of `serve --log-level` (pino's, with `silent`). */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Every setting, in the order docs/reference/configuration.md lists them. */
export const SETTINGS: readonly Setting[] = [
  {
    key: 'db',
    isPath: true,
    flag: '--db',
    env: 'ACCORD_DB',
    type: 'string',
    commands: '*',
    default: './accord-data/accord.db',
    description: 'database: a SQLite path, or a postgres:// URL',
  },
  {
    key: 'serve.host',
    flag: '--host',
    env: 'ACCORD_HOST',
    type: 'string',
    commands: ['serve'],
    default: '127.0.0.1',
    description: 'address to listen on',
  },
  {
    key: 'serve.port',
    flag: '--port',
    env: 'ACCORD_PORT',
    type: 'integer',
    commands: ['serve'],
    default: '6100',
    description: 'port to listen on',
  },
  {
    key: 'serve.log_level',
    flag: '--log-level',
    env: 'ACCORD_LOG_LEVEL',
    type: { oneOf: LOG_LEVELS },
    commands: ['serve'],
    default: 'info',
    description: 'least severe log level written to stderr (pretty on a terminal, JSON lines otherwise)',
  },
  {
    key: 'serve.ca',
    isPath: true,
    flag: '--ca',
    env: 'ACCORD_CA',
    type: 'string',
    commands: ['serve'],
    description:
      'PEM file of extra CA certificates trusted, beside the system ones, when syncing with peers (a private CA)',
  },
  {
    key: 'serve.nats',
    flag: '--nats',
    env: 'ACCORD_NATS',
    type: 'string',
    commands: ['serve'],
    description:
      'nats://HOST:PORT of the NATS JetStream server joining this process to the others on one database',
  },
  {
    key: 'serve.tls_cert',
    isPath: true,
    flag: '--tls-cert',
    env: 'ACCORD_TLS_CERT',
    type: 'string',
    commands: ['serve'],
    description: 'TLS certificate (PEM)',
  },
  {
    key: 'serve.tls_key',
    isPath: true,
    flag: '--tls-key',
    env: 'ACCORD_TLS_KEY',
    type: 'string',
    commands: ['serve'],
    description: 'TLS private key (PEM)',
  },
  {
    key: 'serve.insecure_http',
    flag: '--insecure-http',
    env: 'ACCORD_INSECURE_HTTP',
    type: 'boolean',
    commands: ['serve'],
    default: 'false',
    description: 'allow plain HTTP on a non-loopback address',
  },
  {
    key: 'serve.max_content_length',
    flag: '--max-content-length',
    env: 'ACCORD_MAX_CONTENT_LENGTH',
    type: 'integer',
    commands: ['serve'],
    default: '10485760',
    description: 'largest request body accepted, in bytes',
  },
  {
    key: 'serve.max_connections',
    flag: '--max-connections',
    env: 'ACCORD_MAX_CONNECTIONS',
    type: 'integer',
    commands: ['serve'],
    description: 'connections open at once (default: from the open-file limit)',
  },
  {
    key: 'serve.summary_interval',
    flag: '--summary-interval',
    env: 'ACCORD_SUMMARY_INTERVAL',
    type: 'integer',
    commands: ['serve'],
    default: '3600',
    description: 'seconds between two publishings of sighting summaries',
  },
  {
    key: 'serve.metrics',
    flag: '--metrics',
    env: 'ACCORD_METRICS',
    type: 'boolean',
    commands: ['serve'],
    default: 'false',
    description: 'serve GET /metrics (Prometheus text format) to administrators',
  },
];
