/**
 * The change-bus port (issue 18): how the processes of one node hint at each other that
 * something committed. Publishing never fails and never waits for the other processes; a
 * subscriber hears its own process's notices at once and the others' when they arrive.
 */
import type { ChangeNotice } from './change-notice.js';

/** Where a notice came from: this process, or another one sharing the store. */
export type NoticeSource = 'self' | 'peer';

/** Called for each notice; must not throw (it is a hint: log and go on). */
export type NoticeListener = (notice: ChangeNotice, source: NoticeSource) => void;

/** The bus between the processes of one node. */
export interface ChangeBus {
  /** Tells every process (this one included) of a committed change; resolves once handed on or dropped. */
  publish(notice: ChangeNotice): Promise<void>;
  /** Listens until the returned function is called. */
  subscribe(listener: NoticeListener): () => void;
  /** Stops listening and closes the connection, if any. */
  close(): Promise<void>;
}

/** The subscribers of one bus: delivery isolates them from each other's exceptions. */
export class Listeners {
  readonly #all = new Set<NoticeListener>();

  add(listener: NoticeListener): () => void {
    // A wrapper, so that one function subscribed twice is two subscriptions.
    const entry: NoticeListener = (n, s) => listener(n, s);
    this.#all.add(entry);
    return () => {
      this.#all.delete(entry);
    };
  }

  deliver(notice: ChangeNotice, source: NoticeSource): void {
    for (const listener of this.#all) {
      try {
        listener(notice, source);
      } catch {
        // A listener's failure must not keep the notice from the others.
      }
    }
  }

  clear(): void {
    this.#all.clear();
  }
}
