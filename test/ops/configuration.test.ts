/**
 * Issue 20, docs/reference/configuration.md: settings from `--config FILE`, `$ACCORD_CONFIG` or
 * ./accord.toml, and from `ACCORD_*` variables; precedence flag > environment > file > default;
 * a bad file or variable is one `accord: …` line naming the key, exit 2.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli/build-program.js';
import { COMMANDS } from '../../src/cli/commands.js';
import { SETTINGS } from '../../src/cli/config/settings.js';
import type { CliContext } from '../../src/cli/context.js';
import { accord } from './support/run-accord.js';

const dir = mkdtempSync(join(tmpdir(), 'accord-ops-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/** The ids `org list` shows on the database the run ends up using. */
async function orgsSeen(args: string[], env: NodeJS.ProcessEnv = {}, cwd?: string): Promise<string[]> {
  const r = await accord(['org', 'list', '--json', ...args], '', env, cwd);
  expect(r, r.err).toMatchObject({ code: 0, err: '' });
  return (JSON.parse(r.out) as { id: string }[]).map((o) => o.id);
}

/** The option values `serve` would start with, before the command line is parsed. */
async function serveOptions(env: NodeJS.ProcessEnv, args: string[] = []): Promise<Record<string, unknown>> {
  const ctx: CliContext = {
    stdin: new PassThrough(),
    stdout: new PassThrough(),
    stderr: new PassThrough(),
    env,
    cwd: dir,
    interactive: false,
    openStore: () => Promise.reject(new Error('no store here')),
    setExitCode: () => {},
  };
  const program = await buildProgram(['serve', ...args], COMMANDS, ctx);
  return program.commands.find((c) => c.name() === 'serve')!.opts();
}

describe('where settings come from', () => {
  const dbs = { flag: join(dir, 'flag.db'), env: join(dir, 'env.db'), file: join(dir, 'file.db') };

  it('flag > ACCORD_* > configuration file > default, for --db on every command', async () => {
    for (const [name, path] of Object.entries(dbs))
      expect((await accord(['org', 'add', `from-${name}`, '--db', path])).code).toBe(0);
    const config = file('precedence.toml', `db = "${dbs.file}"\n`);
    const env = { ACCORD_DB: dbs.env };
    expect(await orgsSeen(['--config', config])).toEqual(['from-file']);
    expect(await orgsSeen(['--config', config], env)).toEqual(['from-env']);
    expect(await orgsSeen(['--config', config, '--db', dbs.flag], env)).toEqual(['from-flag']);
    expect(await orgsSeen([], { ACCORD_CONFIG: config })).toEqual(['from-file']);
  });

  it('./accord.toml is read when present; a relative path in a file is taken from its folder', async () => {
    const project = join(dir, 'project');
    mkdirSync(join(project, 'data'), { recursive: true });
    expect((await accord(['org', 'add', 'local-org', '--db', join(project, 'data', 'n.db')])).code).toBe(0);
    writeFileSync(join(project, 'accord.toml'), 'db = "data/n.db"\n');
    expect(await orgsSeen([], {}, project)).toEqual(['local-org']);
    const elsewhere = file('relative.toml', 'db = "project/data/n.db"\n');
    expect(await orgsSeen(['--config', elsewhere])).toEqual(['local-org']);
  });

  it('serve takes each of its settings from the file and the environment, typed as its flags', async () => {
    const config = file(
      'serve.toml',
      '[serve]\nhost = "0.0.0.0"\nport = 7100\nlog_level = "warn"\nmetrics = true\nmax_connections = 50\n',
    );
    expect(await serveOptions({ ACCORD_CONFIG: config })).toMatchObject({
      host: '0.0.0.0',
      port: '7100',
      logLevel: 'warn',
      metrics: true,
      maxConnections: '50',
    });
    // The environment wins over the file, also to turn a flag off.
    const overridden = await serveOptions({
      ACCORD_CONFIG: config,
      ACCORD_PORT: '7200',
      ACCORD_METRICS: 'false',
    });
    expect(overridden).toMatchObject({ host: '0.0.0.0', port: '7200' });
    expect(overridden.metrics).toBeUndefined();
    expect(await serveOptions({})).toMatchObject({ host: '127.0.0.1', port: '6100', logLevel: 'info' });
    expect((await serveOptions({})).metrics).toBeUndefined();
    expect(await serveOptions({ ACCORD_LOG_LEVEL: 'debug', ACCORD_INSECURE_HTTP: 'yes' })).toMatchObject({
      logLevel: 'debug',
      insecureHttp: true,
    });
  });

  it('every setting is an option of each command it names, named ACCORD_ and the option', async () => {
    expect(new Set(SETTINGS.map((x) => x.env)).size).toBe(SETTINGS.length);
    for (const setting of SETTINGS) {
      expect(setting.env).toBe(`ACCORD_${setting.flag.slice(2).toUpperCase().replaceAll('-', '_')}`);
      for (const path of setting.commands === '*' ? ['serve', 'org list', 'import'] : setting.commands) {
        const program = await buildProgram(path.split(' '), COMMANDS, {
          ...({} as CliContext),
          env: {},
          cwd: dir,
        });
        let cmd = program;
        for (const name of path.split(' ')) cmd = cmd.commands.find((c) => c.name() === name)!;
        expect(
          cmd.options.map((o) => o.long),
          `${setting.key} on ${path}`,
        ).toContain(setting.flag);
      }
    }
  });
});

