/**
 * `serve --demo`: on an empty database, creates the partner organisations, the demo user and
 * collection, and ingests the demo bundle (TLP 2.0 definitions, Accord extension definitions,
 * the July 2021 joint attribution) as any import would. On a database that is not empty it
 * changes nothing. Organisations, the user and the collection are not STIX, so they stay code.
 */
import type { Store } from '../../store/index.js';
import { addCollection } from '../admin/add-collection.js';
import { addOrganization } from '../admin/add-organization.js';
import { addUser } from '../admin/add-user.js';
import { CoreError } from '../errors/core-error.js';
import { ingestBatch } from '../ingest/ingest-batch.js';
import { releaseDueAdvisories } from '../intel/advisory-release.js';
import { nodeServices } from '../node/node-services.js';
import demoBundle from './demo-bundle.json' with { type: 'json' };
import {
  DEMO_COLLECTION_ID,
  DEMO_PARTNERS,
  DEMO_PASSWORD,
  DEMO_USER_ORG,
  DEMO_USERNAME,
} from './demo-partners.js';

/** Where the demo objects come from, as ingest reports name them. */
const DEMO_FILE = 'demo-bundle.json';

/**
 * Every object of the demo bundle (src/core/demo/demo-bundle.json), markings and definitions
 * first: a fresh copy on each call, so nothing a caller does changes the next load.
 */
export function demoObjects(): Record<string, unknown>[] {
  return structuredClone((demoBundle as { objects: Record<string, unknown>[] }).objects);
}

/** What the demo set up: whether it loaded now, and the login to print. */
export interface DemoResult {
  readonly loaded: boolean;
  readonly stored: number;
  readonly login?: { readonly username: string; readonly password: string };
  readonly collectionId: string;
}

/** Loads the demo into an empty store; reports the demo login when the demo user exists. */
export async function loadDemo(store: Store): Promise<DemoResult> {
  const empty =
    (await store.listOrganizations()).length === 0 && (await store.listCollections()).length === 0;
  let stored = 0;
  if (empty) {
    const partners = Object.values(DEMO_PARTNERS);
    for (const p of partners)
      await addOrganization(store, { id: p.org, name: p.name, identityId: p.identityId });
    // The demo password is a fixed, documented value: this is local demo data only.
    await addUser(store, {
      username: DEMO_USERNAME,
      orgId: DEMO_USER_ORG,
      password: DEMO_PASSWORD,
      role: 'editor',
    });
    await addCollection(store, {
      id: DEMO_COLLECTION_ID,
      title: 'July 2021 joint attribution (demo)',
      description:
        'Public statements of 19 July 2021 by allied governments, as STIX 2.1; indicator values are documentation examples.',
      canRead: ['*'],
      canWrite: ['*'],
    });
    // The producer of each object is the organisation whose identity created it (or that it is).
    const orgOfIdentity = new Map<string, string>(partners.map((p) => [p.identityId, p.org]));
    const byProducer = new Map<string, { value: unknown; path: string }[]>();
    const indexed = demoObjects().map((object, i) => ({ object, path: `${DEMO_FILE}:/objects/${i}` }));
    for (const { object, path } of indexed) {
      const producer =
        orgOfIdentity.get(String(object.created_by_ref)) ??
        (object.type === 'identity' ? orgOfIdentity.get(String(object.id)) : undefined) ??
        DEMO_USER_ORG;
      byProducer.set(producer, [...(byProducer.get(producer) ?? []), { value: object, path }]);
    }
    const node = nodeServices(store);
    const failures: string[] = [];
    for (const [producer, items] of byProducer) {
      const report = await ingestBatch(node, DEMO_COLLECTION_ID, items, {
        producerOrg: producer,
        origin: 'local',
      });
      stored += report.successes.length;
      failures.push(...report.failures.map((f) => `${f.id}: ${f.message}`));
    }
    if (failures.length > 0)
      throw new CoreError('CORE_INVALID', `demo data rejected: ${failures.join(' | ')}`);
    // The joint advisory was sealed before its release time (2021): the release job releases it.
    await releaseDueAdvisories(node);
  }
  const user = await store.getUser(DEMO_USERNAME);
  return {
    loaded: empty,
    stored,
    collectionId: DEMO_COLLECTION_ID,
    ...(user ? { login: { username: DEMO_USERNAME, password: DEMO_PASSWORD } } : {}),
  };
}
