/**
 * How `accord serve` logs and whom it trusts for peers (issue 20): `--log-level`, pretty lines
 * (pino-pretty) when stderr is a terminal and JSON lines otherwise, and `--ca` added to the
 * system's CA certificates for the TAXII client that syncs peers.
 */
import { readFile } from 'node:fs/promises';
import { rootCertificates } from 'node:tls';
import { CliError } from './cli-error.js';
import { LOG_LEVELS } from './config/settings.js';
import type { CliContext } from './context.js';

type LogLevel = (typeof LOG_LEVELS)[number];

/** What startServer takes of these options. */
export interface ServeLogging {
  readonly log: Exclude<LogLevel, 'silent'> | false;
  readonly logStream?: NodeJS.WritableStream;
  readonly peerTrustedCa?: readonly string[];
}

/** The log and peer-trust options of `serve`; CliError (exit 2) for a bad level or an unreadable CA file. */
export async function serveLogging(
  ctx: CliContext,
  level: string,
  ca: string | undefined,
): Promise<ServeLogging> {
  if (!(LOG_LEVELS as readonly string[]).includes(level))
    throw new CliError(`--log-level ${level}: use one of ${LOG_LEVELS.join(', ')}`);
  let peerTrustedCa: readonly string[] | undefined;
  if (ca !== undefined) {
    let pem: string;
    try {
      pem = await readFile(ca, 'utf8');
    } catch (err) {
      throw new CliError(`--ca ${ca}: ${(err as NodeJS.ErrnoException).code ?? 'cannot be read'}`);
    }
    if (!pem.includes('-----BEGIN CERTIFICATE-----'))
      throw new CliError(`--ca ${ca}: no PEM certificate in it`);
    // Extra, not instead: public peers stay reachable through the system's CAs.
    peerTrustedCa = [...rootCertificates, pem];
  }
  const log = level === 'silent' ? false : (level as Exclude<LogLevel, 'silent'>);
  const pretty =
    log !== false && ctx.interactive
      ? (await import('pino-pretty')).default({
          destination: 2,
          colorize: true,
          translateTime: 'SYS:standard',
        })
      : undefined;
  return {
    log,
    ...(pretty === undefined ? {} : { logStream: pretty }),
    ...(peerTrustedCa === undefined ? {} : { peerTrustedCa }),
  };
}
