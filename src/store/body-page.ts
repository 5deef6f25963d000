/** The backend-independent half of Store.queryObjectsBody: a page collected row by row, as a body page. */

import { joinedTexts } from './joined-texts.js';
import type { BodyPage, BodyView } from './objects.js';
import type { CollectedPage } from './page-collector.js';

/** A page collected row by row, as a body page (every item went through the view). */
export function bodyOfCollected<T>(page: CollectedPage<T>, view: BodyView<T>): BodyPage<T> {
  const texts = page.items.map((v) => view.textOf(v));
  const first = page.rows[0];
  const last = page.rows[page.rows.length - 1];
  return {
    body: joinedTexts(texts),
    count: page.items.length,
    more: page.more,
    ...(page.next === undefined ? {} : { next: page.next }),
    ...(first && last ? { firstDateAdded: first.dateAdded, lastDateAdded: last.dateAdded } : {}),
    viewed: page.items,
  };
}
