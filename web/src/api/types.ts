/** The API's shapes, shared with the server (type-only: nothing of the server is bundled). */
export type * from '../../../src/server/api/api-types.js';
