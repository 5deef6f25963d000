/**
 * How the console names an object in lists, graphs and search results: its `name`, else a
 * type-specific label (an indicator's pattern, an observable's value), its TLP as text, and its
 * version. Built from what the reader sees (a redacted name stays redacted).
 */
import { tlpOf } from '../../stix/index.js';

/** A TLP 2.0 label as text (TLP 1.0 WHITE reads as TLP:CLEAR). */
export type TlpText = 'TLP:CLEAR' | 'TLP:GREEN' | 'TLP:AMBER' | 'TLP:AMBER+STRICT' | 'TLP:RED';

/** An object in lists: enough to name it and link to it (api-types.ts ObjectSummary). */
export interface ObjectSummary {
  readonly id: string;
  readonly type: string;
  readonly name: string;
  readonly tlp: TlpText | null;
  readonly modified: string | null;
}

type Json = Readonly<Record<string, unknown>>;

const LABEL_PROPERTIES = ['name', 'value', 'pattern', 'path', 'key', 'display_name', 'title', 'subject'];
const MAX_LABEL = 300;

/** The TLP of an object's object_marking_refs, most restrictive first when several. */
export function tlpText(object: Json): TlpText | null {
  const refs = object.object_marking_refs;
  if (!Array.isArray(refs)) return null;
  const order: readonly TlpText[] = ['TLP:RED', 'TLP:AMBER+STRICT', 'TLP:AMBER', 'TLP:GREEN', 'TLP:CLEAR'];
  let best: TlpText | null = null;
  for (const ref of refs) {
    const tlp = typeof ref === 'string' ? tlpOf(ref) : undefined;
    if (tlp === undefined) continue;
    const text = (tlp.level === 'white' ? 'TLP:CLEAR' : `TLP:${tlp.level.toUpperCase()}`) as TlpText;
    if (best === null || order.indexOf(text) < order.indexOf(best)) best = text;
  }
  return best;
}

/** The summary of an object as the reader sees it. */
export function summaryOf(object: Json): ObjectSummary {
  const id = typeof object.id === 'string' ? object.id : '';
  let label = id;
  for (const p of LABEL_PROPERTIES) {
    const v = object[p];
    if (typeof v === 'string' && v.length > 0) {
      label = v.length > MAX_LABEL ? `${v.slice(0, MAX_LABEL - 1)}…` : v;
      break;
    }
  }
  const modified = object.modified ?? object.created;
  return {
    id,
    type: typeof object.type === 'string' ? object.type : '',
    name: label,
    tlp: tlpText(object),
    modified: typeof modified === 'string' ? modified : null,
  };
}
