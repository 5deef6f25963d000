/**
 * The configuration file (issue 20, docs/reference/configuration.md): TOML, found as `--config
 * FILE`, else `$ACCORD_CONFIG`, else `./accord.toml` when present; validated against a JSON
 * schema made from the settings table, every error naming the key. Loaded only when a file is
 * there, so commands run without one never load the parser.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Ajv, type ErrorObject } from 'ajv';
import { parse, TomlError } from 'smol-toml';
import { CliError } from '../cli-error.js';
import { closestFlag } from '../unknown-options.js';
import { type FileValue, SETTINGS, type Setting } from './settings.js';

function schemaOf(setting: Setting): object {
  const t = setting.type;
  if (t === 'string') return { type: 'string', minLength: 1 };
  if (t === 'boolean') return { type: 'boolean' };
  if (t === 'integer')
    return setting.flag === '--port'
      ? { type: 'integer', minimum: 0, maximum: 65535 }
      : { type: 'integer', minimum: 1 };
  return { enum: [...t.oneOf] };
}

/** The JSON schema of the file: top-level keys and one table per section, nothing else. */
function configSchema(): object {
  const root: {
    [k: string]: unknown;
    properties: Record<string, { properties: Record<string, object> } | object>;
  } = {
    type: 'object',
    additionalProperties: false,
    properties: {},
  };
  for (const s of SETTINGS) {
    const [section, key] = s.key.includes('.') ? s.key.split('.') : [undefined, s.key];
    if (section === undefined) root.properties[key!] = schemaOf(s);
    else {
      root.properties[section] ??= { type: 'object', additionalProperties: false, properties: {} };
      const table = root.properties[section] as { properties: Record<string, object> };
      table.properties[key!] = schemaOf(s);
    }
  }
  return root;
}

const KEYS = SETTINGS.map((s) => s.key);

/** One ajv error as a sentence naming the key (`serve.port must be at most 65535`). */
function describe(e: ErrorObject): string {
  const at = e.instancePath.slice(1).replaceAll('/', '.');
  if (e.keyword === 'additionalProperties') {
    const key = [at, String(e.params.additionalProperty)].filter(Boolean).join('.');
    const near = closestFlag(
      `--${key}`,
      KEYS.map((k) => `--${k}`),
    );
    return `unknown key ${key}${near ? ` (did you mean ${near.slice(2)}?)` : ''}`;
  }
  if (e.keyword === 'enum') return `${at} must be one of ${(e.params.allowedValues as string[]).join(', ')}`;
  if (e.keyword === 'type')
    return `${at || 'the file'} must be ${e.params.type === 'object' ? 'a table' : `a ${String(e.params.type)}`}`;
  return `${at} ${e.message ?? 'is invalid'}`;
}

/** Reads, parses and validates the file: its values by setting key. CliError (exit 2) naming the file and key otherwise. */
export function readConfigFile(file: string): Map<string, FileValue> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new CliError(
      `${file}: cannot read the configuration file (${(err as NodeJS.ErrnoException).code ?? 'error'})`,
    );
  }
  let doc: Record<string, unknown>;
  try {
    doc = parse(text) as Record<string, unknown>;
  } catch (err) {
    if (err instanceof TomlError)
      throw new CliError(
        `${file}:${err.line}:${err.column}: ${err.message.split('\n')[0]!.replace(/^Invalid TOML document: /, '')}`,
      );
    throw err;
  }
  const validate = new Ajv({ allErrors: true }).compile(configSchema());
  if (!validate(doc)) {
    const errors = (validate.errors ?? []).map(describe);
    throw new CliError(`${file}: ${errors.join('; ')}`);
  }
  const values = new Map<string, FileValue>();
  for (const key of KEYS) {
    const [section, name] = key.includes('.') ? key.split('.') : [undefined, key];
    const holder = section === undefined ? doc : (doc[section] as Record<string, unknown> | undefined);
    const value = holder?.[name!];
    if (value === undefined) continue;
    const isPath = SETTINGS.find((s) => s.key === key)?.isPath === true;
    // A path in the file means the same wherever the command runs: relative to the file.
    const local = isPath && typeof value === 'string' && !value.includes('://');
    values.set(key, local ? resolve(dirname(file), value) : (value as FileValue));
  }
  return values;
}
