/** `accord pattern validate|eval|match-set` (CONTRACT.md "Patterning"): JSONL in, JSONL out. */
import { createReadStream } from 'node:fs';
import { access, constants } from 'node:fs/promises';
import { compileIndicatorSet, type PatternInput } from '../pattern/index.js';
import { CliError, EXIT } from './cli-error.js';
import { evalCase, readPatternLine, validateCase } from './pattern-cases.js';
import { jsonLines, LineWriter } from './pattern-lines.js';
import { type MatchGate, matchEventLines } from './pattern-match-set.js';
import { readLineValidity, type ValidityWindow } from './pattern-validity.js';
import type { RegisterCommand } from './register-command.js';

async function readable(path: string, what: string): Promise<void> {
  try {
    await access(path, constants.R_OK);
  } catch {
    throw new CliError(`cannot read ${what} file ${path}`, EXIT.usage);
  }
}

interface MatchSetOptions {
  patterns: string;
  observations: string;
  includeRevoked?: boolean;
  ignoreValidity?: boolean;
}

/** Registers `pattern` and its three subcommands; exit 0 when every line was answered, 2 on unreadable input. */
export const registerPattern: RegisterCommand = (program, ctx) => {
  const pattern = program
    .command('pattern')
    .description('STIX Patterning: validate, evaluate and match sets of patterns');

  pattern
    .command('validate')
    .description(
      'JSONL on stdin, one {"pattern", "spec_version"?} per line; writes {"valid": bool, "error"?} per line',
    )
    .option('--warnings', 'add "warnings" (custom object types, properties, …) to valid lines that have any')
    .action(async (opts: { warnings?: boolean }) => {
      const out = new LineWriter(ctx.stdout);
      for await (const line of jsonLines(ctx.stdin))
        await out.write(
          line.ok ? validateCase(line.value, opts.warnings === true) : { valid: false, error: line.error },
        );
      await out.flush();
    });

  pattern
    .command('eval')
    .description(
      'JSONL on stdin, one {"pattern", "observations", "spec_version"?} per line; writes {"matched"} or {"error"}',
    )
    .action(async () => {
      const out = new LineWriter(ctx.stdout);
      for await (const line of jsonLines(ctx.stdin))
        await out.write(line.ok ? evalCase(line.value) : { error: line.error });
      await out.flush();
    });

  pattern
    .command('match-set')
    .description('match every event of --observations against the compiled set of --patterns (both JSONL)')
    .requiredOption('--patterns <file>', 'JSONL: {"pattern", "spec_version"?} or a STIX indicator per line')
    .requiredOption(
      '--observations <file>',
      'JSONL: one event per line (observed-data + SCOs array, or one 2.0 observed-data)',
    )
    .option('--include-revoked', 'let revoked indicators match too (by default they never match)')
    .option(
      '--ignore-validity',
      'match indicators whatever their valid_from/valid_until (by default only events observed within [valid_from, valid_until))',
    )
    .action(async (opts: MatchSetOptions) => {
      await readable(opts.patterns, 'patterns');
      await readable(opts.observations, 'observations');
      const out = new LineWriter(ctx.stdout);
      const inputs: PatternInput[] = [];
      const unusable: Array<{ index: number; error: string }> = [];
      const never = new Set<number>();
      const windows = new Map<number, ValidityWindow>();
      for await (const line of jsonLines(createReadStream(opts.patterns))) {
        const index = inputs.length;
        const input = line.ok ? readPatternLine(line.value) : line.error;
        const validity = line.ok && typeof input !== 'string' ? readLineValidity(line.value) : undefined;
        if (typeof input === 'string' || typeof validity === 'string') {
          unusable.push({ index, error: typeof input === 'string' ? input : (validity as string) });
          inputs.push({ pattern: '' });
          continue;
        }
        inputs.push(input);
        if (validity?.revoked && opts.includeRevoked !== true) never.add(index);
        if (validity?.window && opts.ignoreValidity !== true) windows.set(index, validity.window);
      }
      const set = compileIndicatorSet(inputs);
      const reported = new Set(unusable.map((u) => u.index));
      for (const u of unusable) await out.write({ pattern_index: u.index, error: u.error });
      for (const e of set.errors)
        if (!reported.has(e.index))
          await out.write({
            pattern_index: e.index,
            error: `${e.error.line}:${e.error.column}: ${e.error.message}`,
          });
      await out.flush();
      if (never.size > 0)
        ctx.stderr.write(
          `accord: ${never.size} revoked indicator(s) will not match (--include-revoked lets them)\n`,
        );
      const gate: MatchGate | undefined = never.size + windows.size > 0 ? { never, windows } : undefined;
      await matchEventLines(set, createReadStream(opts.observations), ctx.stdout, gate);
    });
};
