/** The web console's use cases (issue 17): sessions, search, object pages; each read through policy. */
export {
  type AdvisoryView,
  getAdvisory,
  getAdvisoryReleases,
  listAdvisories,
  NO_SUCH_ADVISORY,
  signAdvisory,
} from './advisories.js';
export { attributionClaim, type ClaimDetail, NO_SUCH_CLAIM } from './attribution-claim.js';
export { attributionMatrix, confidenceLabel, type Matrix, type MatrixCell } from './attribution-matrix.js';
export { auditPage } from './audit-page.js';
export { explainAccess, type OrganisationAccess } from './explain-access.js';
export { type Home, homePage } from './home.js';
export { lookupValues, MAX_LOOKUP_VALUES, type ValueLookupResult } from './lookup-values.js';
export { newerEntry, newestVisible, readableCollections } from './newest-visible.js';
export {
  MAX_LINKS,
  objectRelationships,
  objectSightings,
  type RelationshipItem,
  type SightingItem,
} from './object-links.js';
export {
  authorOf,
  markingNames,
  NO_SUCH_OBJECT,
  type ObjectPage,
  objectPage,
  visibleObject,
  visibleVersions,
} from './object-page.js';
export { type ObjectSummary, summaryOf, type TlpText, tlpText } from './object-summary.js';
export { type SearchInput, type SearchPage, type SearchResult, searchObjects } from './search-objects.js';
export { testPeerAs } from './test-peer-as.js';
export {
  DEFAULT_SESSION_LIFETIMES,
  type OpenedSession,
  type SessionLifetimes,
  type WebSession,
  WebSessions,
} from './web-sessions.js';
