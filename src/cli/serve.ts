/**
 * `accord serve [--host 127.0.0.1] [--port 6100] [--db] [--demo] [--tls-cert F --tls-key F]
 * [--insecure-http] [--metrics] [--log-level L] [--ca F] [--nats nats://HOST:PORT]` (CONTRACT.md
 * "Server", "Operations", "Scale-out"; every option also from ACCORD_* or accord.toml:
 * docs/reference/configuration.md).
 */
import { isNatsUrl } from '../scale/index.js';
import { startServer } from '../server/index.js';
import { CliError } from './cli-error.js';
import { LOG_LEVELS } from './config/settings.js';
import type { RegisterCommand } from './register-command.js';
import { serveLogging } from './serve-logging.js';

/** Registers `serve`: prints `accord listening on URL` once ready (and the demo login with --demo). */
export const registerServe: RegisterCommand = (program, ctx) => {
  program
    .command('serve')
    .description('run the TAXII 2.1 server')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--port <port>', 'port to listen on', '6100')
    .option('--demo', 'load the demo data into an empty database and print a demo login')
    .option('--tls-cert <file>', 'TLS certificate (PEM)')
    .option('--tls-key <file>', 'TLS private key (PEM)')
    .option('--insecure-http', 'allow plain HTTP on a non-loopback address')
    .option('--max-content-length <bytes>', 'largest request body accepted')
    .option(
      '--max-connections <n>',
      'connections open at once (default: from the open-file limit, leaving a quarter for the database and peers)',
    )
    .option(
      '--summary-interval <seconds>',
      'seconds between two publishings of sighting summaries (accord sightings publish)',
      '3600',
    )
    .option('--metrics', 'serve GET /metrics (Prometheus text format) to administrators (Basic or bearer)')
    .option(
      '--log-level <level>',
      `least severe level logged to stderr: ${LOG_LEVELS.join(', ')}; pretty on a terminal, JSON lines otherwise`,
      'info',
    )
    .option(
      '--ca <file>',
      'PEM CA certificates trusted, beside the system ones, when syncing with peers (a private CA)',
    )
    .option(
      '--nats <url>',
      'NATS JetStream server joining this process to the others on the same database (default: $ACCORD_NATS)',
    )
    .option('--db <path>', 'database path or URL (default: $ACCORD_DB or ./accord-data/accord.db)')
    .action(
      async (opts: {
        host: string;
        port: string;
        demo?: boolean;
        tlsCert?: string;
        tlsKey?: string;
        insecureHttp?: boolean;
        maxContentLength?: string;
        maxConnections?: string;
        summaryInterval: string;
        metrics?: boolean;
        logLevel: string;
        ca?: string;
        nats?: string;
        db?: string;
      }) => {
        const nats = opts.nats ?? (ctx.env.ACCORD_NATS || undefined);
        // Several nodes on one NATS server each need their own stream (docs/guides/scale-out.md).
        const natsName = ctx.env.ACCORD_NATS_NAME || undefined;
        if (nats !== undefined && !isNatsUrl(nats))
          throw new CliError(`invalid --nats ${nats} (nats://HOST:PORT)`);
        const port = Number(opts.port);
        if (!Number.isInteger(port) || port < 0 || port > 65535)
          throw new CliError(`invalid port ${opts.port}`);
        const maxContentLength =
          opts.maxContentLength === undefined ? undefined : Number(opts.maxContentLength);
        if (maxContentLength !== undefined && !(Number.isInteger(maxContentLength) && maxContentLength > 0)) {
          throw new CliError(`invalid --max-content-length ${opts.maxContentLength}`);
        }
        const maxConnections = opts.maxConnections === undefined ? undefined : Number(opts.maxConnections);
        if (maxConnections !== undefined && !(Number.isInteger(maxConnections) && maxConnections > 0)) {
          throw new CliError(`invalid --max-connections ${opts.maxConnections}`);
        }
        const summaryInterval = Number(opts.summaryInterval);
        if (!(Number.isInteger(summaryInterval) && summaryInterval > 0 && summaryInterval <= 86_400 * 7))
          throw new CliError(`invalid --summary-interval ${opts.summaryInterval} (seconds, at most a week)`);
        const logging = await serveLogging(ctx, opts.logLevel, opts.ca);
        const store = await ctx.openStore(opts.db);
        const server = await startServer({
          ...logging,
          store,
          host: opts.host,
          port,
          ...(opts.demo ? { demo: true } : {}),
          ...(opts.tlsCert === undefined ? {} : { tlsCert: opts.tlsCert }),
          ...(opts.tlsKey === undefined ? {} : { tlsKey: opts.tlsKey }),
          ...(opts.insecureHttp ? { insecureHttp: true } : {}),
          ...(maxContentLength === undefined ? {} : { maxContentLength }),
          ...(maxConnections === undefined ? {} : { connections: { maxConnections } }),
          summaryIntervalMs: summaryInterval * 1000,
          ...(opts.metrics ? { metrics: true } : {}),
          ...(ctx.version === undefined ? {} : { version: ctx.version }),
          ...(nats === undefined ? {} : { nats }),
          ...(natsName === undefined ? {} : { natsName }),
        }).catch(async (err: unknown) => {
          await store.close();
          throw err;
        });
        ctx.stdout.write(`accord listening on ${server.url}\n`);
        if (server.demo?.login) {
          const { username, password } = server.demo.login;
          ctx.stdout.write(`demo login: ${username} ${password}\n`);
          ctx.stdout.write(
            `(a fixed, publicly documented demo password for local demo data; do not use this database for real data)\n`,
          );
          ctx.stdout.write(
            `demo collection: ${server.url}/taxii2/api/collections/${server.demo.collectionId}/objects/\n`,
          );
        }
        const stop = () => {
          server.close().then(
            () => process.exit(0),
            () => process.exit(2),
          );
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      },
    );
};
