/** Runs `accord import` / `accord export` in-process on a fixture's store, as the CLI would. */
import type { Store } from '../../../src/store/index.js';
import { runAccord } from '../../support/run-accord.js';

/** What a command printed and its exit status. */
export interface CliRun {
  readonly out: string;
  readonly err: string;
  readonly code: number;
}

/** The store as a command sees it: the command closes it when done, the test keeps it open. */
function borrowed(store: Store): Store {
  return new Proxy(store, {
    get(target, key) {
      if (key === 'close') return async () => {};
      const value = Reflect.get(target, key, target) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** Runs one command (`import …` or `export …`) with `store` as its database. */
export function runCli(store: Store, args: readonly string[], input = ''): Promise<CliRun> {
  return runAccord(args, async () => borrowed(store), input);
}
