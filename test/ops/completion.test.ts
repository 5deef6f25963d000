/**
 * Issue 20: `accord completion bash|zsh|fish` prints a script generated from the command table,
 * so every command, subcommand and option the CLI has is offered. The bash script is run by a
 * real bash as the completion system would; zsh and fish are checked for what they offer.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/cli/commands.js';
import { accord } from './support/run-accord.js';

/** Runs the bash script's completion function on a command line ending at the cursor. */
function completeInBash(script: string, line: string): string[] {
  const words = line.split(' ');
  const r = spawnSync(
    'bash',
    [
      '-c',
      `${script}\nCOMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _accord; printf '%s\\n' "\${COMPREPLY[@]}"`,
    ],
    { encoding: 'utf8' },
  );
  expect(r.stderr).toBe('');
  return r.stdout.split('\n').filter(Boolean);
}

describe('accord completion', () => {
  it('bash: completes commands, subcommands and the options of the command named so far', async () => {
    const r = await accord(['completion', 'bash']);
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(completeInBash(r.out, 'accord ')).toEqual([...COMMANDS.map((c) => c.name)]);
    expect(completeInBash(r.out, 'accord co')).toEqual(['collection', 'completion']);
    expect(completeInBash(r.out, 'accord org ')).toEqual(['add', 'list', 'show', 'remove']);
    expect(completeInBash(r.out, 'accord org remove --')).toEqual(['--force', '--json', '--db', '--help']);
    expect(completeInBash(r.out, 'accord import a.json --col')).toEqual(['--collection']);
    expect(completeInBash(r.out, 'accord --debug collection show --j')).toEqual(['--json']);
  });

  it('zsh loads the same completion through bashcompinit', async () => {
    const [bash, zsh] = await Promise.all([accord(['completion', 'bash']), accord(['completion', 'zsh'])]);
    expect(zsh.code).toBe(0);
    expect(zsh.out.startsWith('#compdef accord\n')).toBe(true);
    expect(zsh.out).toContain('bashcompinit');
    expect(zsh.out.endsWith(bash.out)).toBe(true);
  });

  it('fish: one complete line per subcommand and option, with descriptions quoted', async () => {
    const r = await accord(['completion', 'fish']);
    expect(r.code).toBe(0);
    const lines = r.out.split('\n');
    expect(lines).toContain(
      "complete -c accord -n '__fish_use_subcommand' -f -a org -d 'partner organisations'",
    );
    expect(
      lines.some((l) =>
        l.startsWith(
          "complete -c accord -n '__fish_seen_subcommand_from org; and not __fish_seen_subcommand_from add list show remove' -f -a remove -d ",
        ),
      ),
    ).toBe(true);
    expect(
      lines.some((l) =>
        l.startsWith(
          "complete -c accord -n '__fish_seen_subcommand_from org; and __fish_seen_subcommand_from remove' -l force -d ",
        ),
      ),
    ).toBe(true);
    expect(lines.some((l) => l.includes("__fish_seen_subcommand_from import' -l collection -r -d "))).toBe(
      true,
    );
    // Every line is a complete command: quotes balanced once \' escapes are taken out.
    for (const l of lines.filter((x) => x.startsWith('complete')))
      expect(l.replace(/\\'/g, '').split("'").length % 2).toBe(1);
  });

  it('an unknown shell is usage: one line, exit 2', async () => {
    expect(await accord(['completion', 'tcsh'])).toEqual({
      code: 2,
      out: '',
      err: 'accord: no completion for shell tcsh; use bash, zsh or fish\n',
    });
  });
});

describe('usage mistakes are named as such (issue 20)', () => {
  it('a mistyped option is unknown, with the closest option, even when a required option is missing', async () => {
    expect(await accord(['import', 'a.json', '--colection', 'x', '--as', 'alice'])).toEqual({
      code: 2,
      out: '',
      err: "accord: unknown option '--colection' (did you mean --collection?)\n",
    });
    expect((await accord(['org', 'list', '--jsn'])).err).toBe(
      "accord: unknown option '--jsn' (did you mean --json?)\n",
    );
    expect((await accord(['user', 'add', 'bob', '--org=x', '--zzzzzzzz'])).err).toBe(
      "accord: unknown option '--zzzzzzzz'\n",
    );
  });

  it("commander's own usage errors are one accord: line too", async () => {
    expect(await accord(['orgg', 'list'])).toEqual({
      code: 2,
      out: '',
      err: "accord: unknown command 'orgg' (did you mean org?)\n",
    });
    expect(await accord(['org', 'add'])).toEqual({
      code: 2,
      out: '',
      err: "accord: missing required argument 'id'\n",
    });
    expect(await accord(['collection', 'add', '--db', 'x.db'])).toEqual({
      code: 2,
      out: '',
      err: "accord: required option '--title <title>' not specified\n",
    });
  });

  it('option values and help requests are not taken for options', async () => {
    const r = await accord(['import', '--help']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Usage: accord import');
  });
});
