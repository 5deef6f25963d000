/** Public surface of taxii/: the TAXII 2.1 server plugin, its media types, errors and timestamps. */
export {
  isAcceptedContentType,
  negotiate,
  parseAccept,
  parseMediaType,
  STIX_MEDIA_TYPE,
  TAXII_MEDIA_TYPE,
} from './media-types.js';
export type {
  CollectionAccess,
  ObjectFilters,
  TaxiiBackend,
  TaxiiCaller,
  VisibleEntry,
} from './server/taxii-backend.js';
export {
  errorResource,
  type HttpError,
  type HttpErrorOf,
  sendTaxiiError,
  taxiiHttpError,
} from './server/taxii-error-handler.js';
export { DEFAULT_MAX_CONTENT_LENGTH, type TaxiiPluginOptions, taxiiPlugin } from './server/taxii-plugin.js';
export { type ErrorResource, TaxiiError } from './taxii-error.js';
export { TAXII_ERRORS, type TaxiiErrorCode } from './taxii-error-catalog.js';
