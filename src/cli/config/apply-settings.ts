/**
 * Sets the options of the command a run names from the environment and the configuration file
 * before commander parses the command line, so that a flag given there wins (commander replaces
 * a value whatever its source): flag > `ACCORD_*` > file > the command's default.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { CliError } from '../cli-error.js';
import { type FileValue, SETTINGS, type Setting, type SettingType } from './settings.js';

/** The command path (`serve`, `peer test`) of a command. */
export function pathOf(cmd: Command): string {
  const names: string[] = [];
  for (let c: Command | null = cmd; c?.parent != null; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

const TRUE = new Set(['1', 'true', 'yes', 'on']);
const FALSE = new Set(['0', 'false', 'no', 'off', '']);

/** An environment variable's text as the setting's type, as the command line would give it. */
function fromEnv(setting: Setting, text: string): string | boolean {
  const type: SettingType = setting.type;
  if (type === 'boolean') {
    const t = text.trim().toLowerCase();
    if (TRUE.has(t)) return true;
    if (FALSE.has(t)) return false;
    throw new CliError(`$${setting.env}: "${text}" is not a boolean (true or false)`);
  }
  if (type === 'integer' && !/^[0-9]+$/.test(text.trim()))
    throw new CliError(`$${setting.env}: "${text}" is not a whole number`);
  if (typeof type === 'object' && !type.oneOf.includes(text.trim()))
    throw new CliError(`$${setting.env}: "${text}" is not one of ${type.oneOf.join(', ')}`);
  return text.trim();
}

/** The settings that apply to `cmd`: those naming its path (or every command) and whose option it has. */
export function settingsFor(cmd: Command): Setting[] {
  const path = pathOf(cmd);
  return SETTINGS.filter(
    (s) => (s.commands === '*' || s.commands.includes(path)) && cmd.options.some((o) => o.long === s.flag),
  );
}

/**
 * Sets each applicable option from `env` or else from `file` (values by setting key). A boolean
 * set to false stays unset, as a flag not given.
 */
export function applySettings(
  cmd: Command,
  env: NodeJS.ProcessEnv,
  file: ReadonlyMap<string, FileValue>,
): void {
  for (const setting of settingsFor(cmd)) {
    const text = env[setting.env];
    const fromFile = file.get(setting.key);
    const value = text !== undefined ? fromEnv(setting, text) : fromFile;
    if (value === undefined || value === false) continue;
    const option = cmd.options.find((o) => o.long === setting.flag)!;
    cmd.setOptionValueWithSource(
      option.attributeName(),
      typeof value === 'number' ? String(value) : value,
      text !== undefined ? 'env' : 'config',
    );
  }
}

/** Where the configuration comes from: `--config FILE`, else `$ACCORD_CONFIG`, else ./accord.toml if present. */
export function configFilePath(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  cwd: string,
): string | undefined {
  const i = args.findIndex((a) => a === '--config' || a.startsWith('--config='));
  if (i >= 0) {
    const given = args[i]!.startsWith('--config=') ? args[i]!.slice('--config='.length) : args[i + 1];
    if (given === undefined || given === '' || given.startsWith('-'))
      throw new CliError('--config needs a file');
    return resolve(cwd, given);
  }
  if (env.ACCORD_CONFIG) return resolve(cwd, env.ACCORD_CONFIG);
  const local = resolve(cwd, 'accord.toml');
  return existsSync(local) ? local : undefined;
}

/**
 * Sets the options of `cmd` (the command a run names) from the environment and the configuration
 * file; the file's parser and schema are loaded only when there is a file and `cmd` has settings.
 */
export async function configureCommand(
  cmd: Command,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  cwd: string,
): Promise<void> {
  const path = configFilePath(args, env, cwd);
  if (settingsFor(cmd).length === 0 && path === undefined) return;
  const file =
    path === undefined
      ? new Map<string, FileValue>()
      : (await import('./config-file.js')).readConfigFile(path);
  applySettings(cmd, env, file);
}
