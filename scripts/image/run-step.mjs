/**
 * RUN in the rehearsal: each `&&` part of a command runs on the host in the stage's WORKDIR with
 * the stage's ENV, except the parts only the base image and root can do (packages, users,
 * ownership, system folders). Those are skipped and said so, never silently.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { splitAndChain, splitWords } from './shell-words.mjs';
import { hostPath } from './stage-files.mjs';

/** Commands that install packages or change users and ownership: the base image's and root's business. */
const SYSTEM_COMMANDS = new Set([
  'apt-get',
  'apt',
  'dpkg',
  'apk',
  'groupadd',
  'useradd',
  'usermod',
  'addgroup',
  'adduser',
  'chown',
  'chgrp',
  'setcap',
  'update-ca-certificates',
]);

/** Whether a word names an absolute path (also after a redirection or `--flag=`). */
function isAbsolutePath(word) {
  return word
    .replace(/^[0-9]*[<>]+/, '')
    .replace(/^--?[A-Za-z-]+=/, '')
    .startsWith('/');
}

/**
 * What the rehearsal does with one part of a RUN command: `run` it as it is, `mkdir` the image
 * folders it names inside the stage's root, or `skip` it with the reason.
 */
export function planPart(text) {
  const words = splitWords(text);
  const name = words[0] ?? '';
  if (SYSTEM_COMMANDS.has(name)) return { action: 'skip', text, reason: 'needs root / the base image' };
  const absolute = words.slice(1).filter(isAbsolutePath);
  if (name === 'mkdir' && words.slice(1).every((w) => w === '-p' || isAbsolutePath(w)))
    return { action: 'mkdir', text, paths: absolute };
  if (absolute.length > 0)
    return { action: 'skip', text, reason: `needs root / the base image: it touches ${absolute.join(' ')}` };
  return { action: 'run', text };
}

/** The plan of a whole RUN: exec form runs as it is; shell form is planned part by part. */
export function planRun(command) {
  if (command.form === 'exec') return [{ action: 'run', argv: command.argv, text: command.argv.join(' ') }];
  return splitAndChain(command.text).map(planPart);
}

/**
 * Performs a RUN of a stage: `log` receives one line per part; throws when a part fails (as
 * `docker build` would stop there).
 */
export function performRun(command, { root, workdir, env, log }) {
  const cwd = hostPath(root, workdir);
  mkdirSync(cwd, { recursive: true });
  for (const part of planRun(command)) {
    if (part.action === 'skip') {
      log(`  skipped (${part.reason}): ${part.text}`);
      continue;
    }
    if (part.action === 'mkdir') {
      for (const p of part.paths) mkdirSync(hostPath(root, p), { recursive: true });
      log(`  made inside the stage's root: ${part.paths.join(' ')}`);
      continue;
    }
    log(`  run: ${part.text}`);
    const argv = part.argv ?? ['/bin/sh', '-c', part.text];
    const started = process.hrtime.bigint();
    const r = spawnSync(argv[0], argv.slice(1), { cwd, env, stdio: ['ignore', 'inherit', 'inherit'] });
    if (r.error) throw new Error(`RUN ${part.text}: ${r.error.message}`);
    if (r.status !== 0) throw new Error(`RUN ${part.text}: exit ${r.status ?? r.signal}`);
    log(`  done in ${seconds(started)}`);
  }
}

/** Seconds since a `process.hrtime.bigint()` reading, for the log. */
export function seconds(started) {
  return `${(Number(process.hrtime.bigint() - started) / 1e9).toFixed(1)} s`;
}
