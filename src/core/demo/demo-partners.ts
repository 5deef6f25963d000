/**
 * The node accounts of the demo: the partner governments of the joint attribution of 19 July 2021
 * as organisations (their STIX identities are in demo-bundle.json), the demo user and collection.
 * These are not STIX, so they stay code; ids are fixed so they match the bundle.
 */

/** One partner: organisation slug, identity id (of its identity in the bundle) and display name. */
export interface DemoPartner {
  readonly org: string;
  readonly identityId: string;
  readonly name: string;
}

/** The partners whose statements of 19 July 2021 the demo models. */
export const DEMO_PARTNERS = {
  us: {
    org: 'us-gov',
    identityId: 'identity--4ab32302-7220-4632-8e73-fdb72b421a70',
    name: 'United States Government',
  },
  uk: {
    org: 'uk-gov',
    identityId: 'identity--2d09d5ed-32df-42fb-87c9-ffefd81c4d0a',
    name: 'United Kingdom Government',
  },
  eu: {
    org: 'eu',
    identityId: 'identity--bca088c8-4207-43b7-8584-763077cc6ffa',
    name: 'European Union',
  },
  nato: {
    org: 'nato',
    identityId: 'identity--179c73d0-5e9a-478a-9db5-4461b937b0ec',
    name: 'NATO (North Atlantic Council)',
  },
  jp: {
    org: 'jp-gov',
    identityId: 'identity--9508cff0-00cb-498e-98d2-5217e11fa6e2',
    name: 'Government of Japan',
  },
  ca: {
    org: 'ca-gov',
    identityId: 'identity--39c6b5a8-ada3-4752-8292-a0970203cb1a',
    name: 'Government of Canada',
  },
  au: {
    org: 'au-gov',
    identityId: 'identity--77034f40-966b-465a-9af4-8c07a4fdd3fe',
    name: 'Government of Australia',
  },
  nz: {
    org: 'nz-gov',
    identityId: 'identity--c4e4484b-ce8c-4c57-a205-ea8d136173e2',
    name: 'Government of New Zealand',
  },
} as const satisfies Readonly<Record<string, DemoPartner>>;

/** The demo collection's fixed id. */
export const DEMO_COLLECTION_ID = '731446bf-65f1-4ee4-a7bc-a15f51c9f0aa';
/** The demo user (organisation uk-gov, role editor). */
export const DEMO_USERNAME = 'demo';
/** The demo user's password: a fixed, documented value for local demo data only. */
export const DEMO_PASSWORD = 'accord-demo-2021';
/** The organisation of the demo user. */
export const DEMO_USER_ORG = DEMO_PARTNERS.uk.org;