describe('bad configuration is one line naming the key, exit 2', () => {
  const run = async (text: string, env: NodeJS.ProcessEnv = {}) =>
    accord(['org', 'list', '--config', file('bad.toml', text), '--db', join(dir, 'x.db')], '', env);
  const line = (err: string) => err.replace(`${join(dir, 'bad.toml')}`, 'FILE');

  it('an unknown key, with the key it may have meant', async () => {
    const r = await run('[serve]\nprot = 7100\n');
    expect(r.code).toBe(2);
    expect(line(r.err)).toBe('accord: FILE: unknown key serve.prot (did you mean serve.port?)\n');
    expect(line((await run('datbase = "x"\n')).err)).toBe('accord: FILE: unknown key datbase\n');
  });

  it('a value of the wrong type or out of range, every one at once', async () => {
    const r = await run('db = 3\n[serve]\nport = 70000\nlog_level = "loud"\nmetrics = "yes"\n');
    expect(r.code).toBe(2);
    expect(line(r.err)).toBe(
      'accord: FILE: db must be a string; serve.port must be <= 65535; serve.log_level must be one of fatal, error, warn, info, debug, trace, silent; serve.metrics must be a boolean\n',
    );
    expect(line((await run('serve = 1\n')).err)).toBe('accord: FILE: serve must be a table\n');
  });

  it('TOML that does not parse: where it broke', async () => {
    const r = await run('db = "a"\nport = = 1\n[serve]\n');
    expect(r.code).toBe(2);
    expect(line(r.err)).toMatch(/^accord: FILE:2:\d+: \S.*\n$/);
  });

  it('a file that cannot be read, and variables of the wrong type', async () => {
    const missing = await accord(['org', 'list', '--config', join(dir, 'nope.toml')]);
    expect(missing).toEqual({
      code: 2,
      out: '',
      err: `accord: ${join(dir, 'nope.toml')}: cannot read the configuration file (ENOENT)\n`,
    });
    const port = await accord(['serve', '--db', join(dir, 'x.db')], '', { ACCORD_PORT: 'eighty' });
    expect(port).toEqual({ code: 2, out: '', err: 'accord: $ACCORD_PORT: "eighty" is not a whole number\n' });
    const level = await accord(['serve'], '', { ACCORD_LOG_LEVEL: 'loud' });
    expect(level.err).toBe(
      'accord: $ACCORD_LOG_LEVEL: "loud" is not one of fatal, error, warn, info, debug, trace, silent\n',
    );
    expect((await accord(['serve', '--log-level', 'loud'])).err).toBe(
      'accord: --log-level loud: use one of fatal, error, warn, info, debug, trace, silent\n',
    );
  });
});

describe('docs/reference/configuration.md', () => {
  it('lists every setting with its key, option and variable', () => {
    const page = readFileSync('docs/reference/configuration.md', 'utf8');
    for (const s of SETTINGS) {
      const row = page.split('\n').find((l) => l.startsWith(`| \`${s.key}\` |`));
      expect(row, s.key).toBeDefined();
      expect(row).toContain(`\`${s.env}\``);
      expect(row).toContain(s.flag);
      if (s.default !== undefined) expect(row).toContain(`\`${s.default}\``);
    }
  });
});
