/** Public surface of core/: the use cases the CLI and the server share. */
export { Authenticator, type AuthenticatorOptions } from './accounts/authenticator.js';
export { newToken, parseToken } from './accounts/bearer-token.js';
export type { Caller } from './accounts/caller.js';
export {
  DEFAULT_THROTTLE,
  LoginLimiter,
  type LoginLimiterOptions,
  type ThrottleRule,
} from './accounts/login-limiter.js';
export { type HashParams, hashSecret, verifySecret } from './accounts/password-hash.js';
export {
  type AddCollectionInput,
  addCollection,
  COLLECTION_MEDIA_TYPES,
  parseOrgList,
} from './admin/add-collection.js';
export { type AddOrganizationInput, addOrganization, identityObject } from './admin/add-organization.js';
export { type AddUserInput, addUser, checkPassword, MIN_PASSWORD_LENGTH } from './admin/add-user.js';
export { backupNode, restoreNode } from './admin/backup-restore.js';
export {
  type AccessChange,
  type CollectionAudience,
  collectionAudience,
  grantCollectionAccess,
  revokeCollectionAccess,
} from './admin/collection-grants.js';
export { type CollectionInfo, collectionInfo, listCollections } from './admin/list-collections.js';
export { listOrganizations, type OrganizationInfo } from './admin/list-organizations.js';
export {
  type EmbargoInfo,
  listEmbargoes,
  listSharingGroups,
  type SharingGroupInfo,
} from './admin/list-sharing-markings.js';
export { type NodeReadings, nodeReadings, requireMetricsViewer } from './admin/node-readings.js';
export { removePeer, testPeer } from './admin/peer-admin.js';
export { removeCollection, removeOrganization, removeUser } from './admin/remove-records.js';
export { type SharingGroupDetail, sharingGroupId, showSharingGroup } from './admin/sharing-group-lookup.js';
export {
  type CollectionDetail,
  type OrganizationDetail,
  showCollection,
  showOrganization,
  showPeer,
  showUser,
  type UserDetail,
} from './admin/show-records.js';
export {
  addToken,
  DEFAULT_TOKEN_LIFETIME_MS,
  issueToken,
  listTokens,
  MAX_TOKEN_LIFETIME_MS,
  parseDuration,
  revokeToken,
  type TokenInfo,
  type TokenOptions,
} from './admin/tokens.js';
export { listUsers, setPassword, setUserDisabled, type UserInfo } from './admin/user-accounts.js';
export { DEMO_COLLECTION_ID, DEMO_PARTNERS, DEMO_PASSWORD, DEMO_USERNAME } from './demo/demo-partners.js';
export { type DemoResult, demoObjects, loadDemo } from './demo/load-demo.js';
export {
  type DetectionIndicators,
  detectInNode,
  detectionIndicators,
  type IndicatorOrigin,
  type NodeDetectionInput,
  type NodeDetectionResult,
  storeRunSightings,
} from './detect/detect-in-node.js';
export {
  publishAllSummaries,
  SUMMARY_INTERVAL_MS,
  type SummaryPublishing,
  type SummarySchedule,
  startSummaryPublishing,
} from './detect/publish-on-schedule.js';
export {
  DEFAULT_SUMMARY_K,
  MIN_SUMMARY_K,
  type PublishSummariesInput,
  type PublishSummariesReport,
  publishSightingSummaries,
  summaryK,
} from './detect/publish-summaries.js';
export { SIGHTING_GROUP_NAME } from './detect/sighting-markings.js';
export { type StoreSightingsReport, storeSightings } from './detect/store-sightings.js';
export { CoreError } from './errors/core-error.js';
export { CORE_ERRORS, type CoreErrorCode } from './errors/error-catalog.js';
export { type ExportInput, type ExportSummary, exportCollection } from './export/export-collection.js';
export {
  callerOf,
  type ImportError,
  type ImportInput,
  type ImportSummary,
  importFiles,
} from './ingest/import-files.js';
export {
  type ImportMarkings,
  isTlpLevel,
  markUnmarked,
  TLP_LEVELS,
} from './ingest/import-markings.js';
export type { ImportFailure } from './ingest/import-sources.js';
export { type IngestItem, type IngestReport, ingestBatch } from './ingest/ingest-batch.js';
export { STIX_VALIDATION, validateStixStream } from './ingest/stix-validation.js';
export * from './intel/index.js';
export { AccordNode, type AccordNodeOptions } from './node/accord-node.js';
export { type NodeServices, nodeServices } from './node/node-services.js';
export type { CollectionAccess } from './query/collection-access.js';
export { type AttackHit, type AttackSearch, findByAttackId } from './query/find-attack.js';
export type { ObjectFilters, VisibleEntry } from './query/query-objects.js';
export { addEmbargo, addSharingGroup, listAudit } from './sharing.js';
export {
  configurePeer,
  peerStatuses,
  peerStatusesFor,
  type SyncBackgroundOptions,
  type SyncRunOptions,
  startPeerSync,
  syncIngest,
  syncPeersOnce,
} from './sync.js';
export * from './web/index.js';
