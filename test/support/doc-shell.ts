/**
 * Runs a block of a guide as a newcomer would type it (issue 20): the `sh` lines between
 * `<!-- NAME:begin -->` and `<!-- NAME:end -->`, each `npx accord …` run as a real process in a
 * folder of its own, `VAR=$(npx accord …)` capturing its output, `VAR='…'` prefixes as its
 * environment and `$VAR` expanded. Any other line fails the run, so the guide stays executable.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const TSX = `${repo}node_modules/tsx/dist/loader.mjs`;
const MAIN = `${repo}src/cli/main.ts`;

/** The command lines of the marked block of `file` (blank lines and comments left out). */
export function docBlock(file: string, name: string): string[] {
  const text = readFileSync(file, 'utf8');
  const begin = text.indexOf(`<!-- ${name}:begin -->`);
  const end = text.indexOf(`<!-- ${name}:end -->`);
  if (begin < 0 || end < begin) throw new Error(`${file} has no block ${name}`);
  return text
    .slice(begin, end)
    .split('\n')
    .filter(
      (l) => l.trim() !== '' && !l.startsWith('```') && !l.startsWith('<!--') && !l.trim().startsWith('#'),
    );
}

/** Splits a command line into words as sh would, for single and double quotes and $VAR. */
export function shellWords(line: string, vars: Readonly<Record<string, string>>): string[] {
  const words: string[] = [];
  let word: string | undefined;
  let quote: '' | "'" | '"' = '';
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote === "'") {
      if (c === "'") quote = '';
      else word += c;
    } else if (c === '$' && /[A-Z_]/.test(line[i + 1] ?? '')) {
      const name = /^[A-Z_][A-Z0-9_]*/.exec(line.slice(i + 1))![0];
      if (!(name in vars)) throw new Error(`$${name} is not set at: ${line}`);
      word = (word ?? '') + vars[name];
      i += name.length;
    } else if (quote === '"') {
      if (c === '"') quote = '';
      else word += c;
    } else if (c === "'" || c === '"') {
      quote = c;
      word ??= '';
    } else if (c === ' ') {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else word = (word ?? '') + c;
  }
  if (quote !== '') throw new Error(`unclosed quote at: ${line}`);
  if (word !== undefined) words.push(word);
  return words;
}

/** What one line printed. */
export interface DocRun {
  readonly line: string;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the lines in `cwd`; throws at the first line that fails (with what it printed). */
export function runDocLines(lines: readonly string[], cwd: string): DocRun[] {
  const vars: Record<string, string> = {};
  const runs: DocRun[] = [];
  // The environment of a newcomer: none of this machine's ACCORD_* settings.
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('ACCORD_')));
  for (const line of lines) {
    if (line.trim() === 'npm install') continue; // this checkout is installed already
    const capture = /^([A-Z_][A-Z0-9_]*)=\$\((.*)\)$/.exec(line);
    const words = shellWords(capture ? capture[2]! : line, vars);
    const env: Record<string, string> = {};
    while (words.length > 0 && /^[A-Z_][A-Z0-9_]*=/.test(words[0]!)) {
      const [name, ...value] = words.shift()!.split('=');
      env[name!] = value.join('=');
    }
    if (words[0] !== 'npx' || words[1] !== 'accord') throw new Error(`not an accord command: ${line}`);
    const r = spawnSync(process.execPath, ['--import', TSX, MAIN, ...words.slice(2)], {
      cwd,
      encoding: 'utf8',
      env: { ...base, ...env },
    });
    if (r.status !== 0) throw new Error(`${line}\nexit ${r.status}: ${r.stderr}${r.stdout}`);
    runs.push({ line, stdout: r.stdout, stderr: r.stderr });
    if (capture) vars[capture[1]!] = r.stdout.trim();
  }
  return runs;
}

/** Runs `npx accord ARGS` as the guide's lines run, in `cwd`. */
export function accordIn(
  cwd: string,
  ...args: string[]
): { status: number | null; stdout: string; stderr: string } {
  return spawnSync(process.execPath, ['--import', TSX, MAIN, ...args], { cwd, encoding: 'utf8' });
}
