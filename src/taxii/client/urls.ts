/** URL rules of the client: absolute http(s), TLS for anything but loopback, TAXII path building. */
import { TaxiiClientError } from './errors.js';
import type { ObjectFilter } from './types.js';

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

/** Throws TAXII_CLIENT_BAD_URL unless `url` is https, or http to loopback (or `allowInsecureHttp`). */
export function checkUrl(url: string, allowInsecureHttp: boolean): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new TaxiiClientError('TAXII_CLIENT_BAD_URL', `not an absolute URL: ${JSON.stringify(url)}`);
  }
  if (parsed.protocol === 'https:') return;
  if (parsed.protocol !== 'http:') {
    throw new TaxiiClientError('TAXII_CLIENT_BAD_URL', `${url}: only http(s) URLs are supported`);
  }
  if (!allowInsecureHttp && !LOOPBACK.test(parsed.hostname)) {
    throw new TaxiiClientError(
      'TAXII_CLIENT_BAD_URL',
      `${url}: plain HTTP would expose credentials; use https (or allowInsecureHttp)`,
    );
  }
}

/** The URL with exactly one trailing slash (TAXII 2.1 URLs end in `/`, section 1.6.3). */
export function withSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}

/** `{apiRoot}/collections/{id}/…` with each path segment percent-encoded. */
export function collectionUrl(apiRoot: string, collectionId: string, ...rest: string[]): string {
  const parts = ['collections', collectionId, ...rest].map(encodeURIComponent);
  return `${withSlash(apiRoot)}${parts.join('/')}/`;
}

/** Appends the section 3.4 filter parameters (comma lists for match fields) to a URL. */
export function withFilter(url: string, filter: ObjectFilter = {}): string {
  const params = new URLSearchParams();
  if (filter.addedAfter !== undefined) params.set('added_after', filter.addedAfter);
  if (filter.limit !== undefined) params.set('limit', String(filter.limit));
  if (filter.next !== undefined) params.set('next', filter.next);
  const match: [string, readonly string[] | undefined][] = [
    ['id', filter.ids],
    ['type', filter.types],
    ['version', filter.versions],
    ['spec_version', filter.specVersions],
  ];
  for (const [field, values] of match) {
    if (values !== undefined && values.length > 0) params.set(`match[${field}]`, values.join(','));
  }
  const query = params.toString();
  return query === '' ? url : `${url}?${query}`;
}
