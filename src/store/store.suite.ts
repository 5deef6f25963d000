/**
 * The store conformance suite: every backend runs it unchanged, through the public Store API
 * only (STYLE.md, Store). A backend's test file calls runStoreConformance with a factory.
 */
import { describe } from 'vitest';
import { accountRecordsSuite } from './conformance/account-records.suite.js';
import { addVersionsSuite } from './conformance/add-versions.suite.js';
import { auditOnceSuite } from './conformance/audit-once.suite.js';
import { bodyPagesSuite } from './conformance/body-pages.suite.js';
import { collectionsSuite } from './conformance/collections.suite.js';
import { disclosuresSuite } from './conformance/disclosures.suite.js';
import type { StoreFactory } from './conformance/harness.suite.js';
import { leasesSuite } from './conformance/leases.suite.js';
import { objectRecordsSuite } from './conformance/object-records.suite.js';
import { ownershipSuite } from './conformance/ownership.suite.js';
import { pagingSuite } from './conformance/paging.suite.js';
import { peerCountersSuite } from './conformance/peer-counters.suite.js';
import { queryFiltersSuite } from './conformance/query-filters.suite.js';
import { recentAuditSuite } from './conformance/recent-audit.suite.js';
import { releaseEntriesSuite } from './conformance/release-entries.suite.js';
import { removalsSuite } from './conformance/removals.suite.js';
import { searchSuite } from './conformance/search.suite.js';
import { sessionsSuite } from './conformance/sessions.suite.js';
import { statusRecordsSuite } from './conformance/status-records.suite.js';

/** Registers the conformance suite for one backend; `makeStore` returns a new, initialised, empty store. */
export function runStoreConformance(name: string, makeStore: StoreFactory): void {
  describe(`store conformance: ${name}`, () => {
    collectionsSuite(makeStore);
    addVersionsSuite(makeStore);
    queryFiltersSuite(makeStore);
    pagingSuite(makeStore);
    bodyPagesSuite(makeStore);
    releaseEntriesSuite(makeStore);
    objectRecordsSuite(makeStore);
    ownershipSuite(makeStore);
    accountRecordsSuite(makeStore);
    peerCountersSuite(makeStore);
    disclosuresSuite(makeStore);
    auditOnceSuite(makeStore);
    statusRecordsSuite(makeStore);
    removalsSuite(makeStore);
    sessionsSuite(makeStore);
    searchSuite(makeStore);
    recentAuditSuite(makeStore);
    leasesSuite(makeStore);
  });
}
