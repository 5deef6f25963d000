/**
 * Starts the final stage as `docker run` would (ENTRYPOINT + CMD, its ENV, its WORKDIR), checks
 * it with its own HEALTHCHECK and a few requests, and stops it as `docker stop` does (SIGTERM,
 * then 10 s). The host is not the image: absolute paths of the ENV go into the stage's root
 * folder, the port is a free one, the address is loopback, and the process runs as the current
 * user; each of these is printed.
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname } from 'node:path';
import { durationMs } from './dockerfile.mjs';
import { hostPath } from './stage-files.mjs';

/** A TCP port nothing listens on now, chosen by the system. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** The argv of ENTRYPOINT + CMD, as Docker joins them. */
export function containerArgv(settings) {
  const { entrypoint, cmd } = settings;
  if (entrypoint === null && cmd === null) throw new Error('the final stage has neither ENTRYPOINT nor CMD');
  if (entrypoint === null) return cmd.argv;
  // A shell-form ENTRYPOINT ignores CMD.
  if (entrypoint.form === 'shell' || cmd === null) return entrypoint.argv;
  return [...entrypoint.argv, ...cmd.argv];
}

/**
 * The environment of the final stage on this host: `base` (the host's, already cleaned) and the
 * stage's ENV, with absolute paths moved into the stage's root, the port replaced, and the
 * listening address made loopback. `log` says each change.
 */
export function finalEnv(settings, { root, base, port, log }) {
  const env = { ...base };
  for (const [name, value] of Object.entries(settings.env)) {
    if (value.startsWith('/')) {
      env[name] = hostPath(root, value);
      log(`  ${name}=${value} → ${env[name]} (the image's ${value}, under the stage's root here)`);
      mkdirSync(dirname(env[name]), { recursive: true });
    } else env[name] = value;
  }
  if ('ACCORD_PORT' in settings.env) {
    env.ACCORD_PORT = String(port);
    log(`  ACCORD_PORT=${settings.env.ACCORD_PORT} → ${port} (a free port of this host)`);
  }
  if (env.ACCORD_HOST !== undefined && env.ACCORD_HOST !== '127.0.0.1') {
    log(`  ACCORD_HOST=${env.ACCORD_HOST} → 127.0.0.1 (the rehearsal listens on loopback only)`);
    env.ACCORD_HOST = '127.0.0.1';
  }
  return env;
}

/** Runs the container's ENTRYPOINT with other arguments (the CLI in the image), failing on a non-zero exit. */
export function runEntrypoint(settings, args, { cwd, env }) {
  const argv = [...(settings.entrypoint?.argv ?? []), ...args];
  const r = spawnSync(argv[0], argv.slice(1), { cwd, env, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${argv.join(' ')}: exit ${r.status ?? r.signal}\n${r.stderr}`);
  return r.stdout;
}

/** An organisation and its administrator in the image's database, so that TAXII answers more than 401. */
export function addAdministrator(settings, options) {
  const password = randomBytes(18).toString('base64url');
  runEntrypoint(settings, ['org', 'add', 'rehearsal', '--name', 'Image rehearsal'], options);
  runEntrypoint(settings, ['user', 'add', 'rehearsal-admin', '--org', 'rehearsal', '--role', 'admin'], {
    ...options,
    env: { ...options.env, ACCORD_PASSWORD: password },
  });
  return { username: 'rehearsal-admin', password };
}

/** The node process of the final stage, with what it printed kept for the error messages. */
export function startContainer(settings, { cwd, env }) {
  const argv = containerArgv(settings);
  const child = spawn(argv[0], argv.slice(1), { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const output = { text: '' };
  const keep = (chunk) => {
    output.text = (output.text + chunk).slice(-20_000);
  };
  child.stdout.setEncoding('utf8').on('data', keep);
  child.stderr.setEncoding('utf8').on('data', keep);
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  return { argv, child, output, exited };
}

/** Runs the HEALTHCHECK command once; true when it exits 0 within its --timeout. */
function healthcheckPasses(healthcheck, { cwd, env }) {
  const timeout = durationMs(healthcheck.flags.timeout ?? '30s');
  const [cmd, ...args] = healthcheck.command.argv;
  return spawnSync(cmd, args, { cwd, env, timeout, stdio: 'ignore' }).status === 0;
}

/**
 * Runs the HEALTHCHECK until it passes. Docker would allow start-period + retries × interval;
 * the rehearsal tries every half second within that bound rather than waiting whole intervals.
 */
export async function waitHealthy(healthcheck, container, options) {
  const flags = healthcheck.flags;
  const bound =
    durationMs(flags['start-period'] ?? '0s') +
    Number(flags.retries ?? 3) * durationMs(flags.interval ?? '30s');
  const deadline = Date.now() + bound;
  let exit = null;
  container.exited.then((e) => {
    exit = e;
  });
  let tries = 0;
  while (Date.now() < deadline) {
    if (exit !== null)
      throw new Error(
        `the node stopped (exit ${exit.code ?? exit.signal}) before it was healthy:\n${container.output.text}`,
      );
    tries++;
    if (healthcheckPasses(healthcheck, options)) return tries;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`the HEALTHCHECK did not pass within ${bound / 1000} s:\n${container.output.text}`);
}

/** Stops the node as `docker stop` does; returns how it ended. */
export async function stopContainer(container) {
  container.child.kill('SIGTERM');
  const timer = new Promise((r) => setTimeout(() => r(null), 10_000));
  const ended = await Promise.race([container.exited, timer]);
  if (ended !== null) return ended;
  container.child.kill('SIGKILL');
  await container.exited;
  throw new Error('the node did not stop within 10 s of SIGTERM (docker stop would kill it)');
}
