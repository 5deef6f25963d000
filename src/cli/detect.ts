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
  if (o.collection !== undefined || o.store !== undefined)
    throw new CliError(
      `${o.collection !== undefined ? '--collection' : '--store'} needs a node's database, which accord detect does not use yet; give the indicators with --indicators FILE`,
      EXIT.usage,
    );
  if (o.indicators === undefined)
    throw new CliError('give the indicators to look for with --indicators FILE', EXIT.usage);
  if (o.follow) checkFollowSettings(o.events, o.out);
  if (
    o.identity !== undefined &&
    !/^identity--[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(o.identity)
  )
    throw new CliError(`--identity ${o.identity} is not an identity id (identity--<UUID>)`, EXIT.usage);
}

async function detect(o: DetectFlags, ctx: Parameters<RegisterCommand>[1]): Promise<void> {
  checkUsage(o);
  const offset = timezoneSetting(o.tz);
  const read = await readIndicatorFile(o.indicators as string);
  const compiled = compileIndicators(read.indicators);
  const options: DetectOptions = {
    format: formatSetting(o.format),
    offset,
    retro: o.retro === true,
    scope: o.scope,
    identity: o.identity,
    warninglists: o.warninglists === undefined ? undefined : await loadWarninglists(o.warninglists),
  };
  let report: DetectionReport;
  if (o.follow) {
    const controller = new AbortController();
    const stop = (): void => controller.abort();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    try {
      report = await followDetection({
        indicators: compiled,
        paths: o.events,
        out: o.out as string,
        statePath: `${o.out}.state`,
        fingerprint: JSON.stringify([
          o.events,
          o.indicators,
          o.format,
          o.scope,
          o.tz ?? '',
          o.retro === true,
          o.identity ?? '',
        ]),
        options,
        signal: controller.signal,
        onCheckpoint: async (r) => {
          if (o.report !== undefined) await writeReport(o.report, r, read.rejected);
        },
      });
    } finally {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
    }
  } else {
    const stream = o.out === undefined ? ctx.stdout : createWriteStream(o.out);
    report = await runDetection({
      indicators: compiled,
      sources: o.events.map((path) => eventSource(path, ctx.stdin)),
      sink: lineSink(stream),
      options,
    });
    if (o.out !== undefined) {
      stream.end();
      await once(stream, 'finish');
    }
  }
  if (o.report !== undefined) await writeReport(o.report, report, read.rejected);
  for (const w of report.warnings.slice(0, 20)) ctx.stderr.write(`accord: warning: ${w}\n`);
  const rejected = report.rejected.length + report.rejected_unlisted;
  if (rejected > 0 && o.report === undefined)
    ctx.stderr.write(`accord: ${rejected} lines rejected (--report FILE lists them)\n`);
  ctx.setExitCode(rejected > 0 ? EXIT.invalid : EXIT.ok);
}

async function writeReport(
  path: string,
  report: DetectionReport,
  unreadable: DetectionReport['indicators_rejected'],
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
    .option('--collection <id>', 'read the indicators from this collection of a node (needs a node)')
    .option('--as <user>', 'the user reading --collection and writing --store')
    .option('--store <collection>', 'keep the sightings in this collection of a node (needs a node)')
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
    .action(async (o: DetectFlags) => {
      await detect(o, ctx);
    });
};
