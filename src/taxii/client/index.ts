/** Public surface of the TAXII 2.1 client (`accord/taxii`), usable without the rest of Accord. */
export {
  TAXII_CLIENT_ERRORS,
  TaxiiClientError,
  type TaxiiClientErrorCode,
  type TaxiiErrorResource,
} from './errors.js';
export { isTaxiiJson, STIX_MEDIA_TYPE, TAXII_MEDIA_TYPE } from './media-types.js';
export { type PageLike, paginate } from './paginate.js';
export type { RetryOptions } from './retry-policy.js';
export {
  type CallOptions,
  type StatusWaitOptions,
  TaxiiClient,
  type TaxiiClientOptions,
} from './taxii-client.js';
export { dispatcherTrusting } from './tls-dispatcher.js';
export type { RetryNotice, TaxiiAuth, TransportOptions } from './transport.js';
export type * from './types.js';
export { checkUrl } from './urls.js';
