/**
 * `accord detect` (CONTRACT.md "Detection"): log files against indicators, sightings out. Exit 0
 * when every line was read, 1 when some were rejected, 2 on bad usage, unreadable input or a
 * `--format` the file contradicts.
 */

import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import { Option } from 'commander';
import {
  CoreError,
  type DetectionIndicators,
  detectInNode,
  detectionIndicators,
  type NodeServices,
  nodeServices,
  type StoreSightingsReport,
  storeRunSightings,
} from '../core/index.js';
import {
  type CorrelationScope,
  checkFollowSettings,
  compileIndicators,
  type DetectionReport,
  type DetectOptions,
  eventSource,
  exactJson,
  followDetection,
  formatSetting,
  LOG_FORMATS,
  type LogFormat,
  loadWarninglists,
  type ObjectSink,
  readIndicatorFile,
  runDetection,
  timezoneSetting,
} from '../detect/index.js';
import { CliError, EXIT } from './cli-error.js';
import type { RegisterCommand } from './register-command.js';

interface DetectFlags {
  events: string[];
  indicators?: string;
  collection?: string;
  as?: string;
  store?: string;
  identity?: string;
  format: 'auto' | LogFormat;
  out?: string;
  report?: string;
  retro?: boolean;
  follow?: boolean;
  tz?: string;
  scope: CorrelationScope;
  warninglists?: string;
  db?: string;
}

/** A sink writing JSON lines to a stream, waiting for drain. */
function lineSink(stream: Writable): ObjectSink {
  return {
    async write(objects) {
      if (objects.length === 0) return;
      const text = objects.map((o) => `${exactJson(o)}\n`).join('');
      if (!stream.write(text)) await once(stream, 'drain');
    },
  };
}

