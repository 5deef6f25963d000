/** A TAXII connection to one peer: a client with the peer's credentials and its resolved API root. */
import type { PeerRecord } from '../store/index.js';
import { type ApiRootInfo, TaxiiClient, type TaxiiClientOptions } from '../taxii/client/index.js';

/** The client, API root URL and API root information of one peer, resolved lazily and cached. */
export class PeerLink {
  readonly client: TaxiiClient;
  readonly #url: string;
  #root: Promise<string> | undefined;
  #info: Promise<ApiRootInfo> | undefined;

  constructor(peer: PeerRecord, options: TaxiiClientOptions = {}) {
    this.client = new TaxiiClient({ ...options, auth: { username: peer.username, password: peer.password } });
    this.#url = peer.url;
  }

  /** The API root URL (the peer URL itself, or the discovery resource's default). */
  apiRoot(signal?: AbortSignal): Promise<string> {
    if (this.#root === undefined) {
      this.#root = this.client.resolveApiRoot(this.#url, signal ? { signal } : {});
      this.#root.catch(() => {
        this.#root = undefined; // resolve again next time
      });
    }
    return this.#root;
  }

  /** The API root's information (`max_content_length` bounds push batches). */
  async apiRootInfo(signal?: AbortSignal): Promise<ApiRootInfo> {
    const root = await this.apiRoot(signal);
    if (this.#info === undefined) {
      this.#info = this.client.apiRoot(root, signal ? { signal } : {});
      this.#info.catch(() => {
        this.#info = undefined;
      });
    }
    return this.#info;
  }
}
