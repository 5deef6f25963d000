/** TAXII 2.1 media types (section 1.6.8) and their recognition in response headers. */

/** The TAXII 2.1 media type with its version parameter (section 1.6.8.2); sent as Accept and Content-Type. */
export const TAXII_MEDIA_TYPE = 'application/taxii+json;version=2.1';

/** The STIX 2.1 media type, as collections list it in `media_types`. */
export const STIX_MEDIA_TYPE = 'application/stix+json;version=2.1';

/**
 * Whether a response Content-Type is acceptable TAXII 2.1 JSON: `application/taxii+json` with
 * version 2.1 or no version parameter ("latest the server supports", section 1.6.8.2). Plain
 * `application/json` is tolerated because some servers send it for error resources.
 */
export function isTaxiiJson(contentType: string | null): boolean {
  if (contentType === null) return false;
  const [essence = '', ...params] = contentType.split(';').map((p) => p.trim().toLowerCase());
  if (essence === 'application/json') return true;
  if (essence !== 'application/taxii+json') return false;
  const version = params.find((p) => p.startsWith('version='))?.slice('version='.length);
  return version === undefined || version === '2.1' || version === '"2.1"';
}
