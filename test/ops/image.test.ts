/**
 * Issue 20, "A Dockerfile (multi-stage, non-root, health check)": what can be known of the image
 * without building it, read from the Dockerfile and .dockerignore as the rehearsal reads them
 * (scripts/image/). The build and the run themselves are `npm run rehearse:image`
 * (docs/decisions/0025-image-rehearsal.md), too slow for `npm test`.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type Instruction,
  parseDockerfile,
  resolvePath,
  type Stage,
  stageSettings,
} from '../../scripts/image/dockerfile.mjs';
import { isIgnored, parseDockerignore } from '../../scripts/image/dockerignore.mjs';
import { splitAndChain, splitWords } from '../../scripts/image/shell-words.mjs';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const stages = parseDockerfile(readFileSync(join(repo, 'Dockerfile'), 'utf8'));
const rules = parseDockerignore(readFileSync(join(repo, '.dockerignore'), 'utf8'));
const final = stages.at(-1)!;
const settings = stageSettings(final);

/** The COPY instructions of a stage. */
const copies = (stage: Stage): Instruction[] => stage.instructions.filter((i) => i.keyword === 'COPY');

/** Whether a folder of the context holds at least one file the context keeps. */
function keepsAFile(rel: string): boolean {
  for (const entry of readdirSync(join(repo, rel), { withFileTypes: true })) {
    const child = `${rel}/${entry.name}`;
    if (entry.isDirectory() ? keepsAFile(child) : !isIgnored(rules, child)) return true;
  }
  return false;
}

describe('the Dockerfile', () => {
  it('builds in one stage and runs in another that copies only what the build made', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    const fromStages = copies(final).filter((c) => c.from !== null);
    expect(fromStages.length).toBeGreaterThan(0);
    for (const c of fromStages) expect(stages.slice(0, -1).map((s) => s.name)).toContain(c.from);
  });

  it('runs the node as an unprivileged user', () => {
    const user = settings.user.split(':')[0];
    expect(['root', '0', '']).not.toContain(user);
    const createsUser = final.instructions
      .filter((i) => i.keyword === 'RUN')
      .flatMap((i) => splitAndChain(i.args).map(splitWords))
      .some((words) => words[0] === 'useradd' && words.at(-1) === user);
    expect(createsUser).toBe(true);
  });

  it("has a health check on /healthz at the node's own port", () => {
    const check = settings.healthcheck?.command;
    expect(check).toBeTruthy();
    expect(check!.text).toContain('/healthz');
    expect(check!.text).toContain('process.env.ACCORD_PORT');
    expect(settings.expose).toEqual([settings.env.ACCORD_PORT]);
  });

  it('allows plain HTTP explicitly when it listens off loopback without TLS', () => {
    const argv = [...(settings.entrypoint?.argv ?? []), ...(settings.cmd?.argv ?? [])];
    expect(argv[0]).toBe('node');
    expect(argv).toContain('serve');
    const loopback = ['127.0.0.1', '::1', 'localhost'].includes(settings.env.ACCORD_HOST ?? '127.0.0.1');
    if (!loopback && settings.env.ACCORD_TLS_CERT === undefined) expect(argv).toContain('--insecure-http');
  });

  it('copies from the build context only what exists and .dockerignore lets through', () => {
    const fromContext = stages.flatMap(copies).filter((c) => c.from === null);
    expect(fromContext.length).toBeGreaterThan(0);
    for (const c of fromContext)
      for (const source of c.sources!) {
        const rel = source.replace(/^\.\//, '').replace(/\/$/, '');
        expect(existsSync(join(repo, rel)), `COPY ${source} (line ${c.line})`).toBe(true);
        const kept = statSync(join(repo, rel)).isDirectory() ? keepsAFile(rel) : !isIgnored(rules, rel);
        expect(kept, `COPY ${source} (line ${c.line}) is left out by .dockerignore`).toBe(true);
      }
  });

  it('gives the web build its sources: npm run build ends with the console', () => {
    const pkg = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(pkg.scripts.build).toContain('npm run build:web');
    const copied = stages[0]!.instructions.filter((i) => i.keyword === 'COPY').flatMap((i) => i.sources!);
    expect(copied).toContain('web');
    expect(pkg.scripts['build:web']).toContain('web/vite.config.ts');
  });
});

describe('.dockerignore', () => {
  it('keeps dependencies, builds, the repository, databases and secrets out of the context', () => {
    for (const path of [
      'node_modules/fastify/package.json',
      'web/node_modules/x',
      'dist/cli/main.js',
      '.git/HEAD',
      'accord-data/accord.db',
      'src/accord.db',
      'accord-data/accord.db.key',
      'deploy/postgres-password.txt',
      'test/ops/image.test.ts',
    ])
      expect(isIgnored(rules, path), path).toBe(true);
    for (const path of ['package.json', 'src/cli/main.ts', 'web/index.html', 'scripts/bundle-cli.mjs'])
      expect(isIgnored(rules, path), path).toBe(false);
  });
});

describe("the ENTRYPOINT's file", () => {
  // npm ci builds dist/ (prepare); build it here only when a checkout has none.
  beforeAll(() => {
    if (!existsSync(join(repo, 'dist', 'cli', 'main.js')))
      execFileSync('npm', ['run', 'build'], { cwd: repo, stdio: 'ignore' });
  }, 300_000);

  it('is made by the build stage (not copied from the context) and exists after npm run build', () => {
    const script = settings.entrypoint!.argv[1]!;
    const inImage = resolvePath(settings.workdir, script);
    // The last COPY --from naming a folder or file that holds it (`COPY --from=build /src/dist ./dist`).
    const copy = copies(final)
      .filter((c) => {
        const dest = resolvePath(settings.workdir, c.dest!);
        return (
          c.from !== null && !c.dest!.endsWith('/') && (inImage === dest || inImage.startsWith(`${dest}/`))
        );
      })
      .at(-1);
    expect(copy, `no COPY --from brings ${inImage}`).toBeTruthy();
    const dest = resolvePath(settings.workdir, copy!.dest!);
    const build = stages.find((s) => s.name === copy!.from)!;
    const inBuild = resolvePath(copy!.sources![0]!, inImage.slice(dest.length + 1));
    const buildDir = stageSettings(build).workdir;
    expect(inBuild.startsWith(`${buildDir}/`)).toBe(true);
    const rel = inBuild.slice(buildDir.length + 1);
    expect(isIgnored(rules, rel), `${rel} must come from the build, not the context`).toBe(true);
    expect(existsSync(join(repo, rel)), `npm run build makes no ${rel}`).toBe(true);
  });
});
