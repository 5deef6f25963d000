/** Follows TAXII 2.1 pagination (section 3.5): `next` when given, else `added_after` = X-TAXII-Date-Added-Last. */
import { TaxiiClientError } from './errors.js';
import type { DateAddedRange, ObjectFilter } from './types.js';

/** What a page must tell about its successor. */
export interface PageLike extends DateAddedRange {
  readonly more: boolean;
  readonly next?: string;
}

/**
 * Yields every page of a query in order, starting with `filter`, following `more`/`next`. A
 * server that says `more` but gives no way forward, or repeats a position, ends the iteration
 * with TAXII_CLIENT_BAD_RESPONSE rather than looping for ever.
 */
export async function* paginate<P extends PageLike>(
  fetchPage: (filter: ObjectFilter) => Promise<P>,
  filter: ObjectFilter = {},
): AsyncGenerator<P, void, undefined> {
  let current = filter;
  const seen = new Set<string>();
  for (;;) {
    const page = await fetchPage(current);
    yield page;
    if (!page.more) return;
    // Section 3.5: same original query options, plus `next`, or else `added_after` from the header.
    let position: string;
    if (page.next !== undefined && page.next !== '') {
      current = { ...filter, next: page.next };
      position = `next:${page.next}`;
    } else if (page.dateAddedLast !== undefined) {
      const { next: _unused, ...rest } = filter;
      current = { ...rest, addedAfter: page.dateAddedLast };
      position = `after:${page.dateAddedLast}`;
    } else {
      throw new TaxiiClientError(
        'TAXII_CLIENT_BAD_RESPONSE',
        'the server said more=true but sent neither next nor X-TAXII-Date-Added-Last',
      );
    }
    if (seen.has(position)) {
      throw new TaxiiClientError('TAXII_CLIENT_BAD_RESPONSE', `pagination does not advance (${position})`);
    }
    seen.add(position);
  }
}
