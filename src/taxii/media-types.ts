/**
 * TAXII 2.1 media types and content negotiation (sections 1.6.8, 3.1): `application/taxii+json`
 * and, for STIX content, `application/stix+json`, each with an optional `version=2.1` parameter.
 */

/** The media type of every TAXII 2.1 resource. */
export const TAXII_MEDIA_TYPE = 'application/taxii+json;version=2.1';
/** The media type of STIX 2.1 content. */
export const STIX_MEDIA_TYPE = 'application/stix+json;version=2.1';

/** One parsed media range of an Accept or Content-Type header. */
export interface MediaRange {
  readonly type: string;
  readonly subtype: string;
  readonly params: Readonly<Record<string, string>>;
  readonly q: number;
}

/** Parses one media type with parameters (`type/subtype;a=b`); undefined when malformed. */
export function parseMediaType(text: string): MediaRange | undefined {
  const [essence = '', ...rawParams] = text.split(';');
  const slash = essence.indexOf('/');
  if (slash <= 0 || slash === essence.length - 1) return undefined;
  const params: Record<string, string> = {};
  let q = 1;
  for (const raw of rawParams) {
    const eq = raw.indexOf('=');
    if (eq <= 0) continue;
    const name = raw.slice(0, eq).trim().toLowerCase();
    const value = raw
      .slice(eq + 1)
      .trim()
      .replace(/^"(.*)"$/, '$1');
    if (name === 'q') q = Number(value);
    else params[name] = value;
  }
  return {
    type: essence.slice(0, slash).trim().toLowerCase(),
    subtype: essence
      .slice(slash + 1)
      .trim()
      .toLowerCase(),
    params,
    q: Number.isFinite(q) ? q : 0,
  };
}

/** Parses an Accept header into its media ranges (order kept). */
export function parseAccept(header: string): MediaRange[] {
  return header
    .split(',')
    .map((part) => parseMediaType(part.trim()))
    .filter((r): r is MediaRange => r !== undefined);
}

/** True when a range names `subtype` (taxii+json or stix+json) with no version or version 2.1. */
function isVersion21(range: MediaRange, subtype: string): boolean {
  const version = range.params.version;
  return (
    range.type === 'application' && range.subtype === subtype && (version === undefined || version === '2.1')
  );
}

/**
 * The response media type for an Accept header, or undefined when nothing acceptable is asked for
 * (406). TAXII requests MUST include a TAXII media range (section 3.1); `stix+json` is also
 * accepted where an endpoint returns STIX content (`allowStix`).
 */
export function negotiate(accept: string | undefined, allowStix: boolean): string | undefined {
  if (accept === undefined) return undefined;
  const ranges = parseAccept(accept)
    .filter((r) => r.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const range of ranges) {
    if (isVersion21(range, 'taxii+json')) return TAXII_MEDIA_TYPE;
    if (allowStix && isVersion21(range, 'stix+json')) return STIX_MEDIA_TYPE;
  }
  return undefined;
}

/** True when a request Content-Type is a TAXII 2.1 (or STIX 2.1) JSON media type. */
export function isAcceptedContentType(contentType: string | undefined): boolean {
  const range = contentType === undefined ? undefined : parseMediaType(contentType);
  return range !== undefined && (isVersion21(range, 'taxii+json') || isVersion21(range, 'stix+json'));
}
