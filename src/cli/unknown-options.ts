/**
 * Unknown options named as such before anything else is checked. Commander reports a missing
 * required option before an unknown one, so `import f.json --colection ID` said "--collection
 * not specified": a typo read as an omission. This walks the argument list the way commander
 * will, against the loaded command table, and names the first unknown option with the closest
 * known one (issue 20; CONTRACT.md: bad usage is exit 2).
 */
import type { Command, Option } from 'commander';
import { CliError, EXIT } from './cli-error.js';

/** Edit distance with adjacent transpositions (optimal string alignment), as commander suggests by. */
function distance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [
    i,
    ...Array<number>(b.length).fill(0),
  ]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

/** The known flag closest to `flag`, when it is close enough to be a typo of it. */
export function closestFlag(flag: string, known: readonly string[]): string | undefined {
  let best: { flag: string; d: number } | undefined;
  for (const k of known) {
    const d = distance(flag.slice(2), k.slice(2));
    const similarity = (Math.max(flag.length, k.length) - 2 - d) / (Math.max(flag.length, k.length) - 2);
    if (d <= 3 && similarity > 0.4 && (best === undefined || d < best.d)) best = { flag: k, d };
  }
  return best?.flag;
}

/** Options a command accepts where it is named: its own and those of the commands above it. */
function optionsOf(cmd: Command): Option[] {
  const all: Option[] = [];
  for (let c: Command | null = cmd; c !== null; c = c.parent) all.push(...c.options);
  return all;
}

function find(options: readonly Option[], flag: string): Option | undefined {
  return options.find((o) => o.long === flag || o.short === flag);
}

/**
 * Throws CliError (exit 2) naming the first option `args` give that the command they name does
 * not take; returns that command (the program when they name none). Help requests and
 * everything after `--` are left to commander.
 */
export function checkUnknownOptions(program: Command, args: readonly string[]): Command {
  const help = args.some((a) => a === '-h' || a === '--help');
  let cmd = program;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') return cmd;
    if (!arg.startsWith('-') || arg === '-') {
      const sub = cmd.commands.find((c) => c.name() === arg || c.aliases().includes(arg));
      if (sub !== undefined) cmd = sub;
      continue;
    }
    const flag = arg.startsWith('--') ? arg.split('=')[0]! : arg.slice(0, 2);
    const option = find(optionsOf(cmd), flag);
    if (option === undefined) {
      // Commander names unknown commands and top-level options well itself, and answers help.
      if (cmd === program || help) continue;
      const known = optionsOf(cmd)
        .map((o) => o.long)
        .filter((l): l is string => l !== undefined);
      const near = flag.startsWith('--') ? closestFlag(flag, [...known, '--help']) : undefined;
      throw new CliError(`unknown option '${flag}'${near ? ` (did you mean ${near}?)` : ''}`, EXIT.usage);
    }
    const inline = arg.startsWith('--') ? arg.includes('=') : arg.length > 2;
    if (option.required && !inline) i++;
  }
  return cmd;
}
