/**
 * The node the browser tests sign in to: the demo data (attribution claims, a dispute,
 * sightings, a released advisory) plus what each screen's test needs: an admin, a partner
 * organisation's user, an object with two versions, a TLP:RED object of another organisation
 * (hidden from the demo user), an object whose name and description are XSS probes, an
 * advisory awaiting the demo user's signature, and a peer that cannot be reached.
 */
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_COLLECTION_ID, DEMO_PASSWORD, DEMO_USERNAME, loadDemo } from '../../../src/core/index.js';
import { openStore } from '../../../src/store/index.js';
import { runAccord } from '../../support/run-accord.js';

/** Accounts of the world: [username, password]. */
export const USERS = {
  analyst: [DEMO_USERNAME, DEMO_PASSWORD],
  admin: ['console-admin', 'console-admin-password'],
  partner: ['us-analyst', 'us-analyst-password'],
} as const;

/** The XSS probes, as STIX text. */
export const XSS_NAME = '<img src=x onerror="window.__xss=1;alert(1)">Probe';
export const XSS_DESCRIPTION =
  '<script>window.__xss=2;alert(2)</script> **bold** [click](javascript:window.__xss=3) <iframe src="javascript:alert(4)"></iframe>';

/** Ids the tests open. */
export const IDS = {
  hafnium: 'intrusion-set--1d24ce2e-0f0f-4e65-8b84-e1ef0b236a01',
  /** A demo indicator sighted 12 times. */
  sighted: 'indicator--13e2ad4f-e0ca-4655-a4bd-43337dcca3af',
  versioned: 'malware--6b3e1d1a-0d6c-4c2b-9a57-2f4a3f0f9a11',
  hidden: 'indicator--0c1f7e55-5b8e-4f53-9d51-6c7a1a8e3b22',
  missing: 'indicator--0c1f7e55-5b8e-4f53-9d51-6c7a1a8e3b23',
  xss: 'malware--7d2f0e2b-1e7d-4d3c-8b68-3a5b4f1e0b33',
  /** The demo's UK APT31, its MSS, and the US statement of 19 July 2021. */
  apt31: 'intrusion-set--ed36466e-3787-4481-8c2c-246259a210a0',
  mss: 'threat-actor--0fd00ef9-085c-4657-89cc-136eaafec59a',
  usReport: 'report--3d592f2f-8da3-47ae-8288-3db1ccad9c9b',
} as const;

/** What the tests need to know of the world. */
export interface World {
  readonly db: string;
  readonly dir: string;
  readonly advisoryId: string;
}

const T0 = '2026-01-05T10:00:00.000Z';

function malware(id: string, name: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'malware',
    spec_version: '2.1',
    id,
    created: T0,
    modified: T0,
    name,
    is_family: true,
    ...extra,
  };
}

/**
 * A world of its own for a suite: a copy of the one the run built (`$ACCORD_BROWSER_WORLD`, see
 * scripts/test-browser.mjs), else a new one.
 */
export async function worldForSuite(): Promise<World> {
  const shared = process.env.ACCORD_BROWSER_WORLD;
  if (!shared) return buildWorld();
  const template = JSON.parse(shared) as World;
  const dir = mkdtempSync(join(tmpdir(), 'accord-browser-'));
  cpSync(template.dir, dir, { recursive: true });
  return { ...template, dir, db: join(dir, 'node.db') };
}