function checkUsage(o: DetectFlags): void {
  if (o.indicators !== undefined && o.collection !== undefined)
    throw new CliError('give the indicators with --indicators FILE or --collection ID, not both', EXIT.usage);
  if (o.indicators === undefined && o.collection === undefined)
    throw new CliError(
      'give the indicators to look for with --indicators FILE or --collection ID --as USER',
      EXIT.usage,
    );
  const nodeFlag =
    o.collection !== undefined ? '--collection' : o.store !== undefined ? '--store' : undefined;
  if (nodeFlag !== undefined && o.as === undefined)
    throw new CliError(`${nodeFlag} needs --as USER (the user reading and storing)`, EXIT.usage);
  if (nodeFlag === undefined && o.as !== undefined)
    throw new CliError('--as goes with --collection or --store', EXIT.usage);
  if (o.store !== undefined && o.identity !== undefined)
    throw new CliError(
      "--identity does not go with --store: stored sightings are reported by the --as user's organisation",
      EXIT.usage,
    );
  if (o.follow) checkFollowSettings(o.events, o.out);
  if (
    o.identity !== undefined &&
    !/^identity--[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(o.identity)
  )
    throw new CliError(`--identity ${o.identity} is not an identity id (identity--<UUID>)`, EXIT.usage);
}

/** The node's indicators (or the file's, checked against the node when storing), when a node is used. */
async function nodeSide(o: DetectFlags, node: NodeServices): Promise<DetectionIndicators> {
  const origin =
    o.collection !== undefined
      ? { collectionId: o.collection }
      : await readIndicatorFile(o.indicators as string);
  return detectionIndicators(node, o.as as string, origin, o.store);
}

/** Two storing reports added up (a `--follow` run stores at every checkpoint). */
function addStored(a: StoreSightingsReport | undefined, b: StoreSightingsReport): StoreSightingsReport {
  if (a === undefined) return b;
  return {
    stored: a.stored + b.stored,
    unchanged: a.unchanged + b.unchanged,
    unattributed: [...a.unattributed, ...b.unattributed].slice(0, 1000),
    failures: [...a.failures, ...b.failures].slice(0, 1000),
  };
}

function printStored(ctx: Parameters<RegisterCommand>[1], collection: string, r: StoreSightingsReport): void {
  ctx.stderr.write(`accord: stored ${r.stored} sightings in ${collection} (${r.unchanged} unchanged)\n`);
  if (r.unattributed.length > 0)
    ctx.stderr.write(
      `accord: warning: ${r.unattributed.length} sightings not stored: their indicators name no producer (created_by_ref)\n`,
    );
  for (const f of r.failures.slice(0, 20)) ctx.stderr.write(`accord: ${f.id}: ${f.message}\n`);
}

async function detect(o: DetectFlags, ctx: Parameters<RegisterCommand>[1]): Promise<void> {
  checkUsage(o);
  const offset = timezoneSetting(o.tz);
  const store = o.as === undefined ? undefined : await ctx.openStore(o.db);
  try {
    const node = store === undefined ? undefined : nodeServices(store);
    const fromNode = node === undefined ? undefined : await nodeSide(o, node);
    const read = fromNode ?? (await readIndicatorFile(o.indicators as string));
    const options: DetectOptions = {
      format: formatSetting(o.format),
      offset,
      retro: o.retro === true,
      scope: o.scope,
      // Stored sightings are reported by the --as user's organisation (checkUsage refuses --identity).
      identity: o.store !== undefined && fromNode !== undefined ? fromNode.caller.identityId : o.identity,
      warninglists: o.warninglists === undefined ? undefined : await loadWarninglists(o.warninglists),
    };
    let report: DetectionReport;
    let stored: StoreSightingsReport | undefined;
    if (o.follow) {
      const into = o.store;
      // With --store, each checkpoint's changed sightings are stored (repeats after a crash are no-ops).
      const storing =
        node === undefined || fromNode === undefined || into === undefined
          ? undefined
          : async (sightings: readonly Record<string, unknown>[]) => {
              stored = addStored(stored, await storeRunSightings(node, fromNode, into, sightings));
            };
      if (storing !== undefined) stored = { stored: 0, unchanged: 0, unattributed: [], failures: [] };
      report = await follow(o, compileIndicators(read.indicators), options, read.rejected, storing);
    } else {
      const stream = o.out === undefined ? ctx.stdout : createWriteStream(o.out);
      const sources = o.events.map((path) => eventSource(path, ctx.stdin));
      if (node !== undefined && fromNode !== undefined) {
        const result = await detectInNode(node, {
          indicators: fromNode,
          sources,
          sink: lineSink(stream),
          options,
          ...(o.store === undefined ? {} : { storeCollection: o.store }),
        });
        report = result.report;
        stored = result.stored;
      } else {
        report = await runDetection({
          indicators: compileIndicators(read.indicators),
          sources,
          sink: lineSink(stream),
          options,
        });
      }
      if (o.out !== undefined) {
        stream.end();
        await once(stream, 'finish');
      }
    }
    if (o.report !== undefined) await writeReport(o.report, report, read.rejected);
    for (const w of report.warnings.slice(0, 20)) ctx.stderr.write(`accord: warning: ${w}\n`);
    if (stored !== undefined) printStored(ctx, o.store as string, stored);
    const rejected = report.rejected.length + report.rejected_unlisted;
    if (rejected > 0 && o.report === undefined)
      ctx.stderr.write(`accord: ${rejected} lines rejected (--report FILE lists them)\n`);
    ctx.setExitCode(rejected > 0 || (stored?.failures.length ?? 0) > 0 ? EXIT.invalid : EXIT.ok);
  } finally {
    await store?.close();
  }
}

/** `--follow`: reads on until SIGINT or SIGTERM, writing to --out (checked by checkUsage). */
async function follow(
  o: DetectFlags,
  compiled: ReturnType<typeof compileIndicators>,
  options: DetectOptions,
  unreadable: readonly DetectionReport['indicators_rejected'][number][],
  onSightings?: (sightings: readonly Record<string, unknown>[]) => Promise<void>,
): Promise<DetectionReport> {
  const controller = new AbortController();
  const stop = (): void => controller.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    return await followDetection({
      indicators: compiled,
      paths: o.events,
      out: o.out as string,
      statePath: `${o.out}.state`,
      fingerprint: JSON.stringify([
        o.events,
        o.indicators ?? `collection:${o.collection}`,
        o.format,
        o.scope,
        o.tz ?? '',
        o.retro === true,
        o.store === undefined ? (o.identity ?? '') : `store:${o.as}`,
      ]),
      options,
      signal: controller.signal,
      ...(onSightings === undefined ? {} : { onSightings }),
      onCheckpoint: async (r) => {
        if (o.report !== undefined) await writeReport(o.report, r, unreadable);
      },
    });
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
}

async function writeReport(
  path: string,
  report: DetectionReport,
  unreadable: readonly DetectionReport['indicators_rejected'][number][],
): Promise<void> {
  const known = new Set(report.indicators_rejected.map((r) => r.id));
  const full = {
    ...report,
    indicators_rejected: [...unreadable.filter((r) => !known.has(r.id)), ...report.indicators_rejected],
  };
  await writeFile(path, `${JSON.stringify(full, null, 2)}\n`);
}

/** Registers `detect`. */
export const registerDetect: RegisterCommand = (program, ctx) => {
  program
    .command('detect')
    .description(
      'match log files (ECS, Zeek, W3C, Suricata EVE) against STIX indicators; writes sightings as STIX JSONL',
    )
    .requiredOption('--events <file...>', 'log files to read (- for stdin; .gz read as gzip)')
    .option('--indicators <file>', 'STIX indicators: JSON lines or a bundle (no database is used)')
    .option('--collection <id>', 'read the indicators the --as user may see in this collection of the node')
    .option('--as <user>', 'the user reading --collection and writing --store')
    .option(
      '--store <collection>',
      "keep the sightings in this collection of the node: the --as user's organisation reports them, TLP:RED, shared only with each indicator's producer",
    )
    .option(
      '--identity <id>',
      'the reporting identity (where_sighted_refs); default: this sensor, see the guide',
    )
    .addOption(
      new Option('--format <format>', 'log format').choices(['auto', ...LOG_FORMATS]).default('auto'),
    )
    .option('--out <file>', 'write STIX objects (JSONL) here instead of stdout')
    .option('--report <file>', 'write the report (records, rejected lines, matches, sightings) here')
    .option('--retro', 'match indicators whatever their validity window (valid_from, valid_until)')
    .option('--follow', 'keep reading appended lines; survives rotation and restarts (needs --out)')
    .option('--tz <offset>', 'UTC offset (±HH:MM) of log times written without one (default UTC)')
    .addOption(
      new Option('--scope <scope>', 'correlate events of patterns spanning events per')
        .choices(['host', 'file', 'global'])
        .default('host'),
    )
    .option('--warninglists <dir>', 'MISP warninglists: matches on the values they list are suppressed')
    .option(
      '--db <path>',
      'database path or URL, with --collection or --store (default: $ACCORD_DB or ./accord-data/accord.db)',
    )
    .action(async (o: DetectFlags) => {
      try {
        await detect(o, ctx);
      } catch (err) {
        // detect's exit 1 means "some lines were rejected" (CONTRACT.md): a user or collection the
        // node does not know or lets not be used so is bad usage here (2), not refused input.
        if (err instanceof CoreError) throw new CliError(err.message, EXIT.usage);
        throw err;
      }
    });
};
