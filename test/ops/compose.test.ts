/**
 * Issue 20, "a compose example with PostgreSQL and NATS": deploy/compose.yaml cannot be started
 * here (no Docker engine), so its wiring is checked by reading it: it parses as YAML, every
 * ACCORD_* variable is a setting the node reads (src/cli/config/settings.ts) with a value of its
 * type, the URLs point at the services that serve them, and the health checks fit together.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { parseDockerfile, stageSettings } from '../../scripts/image/dockerfile.mjs';
import { splitWords } from '../../scripts/image/shell-words.mjs';
import { LOG_LEVELS, SETTINGS } from '../../src/cli/config/settings.js';

interface Service {
  image?: string;
  build?: string;
  command?: string[];
  entrypoint?: string[];
  environment?: Record<string, string>;
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
  secrets?: string[];
  ports?: string[];
  volumes?: string[];
}
interface Compose {
  services: Record<string, Service>;
  secrets?: Record<string, { file: string }>;
  volumes?: Record<string, unknown>;
}

const repo = fileURLToPath(new URL('../../', import.meta.url));
const composePath = join(repo, 'deploy', 'compose.yaml');
const doc = parseDocument(readFileSync(composePath, 'utf8'), { uniqueKeys: true });
const compose = doc.toJS() as Compose;
const { postgres, nats, accord } = compose.services;
const image = stageSettings(parseDockerfile(readFileSync(join(repo, 'Dockerfile'), 'utf8')).at(-1)!);

/** Variables the node reads that are not settings: secrets and the configuration file's path. */
const OTHER_VARIABLES = ['ACCORD_PASSWORD', 'ACCORD_SECRET_KEY', 'ACCORD_SECRET_KEY_FILE', 'ACCORD_CONFIG'];

/** The `sh -c` script of the accord service, as its words, with compose's `$$` unescaped. */
const script = splitWords(accord!.entrypoint!.at(-1)!.replaceAll('$$', '$'));
/** Its variables: the service's environment and the `NAME=value` words before the command. */
const accordEnv: Record<string, string> = { ...accord!.environment };
for (const w of script.slice(0, script.indexOf('exec')))
  accordEnv[w.slice(0, w.indexOf('='))] = w.slice(w.indexOf('=') + 1);

/** Whether a value fits a setting's type, as the node reads it from the environment. */
function fitsType(name: string, value: string): boolean {
  const setting = SETTINGS.find((s) => s.env === name)!;
  if (setting.type === 'integer') return /^\d+$/.test(value);
  if (setting.type === 'boolean')
    return ['true', '1', 'yes', 'on', 'false', '0', 'no', 'off', ''].includes(value);
  if (setting.type === 'string') return value !== '';
  return setting.type.oneOf.includes(value);
}

describe('deploy/compose.yaml', () => {
  it('parses as YAML, with PostgreSQL, NATS and the node as services', () => {
    expect(doc.errors).toEqual([]);
    expect(doc.warnings).toEqual([]);
    expect(postgres?.image).toMatch(/^postgres:\d+/);
    expect(nats?.image).toMatch(/^nats:\d/);
    expect(accord).toBeDefined();
  });

  it('builds the node from this repository', () => {
    expect(existsSync(join(resolve(join(repo, 'deploy'), accord!.build!), 'Dockerfile'))).toBe(true);
  });

  it('gives the node only variables it reads, each of its type', () => {
    const settings = SETTINGS.map((s) => s.env);
    for (const [name, value] of Object.entries(accordEnv)) {
      expect(name.startsWith('ACCORD_'), name).toBe(true);
      expect([...settings, ...OTHER_VARIABLES], name).toContain(name);
      if (settings.includes(name)) expect(fitsType(name, value), `${name}=${value}`).toBe(true);
    }
    expect(LOG_LEVELS).toContain(accordEnv.ACCORD_LOG_LEVEL);
  });

  it('points ACCORD_DB at the PostgreSQL service, its user and its database, with the secret as password', () => {
    const [, secret] = /\$\(cat \/run\/secrets\/([a-z_]+)\)/.exec(accordEnv.ACCORD_DB!) ?? [];
    expect(accord!.secrets).toContain(secret);
    expect(postgres!.environment!.POSTGRES_PASSWORD_FILE).toBe(`/run/secrets/${secret}`);
    const url = new URL(accordEnv.ACCORD_DB!.replace(/\$\([^)]*\)/, 'secret'));
    expect(url.protocol).toBe('postgres:');
    expect(url.username).toBe(postgres!.environment!.POSTGRES_USER);
    expect(url.pathname.slice(1)).toBe(postgres!.environment!.POSTGRES_DB);
    expect(compose.services[url.hostname]).toBe(postgres);
    expect(url.port).toBe('5432');
  });

  it('keeps the password file out of git', () => {
    for (const { file } of Object.values(compose.secrets ?? {})) {
      const path = join('deploy', file);
      expect(() => execFileSync('git', ['check-ignore', '-q', path], { cwd: repo }), path).not.toThrow();
    }
  });

  it('points ACCORD_NATS at the NATS service, started with JetStream', () => {
    const url = new URL(accordEnv.ACCORD_NATS!);
    expect(url.protocol).toBe('nats:');
    expect(compose.services[url.hostname]).toBe(nats);
    expect(url.port).toBe('4222');
    expect(nats!.command).toContain('-js');
  });

  it("runs the image's own command, reachable on the image's port and volume", () => {
    const own = [...image.entrypoint!.argv, ...image.cmd!.argv];
    expect(script.slice(script.indexOf('exec') + 1)).toEqual(own);
    expect(accordEnv.ACCORD_HOST ?? image.env.ACCORD_HOST).not.toMatch(/^(127\.|::1$|localhost$)/);
    const published = (accord!.ports ?? []).map((p) => p.split(':').at(-1));
    expect(published).toEqual([accordEnv.ACCORD_PORT ?? image.env.ACCORD_PORT]);
    const mounts = (accord!.volumes ?? []).map((v) => v.split(':'));
    expect(mounts.map(([, target]) => target)).toEqual(image.volumes);
    for (const [name] of mounts) expect(Object.keys(compose.volumes ?? {})).toContain(name);
  });

  it('waits for a healthy PostgreSQL, checked with its own user and database', () => {
    for (const [name, { condition }] of Object.entries(accord!.depends_on ?? {})) {
      expect(compose.services[name], name).toBeDefined();
      // Docker refuses service_healthy for a service without a health check.
      if (condition === 'service_healthy') expect(compose.services[name]!.healthcheck, name).toBeDefined();
    }
    expect(accord!.depends_on?.postgres?.condition).toBe('service_healthy');
    const test = postgres!.healthcheck!.test;
    expect(test.slice(0, 2)).toEqual(['CMD', 'pg_isready']);
    expect(test[test.indexOf('-U') + 1]).toBe(postgres!.environment!.POSTGRES_USER);
    expect(test[test.indexOf('-d') + 1]).toBe(postgres!.environment!.POSTGRES_DB);
    // The node's own health check is the image's (on /healthz at ACCORD_PORT) unless compose replaces it.
    expect(accord!.healthcheck ?? image.healthcheck).toBeTruthy();
  });
});
