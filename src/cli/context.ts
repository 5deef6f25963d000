import type { Readable, Writable } from 'node:stream';
import type { Store } from '../store/index.js';

/** What every command receives from the composition root (cli/main.ts): streams, environment, store factory. */
export interface CliContext {
  readonly stdin: Readable;
  readonly stdout: Writable;
  readonly stderr: Writable;
  readonly env: NodeJS.ProcessEnv;
  /** The folder relative paths and ./accord.toml are taken from (default: the process's). */
  readonly cwd?: string;
  /** The package's version, for `accord --version` (read by the composition root). */
  readonly version?: string;
  /** True when stderr is a terminal (progress bars are drawn only then). */
  readonly interactive: boolean;
  /** Opens (and migrates) the store named by `--db`, `$ACCORD_DB`, or the default path. */
  openStore(db: string | undefined): Promise<Store>;
  /** Sets the process exit status without exiting (output is flushed first). */
  setExitCode(code: number): void;
}
