/** The change bus of a node that runs as one process (the default): notices go to its own listeners. */
import { type ChangeBus, Listeners, type NoticeListener } from './change-bus.js';
import type { ChangeNotice } from './change-notice.js';

/** A bus inside one process. */
export class InProcessBus implements ChangeBus {
  readonly #listeners = new Listeners();

  async publish(notice: ChangeNotice): Promise<void> {
    this.#listeners.deliver(notice, 'self');
  }

  subscribe(listener: NoticeListener): () => void {
    return this.#listeners.add(listener);
  }

  async close(): Promise<void> {
    this.#listeners.clear();
  }
}
