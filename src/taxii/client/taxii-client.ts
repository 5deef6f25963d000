/**
 * A TAXII 2.1 client (sections 4 and 5): discovery, API roots, collections, objects with
 * envelopes and pagination, add objects and status polling, manifests, versions, object GET and
 * DELETE. Every method returns the spec's resources, typed, or throws TaxiiClientError.
 */
import { TaxiiClientError } from './errors.js';
import { type PageLike, paginate } from './paginate.js';
import {
  parseApiRoot,
  parseCollection,
  parseCollections,
  parseDiscovery,
  parseEnvelope,
  parseManifest,
  parseStatus,
  parseVersions,
} from './parse-resources.js';
import { sleep } from './retry-policy.js';
import { HttpTransport, type TaxiiResponse, type TransportOptions } from './transport.js';
import type {
  ApiRootInfo,
  CollectionInfo,
  DateAddedRange,
  Discovery,
  EnvelopePage,
  ManifestPage,
  ObjectFilter,
  TaxiiObject,
  TaxiiStatus,
  VersionsPage,
} from './types.js';
import { collectionUrl, withFilter, withSlash } from './urls.js';

/** Client settings: those of the transport (auth, timeouts, retries, TLS). */
export type TaxiiClientOptions = TransportOptions;

/** Per-call options. */
export interface CallOptions {
  readonly signal?: AbortSignal;
}

/** How waitForStatus polls (section 4.3). */
export interface StatusWaitOptions extends CallOptions {
  /** Between polls, in ms (default 500). */
  readonly intervalMs?: number;
  /** Give up after, in ms (default 60,000), with TAXII_CLIENT_STATUS_PENDING. */
  readonly timeoutMs?: number;
}

function dates(res: TaxiiResponse): DateAddedRange {
  const first = res.headers.get('x-taxii-date-added-first');
  const last = res.headers.get('x-taxii-date-added-last');
  return { ...(first ? { dateAddedFirst: first } : {}), ...(last ? { dateAddedLast: last } : {}) };
}

/** A TAXII 2.1 client bound to one set of credentials; URLs are passed per call. */
export class TaxiiClient {
  readonly #http: HttpTransport;

  constructor(opts: TaxiiClientOptions = {}) {
    this.#http = new HttpTransport(opts);
  }

  /** GET the discovery resource (section 4.1); API root URLs come back absolute. */
  async discover(url: string, o: CallOptions = {}): Promise<Discovery> {
    const res = await this.#http.request('GET', withSlash(url), o);
    return parseDiscovery(res.body, withSlash(url));
  }

  /**
   * The API root URL a peer URL designates: the URL itself when it is an API root, else the
   * discovery resource's `default`, else its only API root.
   */
  async resolveApiRoot(url: string, o: CallOptions = {}): Promise<string> {
    const res = await this.#http.request('GET', withSlash(url), o);
    const body = res.body as Record<string, unknown> | undefined;
    if (body && Array.isArray(body.versions) && !('api_roots' in body)) return withSlash(url);
    const discovery = parseDiscovery(body, withSlash(url));
    const chosen =
      discovery.default ?? (discovery.api_roots.length === 1 ? discovery.api_roots[0] : undefined);
    if (chosen === undefined) {
      throw new TaxiiClientError(
        'TAXII_CLIENT_NO_API_ROOT',
        `${url}: the discovery resource has ${discovery.api_roots.length} API roots and no default; give an API root URL`,
      );
    }
    return withSlash(chosen);
  }

