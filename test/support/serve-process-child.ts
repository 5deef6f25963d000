/**
 * One `accord serve` child process on loopback, run from the sources (tsx) on a fixed port and
 * database, for tests that start, SIGKILL and restart real processes (federation, scale-out).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const MAIN = join(ROOT, 'src/cli/main.ts');

/** A serve process, started and killed by the test. */
export class ServeChild {
  #child: ChildProcess | undefined;
  #log = '';

  constructor(
    readonly name: string,
    readonly db: string,
    readonly port: number,
    readonly env: Readonly<Record<string, string>> = {},
  ) {}

  /** The last lines it logged (for failure messages). */
  get log(): string {
    return this.#log;
  }

  get running(): boolean {
    return this.#child !== undefined && this.#child.exitCode === null;
  }

  /** Starts `accord serve` and resolves once it prints its URL. */
  async start(): Promise<void> {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', MAIN, 'serve', '--host', '127.0.0.1', '--port', String(this.port), '--db', this.db],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...this.env } },
    );
    this.#child = child;
    child.stderr?.on('data', (d: Buffer) => {
      this.#log = (this.#log + d.toString()).slice(-20_000);
    });
    await new Promise<void>((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error(`${this.name} did not start: ${this.#log}`)), 30_000);
      child.stdout?.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('accord listening on')) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.on('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`${this.name} exited with ${code}: ${this.#log}`));
      });
    });
  }

  /** SIGKILL: no chance to finish a request, a transaction or a notice. */
  async kill(): Promise<void> {
    const child = this.#child;
    this.#child = undefined;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGKILL');
    await exited;
  }
}
