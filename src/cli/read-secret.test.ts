import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { CliContext } from './context.js';
import { readSecret } from './read-secret.js';

/** A terminal stand-in: raw mode is recorded, keys are typed into it. */
function terminal() {
  const input = new PassThrough() as PassThrough & {
    isTTY: boolean;
    setRawMode: (raw: boolean) => void;
    raw: boolean[];
  };
  input.isTTY = true;
  input.raw = [];
  input.setRawMode = (raw) => void input.raw.push(raw);
  return input;
}

function context(stdin: Readable, env: Record<string, string> = {}) {
  let written = '';
  const stderr = new PassThrough();
  stderr.on('data', (c: Buffer) => {
    written += c.toString();
  });
  const ctx = { stdin, stderr, stdout: new PassThrough(), env, interactive: true } as unknown as CliContext;
  return { ctx, written: () => written };
}

const sources = { envVar: 'ACCORD_PASSWORD', prompt: 'Password: ' };

describe('readSecret', () => {
  it('at a terminal asks without echo (raw mode), with backspace, and asks twice for a new password', async () => {
    const tty = terminal();
    const { ctx, written } = context(tty);
    const secret = readSecret(ctx, { ...sources, confirm: true });
    tty.write('correct horsf\u007fe\r');
    await new Promise((r) => setImmediate(r));
    tty.write('correct horse\r');
    expect(await secret).toBe('correct horse');
    expect(written()).toBe('Password: \nAgain: \n');
    expect(tty.raw).toEqual([true, false, true, false]);
  });

  it('refuses two different answers, and Ctrl-C', async () => {
    const tty = terminal();
    const { ctx } = context(tty);
    const differ = readSecret(ctx, { ...sources, confirm: true });
    tty.write('one password\r');
    await new Promise((r) => setImmediate(r));
    tty.write('another one\r');
    await expect(differ).rejects.toThrow('the two passwords differ');
    const interrupted = readSecret(ctx, sources);
    tty.write('abc\u0003');
    await expect(interrupted).rejects.toThrow('no password given');
  });

  it('prefers the flag, then --password-stdin, then the environment', async () => {
    expect(await readSecret(context(Readable.from([])).ctx, { ...sources, flag: 'from flag' })).toBe(
      'from flag',
    );
    expect(
      await readSecret(
        context(Readable.from([Buffer.from('from stdin\r\n')]), { ACCORD_PASSWORD: 'x' }).ctx,
        {
          ...sources,
          stdin: true,
        },
      ),
    ).toBe('from stdin');
    expect(await readSecret(context(Readable.from([]), { ACCORD_PASSWORD: 'from env' }).ctx, sources)).toBe(
      'from env',
    );
  });

  it('reads stdin that is not a terminal when asked to, and refuses bytes that are not UTF-8', async () => {
    const piped = Readable.from([Buffer.from('piped secret\n')]);
    expect(await readSecret(context(piped).ctx, { ...sources, stdinUnlessTerminal: true })).toBe(
      'piped secret',
    );
    const bad = Readable.from([Buffer.from([0x70, 0xc0, 0xaf, 0x0a])]);
    await expect(readSecret(context(bad).ctx, { ...sources, stdin: true })).rejects.toThrow(/not UTF-8/);
  });
});