/** Builds the database in a fresh folder (no server runs yet). */
export async function buildWorld(): Promise<World> {
  const dir = mkdtempSync(join(tmpdir(), 'accord-browser-'));
  const db = join(dir, 'node.db');
  const seed = await openStore(db);
  await loadDemo(seed);
  await seed.close();
  const accord = async (args: string[], input = '') => {
    const run = await runAccord([...args, '--db', db], (path) => openStore(path ?? db), input);
    if (run.code !== 0) throw new Error(`accord ${args.join(' ')}: ${run.err}`);
    return run.out.trim();
  };
  await accord([
    'user',
    'add',
    USERS.admin[0],
    '--org',
    'uk-gov',
    '--role',
    'admin',
    '--password',
    USERS.admin[1],
  ]);
  await accord([
    'user',
    'add',
    USERS.partner[0],
    '--org',
    'us-gov',
    '--role',
    'editor',
    '--password',
    USERS.partner[1],
  ]);
  const file = (name: string, objects: unknown[]) => {
    const path = join(dir, name);
    writeFileSync(
      path,
      JSON.stringify({ type: 'bundle', id: 'bundle--5f3a1b2c-3d4e-4f5a-8b6c-7d8e9f0a1b2c', objects }),
    );
    return path;
  };
  const v1 = malware(IDS.versioned, 'ShadowPad', { description: 'A modular backdoor.' });
  const v2 = {
    ...v1,
    modified: '2026-02-05T10:00:00.000Z',
    description: 'A modular backdoor sold privately.',
    aliases: ['PoisonPlug'],
  };
  await accord([
    'import',
    file('versions.json', [v1, v2]),
    '--collection',
    DEMO_COLLECTION_ID,
    '--as',
    DEMO_USERNAME,
    '--tlp',
    'green',
  ]);
  await accord([
    'import',
    file('xss.json', [malware(IDS.xss, XSS_NAME, { description: XSS_DESCRIPTION })]),
    '--collection',
    DEMO_COLLECTION_ID,
    '--as',
    DEMO_USERNAME,
    '--tlp',
    'clear',
  ]);
  const red = {
    type: 'indicator',
    spec_version: '2.1',
    id: IDS.hidden,
    created: T0,
    modified: T0,
    name: 'Red partner indicator',
    pattern: "[ipv4-addr:value = '198.51.100.77']",
    pattern_type: 'stix',
    valid_from: T0,
  };
  await accord([
    'import',
    file('red.json', [red]),
    '--collection',
    DEMO_COLLECTION_ID,
    '--as',
    USERS.partner[0],
    '--tlp',
    'red',
  ]);
  // A US claim resting on its statement and on its TLP:RED indicator: the demo user (UK) sees
  // the statement among the evidence and not the indicator (ADR 0002).
  await accord([
    'attribution',
    'claim',
    IDS.apt31,
    IDS.mss,
    '--confidence',
    '75',
    '--evidence',
    `${IDS.usReport},${IDS.hidden}`,
    '--collection',
    DEMO_COLLECTION_ID,
    '--as',
    USERS.partner[0],
  ]);
  const body = join(dir, 'advisory.md');
  writeFileSync(body, '# Joint advisory\n\nExploitation of edge devices.\n');
  const releaseAt = new Date(Date.now() + 3 * 3600_000).toISOString();
  const advisoryId = await accord([
    'advisory',
    'draft',
    '--title',
    'Edge device exploitation',
    '--body',
    body,
    '--cosigners',
    'us-gov,uk-gov',
    '--release-at',
    releaseAt,
    '--collection',
    DEMO_COLLECTION_ID,
    '--as',
    USERS.partner[0],
  ]);
  await accord([
    'peer',
    'add',
    'closed-port',
    '--url',
    'http://127.0.0.1:9/taxii2/',
    '--user',
    'node',
    '--password',
    'node-password',
    '--remote-collection',
    DEMO_COLLECTION_ID,
    '--collection',
    DEMO_COLLECTION_ID,
    '--org',
    'us-gov',
    '--pull',
  ]);
  // One run that fails to connect: the Peers screen then shows a pull transport error.
  const sync = await runAccord(['sync', '--peer', 'closed-port', '--db', db], (path) =>
    openStore(path ?? db),
  );
  if (sync.code === 0) throw new Error('accord sync reached a closed port');
  return { db, dir, advisoryId };
}
