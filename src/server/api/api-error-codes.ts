/**
 * The JSON API's own error codes, for what the API itself refuses (docs/reference/api.md lists
 * them; a test keeps both equal). Domain errors keep their module's code (`CORE_NOT_FOUND`).
 */
export const API_ERROR_CODES = {
  API_BAD_REQUEST: 'The request is malformed: a bad URL, parameter or body (status as Fastify found it).',
  API_NOT_FOUND: 'No such API resource.',
  API_CROSS_ORIGIN: 'A state-changing request (or a sign-in) came from another origin.',
  API_CSRF:
    "A request authenticated by the session cookie lacked the session's X-CSRF-Token or a same-origin Origin.",
  API_UNSUPPORTED_MEDIA_TYPE: 'The body is not of the media type the route accepts (application/json).',
  API_INTERNAL: 'The server failed; the log has the details.',
} as const;

/** One of the codes of API_ERROR_CODES. */
export type ApiErrorCode = keyof typeof API_ERROR_CODES;
