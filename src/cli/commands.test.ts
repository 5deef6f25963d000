import { PassThrough } from 'node:stream';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { buildProgram, commandNameOf } from './build-program.js';
import { COMMANDS } from './commands.js';
import type { CliContext } from './context.js';

function context(): CliContext {
  return {
    stdin: new PassThrough(),
    stdout: new PassThrough(),
    stderr: new PassThrough(),
    env: {},
    interactive: false,
    openStore: () => Promise.reject(new Error('no store in this test')),
    setExitCode: () => {},
  };
}

describe('command registry (issue 14: each command loads only what it uses)', () => {
  it.each(COMMANDS.map((entry) => [entry.name, entry] as const))(
    '%s: its module registers a command of that name and description',
    async (name, entry) => {
      const program = new Command('accord');
      (await entry.load())(program, context());
      const registered = program.commands.filter((c) => c.name() === name);
      expect(registered).toHaveLength(1);
      expect(registered[0]?.description()).toBe(entry.description);
    },
  );

  it('names are unique', () => {
    expect(new Set(COMMANDS.map((e) => e.name)).size).toBe(COMMANDS.length);
  });

  it('finds the command a run names, after global options and `help`', () => {
    expect(commandNameOf(['--debug', 'validate', '--json', 'x.json'])).toBe('validate');
    expect(commandNameOf(['help', 'org'])).toBe('org');
    expect(commandNameOf(['--help'])).toBeUndefined();
    expect(commandNameOf([])).toBeUndefined();
  });

  it('loads only the named command; `accord --help` lists every command with its description', async () => {
    const loaded: string[] = [];
    const entries = COMMANDS.map((e) => ({
      ...e,
      load: () => {
        loaded.push(e.name);
        return e.load();
      },
    }));
    const ctx = context();
    const help = await buildProgram(['--help'], entries, ctx);
    expect(loaded).toEqual([]);
    const listing = help.helpInformation({ error: false }).replace(/\s+/g, ' ');
    for (const entry of COMMANDS) expect(listing).toContain(`${entry.name} ${entry.description}`);

    const program = await buildProgram(['org', 'add', 'acme'], entries, ctx);
    expect(loaded).toEqual(['org']);
    expect(program.commands.find((c) => c.name() === 'org')?.commands.map((c) => c.name())).toContain('add');
  });
});
