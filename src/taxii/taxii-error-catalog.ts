/** The TAXII module's stable error codes and the HTTP status each is answered with (section 3.6). */
export const TAXII_ERRORS = {
  TAXII_BAD_REQUEST: { status: 400, title: 'Bad request' },
  TAXII_INVALID_PARAMETER: { status: 400, title: 'Malformed query parameter' },
  TAXII_INVALID_JSON: { status: 400, title: 'The request body is not JSON' },
  TAXII_INVALID_UTF8: { status: 400, title: 'The request body is not UTF-8' },
  TAXII_URI_TOO_LONG: { status: 414, title: 'URI too long' },
  TAXII_HEADERS_TOO_LARGE: { status: 431, title: 'Request header fields too large' },
  TAXII_REQUEST_TIMEOUT: { status: 408, title: 'Request timeout' },
  TAXII_NOT_FOUND: { status: 404, title: 'Not found' },
  TAXII_METHOD_NOT_ALLOWED: { status: 405, title: 'Method not allowed' },
  TAXII_NOT_ACCEPTABLE: { status: 406, title: 'Not acceptable' },
  TAXII_CONTENT_TOO_LARGE: { status: 413, title: 'Request body too large' },
  TAXII_TOO_MANY_KEYS: { status: 413, title: 'Envelope has too many keys' },
  TAXII_UNSUPPORTED_MEDIA_TYPE: { status: 415, title: 'Unsupported media type' },
  TAXII_UNPROCESSABLE: { status: 422, title: 'Unprocessable content' },
  TAXII_TOO_DEEP: { status: 422, title: 'Envelope nested too deep' },
  TAXII_INTERNAL: { status: 500, title: 'Internal server error' },
} as const;

/** One of the codes of TAXII_ERRORS. */
export type TaxiiErrorCode = keyof typeof TAXII_ERRORS;