  /** GET an API root's information (section 4.2). */
  async apiRoot(apiRoot: string, o: CallOptions = {}): Promise<ApiRootInfo> {
    return parseApiRoot((await this.#http.request('GET', withSlash(apiRoot), o)).body);
  }

  /** GET the collections of an API root (section 5.1). */
  async collections(apiRoot: string, o: CallOptions = {}): Promise<readonly CollectionInfo[]> {
    return parseCollections((await this.#http.request('GET', `${withSlash(apiRoot)}collections/`, o)).body);
  }

  /** GET one collection (section 5.2). */
  async collection(apiRoot: string, id: string, o: CallOptions = {}): Promise<CollectionInfo> {
    return parseCollection((await this.#http.request('GET', collectionUrl(apiRoot, id), o)).body);
  }

  /** GET one page of objects (section 5.4). */
  async getObjects(
    apiRoot: string,
    id: string,
    filter: ObjectFilter = {},
    o: CallOptions = {},
  ): Promise<EnvelopePage> {
    const res = await this.#http.request('GET', withFilter(collectionUrl(apiRoot, id, 'objects'), filter), o);
    const page = parseEnvelope(res.body ?? {}, dates(res));
    return res.duplicateKeys === undefined ? page : { ...page, duplicateKeys: res.duplicateKeys };
  }

  /** Every page of objects matching `filter`, following more/next (sections 3.5, 5.4). */
  objectPages(
    apiRoot: string,
    id: string,
    filter: ObjectFilter = {},
    o: CallOptions = {},
  ): AsyncGenerator<EnvelopePage> {
    return paginate((f) => this.getObjects(apiRoot, id, f, o), filter);
  }

  /** Every object matching `filter`, one at a time, across pages. */
  async *objects(
    apiRoot: string,
    id: string,
    filter: ObjectFilter = {},
    o: CallOptions = {},
  ): AsyncGenerator<TaxiiObject> {
    for await (const page of this.objectPages(apiRoot, id, filter, o)) yield* page.objects;
  }

  /** POST objects in an envelope (section 5.5); returns the status resource (often already complete). */
  async addObjects(
    apiRoot: string,
    id: string,
    objects: readonly TaxiiObject[],
    o: CallOptions = {},
  ): Promise<TaxiiStatus> {
    const res = await this.#http.request('POST', collectionUrl(apiRoot, id, 'objects'), {
      ...o,
      body: { objects },
    });
    return parseStatus(res.body);
  }

  /** GET a status resource (section 4.3). */
  async getStatus(apiRoot: string, statusId: string, o: CallOptions = {}): Promise<TaxiiStatus> {
    const url = `${withSlash(apiRoot)}status/${encodeURIComponent(statusId)}/`;
    return parseStatus((await this.#http.request('GET', url, o)).body);
  }

  /** Polls a status until `complete` (section 4.3), or throws TAXII_CLIENT_STATUS_PENDING. */
  async waitForStatus(apiRoot: string, status: TaxiiStatus, o: StatusWaitOptions = {}): Promise<TaxiiStatus> {
    const deadline = Date.now() + (o.timeoutMs ?? 60_000);
    let current = status;
    while (current.status !== 'complete') {
      if (Date.now() >= deadline) {
        throw new TaxiiClientError('TAXII_CLIENT_STATUS_PENDING', `status ${status.id} still pending`, {
          url: apiRoot,
        });
      }
      try {
        await sleep(o.intervalMs ?? 500, o.signal);
      } catch (cause) {
        throw new TaxiiClientError('TAXII_CLIENT_ABORTED', `waiting for status ${status.id}: aborted`, {
          cause,
        });
      }
      current = await this.getStatus(apiRoot, status.id, o);
    }
    return current;
  }

  /** GET one page of the manifest (section 5.3). */
  async getManifest(
    apiRoot: string,
    id: string,
    filter: ObjectFilter = {},
    o: CallOptions = {},
  ): Promise<ManifestPage> {
    const res = await this.#http.request(
      'GET',
      withFilter(collectionUrl(apiRoot, id, 'manifest'), filter),
      o,
    );
    return parseManifest(res.body ?? {}, dates(res));
  }

  /** Every manifest page matching `filter`, following more/next. */
  manifestPages(
    apiRoot: string,
    id: string,
    filter: ObjectFilter = {},
    o: CallOptions = {},
  ): AsyncGenerator<ManifestPage> {
    return paginate((f) => this.getManifest(apiRoot, id, f, o), filter);
  }

  /** GET an object's versions as an envelope (section 5.6); `filter.versions` selects which. */
  async getObject(
    apiRoot: string,
    id: string,
    objectId: string,
    filter: ObjectFilter = {},
    o: CallOptions = {},
  ): Promise<EnvelopePage> {
    const res = await this.#http.request(
      'GET',
      withFilter(collectionUrl(apiRoot, id, 'objects', objectId), filter),
      o,
    );
    return parseEnvelope(res.body ?? {}, dates(res));
  }

  /** DELETE an object, or the versions `filter.versions` names (section 5.7). */
  async deleteObject(
    apiRoot: string,
    id: string,
    objectId: string,
    filter: Pick<ObjectFilter, 'versions' | 'specVersions'> = {},
    o: CallOptions = {},
  ): Promise<void> {
    await this.#http.request(
      'DELETE',
      withFilter(collectionUrl(apiRoot, id, 'objects', objectId), filter),
      o,
    );
  }

  /** GET one page of an object's versions (section 5.8). */
  async getVersions(
    apiRoot: string,
    id: string,
    objectId: string,
    filter: ObjectFilter = {},
    o: CallOptions = {},
  ): Promise<VersionsPage> {
    const url = withFilter(collectionUrl(apiRoot, id, 'objects', objectId, 'versions'), filter);
    const res = await this.#http.request('GET', url, o);
    return parseVersions(res.body ?? {}, dates(res));
  }

  /** Every page of an object's versions, following more/next. */
  versionPages(
    apiRoot: string,
    id: string,
    objectId: string,
    filter: ObjectFilter = {},
    o: CallOptions = {},
  ): AsyncGenerator<VersionsPage> {
    return paginate<VersionsPage & PageLike>((f) => this.getVersions(apiRoot, id, objectId, f, o), filter);
  }
}
