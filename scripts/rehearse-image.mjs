/**
 * `npm run rehearse:image`: replays the Dockerfile without a Docker engine (docs/guides/operations.md,
 * "Rehearsing the image"; docs/decisions/0025-image-rehearsal.md). Each stage gets a temporary
 * folder standing for its `/`; COPY fills it from the build context (honouring .dockerignore) or
 * an earlier stage; RUN runs on this host in the stage's WORKDIR with its ENV, skipping (and
 * saying so) what needs root or the base image. Then the final stage starts as `docker run` would
 * start it, must pass its HEALTHCHECK and answer `/taxii2/` and the console's `/`, and is stopped.
 * Any failure ends the run with a message and exit 1. `--keep` keeps the folders for a look.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDockerfile, resolvePath, stageNamed, stageSettings } from './image/dockerfile.mjs';
import { parseDockerignore } from './image/dockerignore.mjs';
import { probeConsole, probeTaxii } from './image/probes.mjs';
import { performRun, seconds } from './image/run-step.mjs';
import { hostPath, performCopy } from './image/stage-files.mjs';
import {
  addAdministrator,
  finalEnv,
  freePort,
  startContainer,
  stopContainer,
  waitHealthy,
} from './image/start-final.mjs';

const context = fileURLToPath(new URL('..', import.meta.url));
const log = (line) => process.stdout.write(`${line}\n`);

/**
 * The host's environment without what would change the replay: the caller's ACCORD_* settings and
 * NODE_ENV (the image sets its own), and the variables `npm run` adds (npm_config_prefix would
 * point a nested `npm ci` at this repository instead of the stage's folder).
 */
function cleanHostEnv() {
  const env = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^(ACCORD_|npm_)/i.test(k) || ['NODE_ENV', 'INIT_CWD', 'NODE'].includes(k)) continue;
    env[k] = v;
  }
  return env;
}

/** Replays every instruction of one stage in its root folder. */
function buildStage(stage, stages, { base, hostEnv, rules }) {
  const root = join(base, `stage-${stage.index}${stage.name === null ? '' : `-${stage.name}`}`);
  mkdirSync(root, { recursive: true });
  stage.root = root;
  log(`\nFROM ${stage.image}${stage.name === null ? '' : ` AS ${stage.name}`}  (root: ${root})`);
  log(
    `  the base image's files are not here: node, npm and the tools come from this host (node ${process.version})`,
  );
  let workdir = '/';
  const env = {};
  for (const ins of stage.instructions) {
    const where = `line ${ins.line}: ${ins.keyword}`;
    if (ins.keyword === 'WORKDIR') {
      workdir = resolvePath(workdir, ins.args);
      mkdirSync(hostPath(root, workdir), { recursive: true });
      log(`${where} ${workdir}`);
    } else if (ins.keyword === 'ENV') {
      for (const [k, v] of ins.pairs) env[k] = v;
      log(`${where} ${ins.pairs.map(([k, v]) => `${k}=${v}`).join(' ')}`);
    } else if (ins.keyword === 'COPY') {
      const from = ins.from === null ? null : stageNamed(stages, ins.from, stage.index).root;
      log(
        `${where}${ins.from === null ? '' : ` --from=${ins.from}`} ${performCopy(ins, { root, workdir, context, rules, from })}`,
      );
    } else if (ins.keyword === 'RUN') {
      log(`${where} ${ins.command.text}`);
      performRun(ins.command, { root, workdir, env: { ...hostEnv, ...env }, log });
    } else if (ins.keyword === 'USER') {
      log(`${where} ${ins.args}: not switched (needs root); the rehearsal runs as ${userInfo().username}`);
    } else if (ins.keyword === 'VOLUME') {
      for (const p of ins.paths) mkdirSync(hostPath(root, p), { recursive: true });
      log(`${where} ${ins.paths.join(' ')} (a folder of the stage's root)`);
    } else
      log(
        `${where} ${ins.args.length > 100 ? `${ins.args.slice(0, 100)}…` : ins.args} (used when the image starts)`,
      );
  }
}

/** Starts the final stage, checks it, and stops it. */
async function runFinalStage(stage, hostEnv) {
  const settings = stageSettings(stage);
  if (['root', '0', ''].includes(settings.user.split(':')[0]))
    throw new Error(`the final stage runs as ${settings.user || 'root'}: it must name an unprivileged USER`);
  if (settings.healthcheck?.command == null) throw new Error('the final stage has no HEALTHCHECK');
  log('\nStarting the final stage as `docker run` would:');
  const port = await freePort();
  const env = finalEnv(settings, { root: stage.root, base: hostEnv, port, log });
  const cwd = hostPath(stage.root, settings.workdir);
  const admin = addAdministrator(settings, { cwd, env });
  log(
    `  an organisation and an administrator added with the image's CLI (${settings.entrypoint.argv.join(' ')} org add / user add)`,
  );
  const container = startContainer(settings, { cwd, env });
  log(`  started: ${container.argv.join(' ')}  (in ${cwd})`);
  try {
    const tries = await waitHealthy(settings.healthcheck, container, { cwd, env });
    log(`  HEALTHCHECK passed (after ${tries} ${tries === 1 ? 'try' : 'tries'})`);
    const base = `http://127.0.0.1:${port}`;
    log(`  ${await probeTaxii(base, admin)}`);
    log(`  ${await probeConsole(base)}`);
  } finally {
    const ended = await stopContainer(container);
    log(`  stopped with SIGTERM: exit ${ended.code ?? ended.signal}`);
    if (ended.code !== 0)
      throw new Error(`the node exited ${ended.code ?? ended.signal} on SIGTERM:\n${container.output.text}`);
  }
}

async function main() {
  const keep = process.argv.includes('--keep');
  const started = process.hrtime.bigint();
  const stages = parseDockerfile(readFileSync(join(context, 'Dockerfile'), 'utf8'));
  const ignorePath = join(context, '.dockerignore');
  const rules = existsSync(ignorePath) ? parseDockerignore(readFileSync(ignorePath, 'utf8')) : [];
  const base = mkdtempSync(join(tmpdir(), 'accord-image-rehearsal-'));
  log(
    `Rehearsing ${join(context, 'Dockerfile')} (${stages.length} stages, ${rules.length} .dockerignore rules) in ${base}`,
  );
  const hostEnv = cleanHostEnv();
  try {
    for (const stage of stages) buildStage(stage, stages, { base, hostEnv, rules });
    await runFinalStage(stages.at(-1), hostEnv);
    log(`\nThe image rehearsal passed in ${seconds(started)}.`);
  } finally {
    if (keep) log(`kept: ${base}`);
    else rmSync(base, { recursive: true, force: true });
  }
}

main().catch((error) => {
  process.stderr.write(`\nrehearse:image FAILED: ${error.message}\n`);
  process.exit(1);
});
