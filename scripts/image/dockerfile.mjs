/**
 * Reads a Dockerfile into its stages and instructions, for the image rehearsal
 * (scripts/rehearse-image.mjs) and the static checks of test/ops/image.test.ts. It knows the
 * instructions Accord's Dockerfile uses and refuses any other, so that the rehearsal never
 * replays an image it only half understood.
 */
import { splitWords } from './shell-words.mjs';

/** Instructions the rehearsal can replay or knowingly ignores. */
const KNOWN = new Set([
  'FROM',
  'WORKDIR',
  'COPY',
  'ENV',
  'RUN',
  'USER',
  'EXPOSE',
  'VOLUME',
  'HEALTHCHECK',
  'ENTRYPOINT',
  'CMD',
]);

/**
 * Joins continued lines and drops comments. Docker drops comment lines even inside a
 * continuation, so they are skipped before joining; each instruction keeps the line it starts on.
 */
export function logicalLines(text) {
  const out = [];
  let current = null;
  text.split(/\r?\n/).forEach((raw, index) => {
    const trimmed = raw.trim();
    if (trimmed.startsWith('#')) return;
    if (current === null && trimmed === '') return;
    const continued = /\\\s*$/.test(raw);
    const body = continued ? raw.replace(/\\\s*$/, '') : raw;
    if (current === null) current = { line: index + 1, text: body.trim() };
    else current.text += ` ${body.trim()}`;
    if (!continued) {
      out.push(current);
      current = null;
    }
  });
  if (current !== null) throw new Error(`Dockerfile line ${current.line}: the last line ends with "\\"`);
  return out;
}

/** `["a", "b"]` (exec form) as its array, or null for the shell form. */
function execForm(args) {
  if (!args.startsWith('[')) return null;
  try {
    const value = JSON.parse(args);
    if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value;
  } catch {
    // Docker treats an argument that is not a JSON array of strings as the shell form.
  }
  return null;
}

/** A command of RUN, CMD, ENTRYPOINT or HEALTHCHECK CMD: exec form, or shell form run by `/bin/sh -c`. */
function command(args) {
  const exec = execForm(args);
  return exec === null
    ? { form: 'shell', argv: ['/bin/sh', '-c', args], text: args }
    : { form: 'exec', argv: exec, text: args };
}

/** Leading `--name=value` flags of COPY and HEALTHCHECK, and what follows them. */
function leadingFlags(args) {
  const flags = {};
  let rest = args;
  for (;;) {
    const m = /^--([a-z-]+)(?:=(\S*))?\s*/.exec(rest);
    if (m === null) return { flags, rest };
    flags[m[1]] = m[2] ?? 'true';
    rest = rest.slice(m[0].length);
  }
}

/** `KEY=VALUE …` (or the old `KEY VALUE`) of ENV, with the shell's quoting rules. */
function envPairs(args, line) {
  const words = splitWords(args);
  if (words.length > 0 && !words[0].includes('=')) {
    // The old form: one variable, the rest of the line its value.
    const name = words[0];
    return [[name, args.slice(args.indexOf(name) + name.length).trim()]];
  }
  return words.map((w) => {
    const eq = w.indexOf('=');
    if (eq <= 0) throw new Error(`Dockerfile line ${line}: ENV "${w}" is not KEY=VALUE`);
    return [w.slice(0, eq), w.slice(eq + 1)];
  });
}

/** One instruction as a plain object: `{ line, keyword, args, … }` with the fields its keyword needs. */
function instruction({ line, text }) {
  const m = /^(\S+)\s*(.*)$/.exec(text);
  const keyword = m[1].toUpperCase();
  const args = m[2];
  if (!KNOWN.has(keyword))
    throw new Error(
      `Dockerfile line ${line}: the rehearsal does not know ${keyword}; teach it before using it`,
    );
  const base = { line, keyword, args };
  switch (keyword) {
    case 'FROM': {
      const words = args.split(/\s+/);
      const as = words.length === 3 && words[1].toUpperCase() === 'AS' ? words[2] : null;
      if (words.length !== 1 && as === null) throw new Error(`Dockerfile line ${line}: FROM IMAGE [AS NAME]`);
      return { ...base, image: words[0], name: as };
    }
    case 'COPY': {
      const { flags, rest } = leadingFlags(args);
      const paths = execForm(rest) ?? splitWords(rest);
      if (paths.length < 2) throw new Error(`Dockerfile line ${line}: COPY needs a source and a destination`);
      return { ...base, from: flags.from ?? null, flags, sources: paths.slice(0, -1), dest: paths.at(-1) };
    }
    case 'ENV':
      return { ...base, pairs: envPairs(args, line) };
    case 'RUN':
    case 'CMD':
    case 'ENTRYPOINT':
      return { ...base, command: command(args) };
    case 'VOLUME':
      return { ...base, paths: execForm(args) ?? args.split(/\s+/) };
    case 'HEALTHCHECK': {
      const { flags, rest } = leadingFlags(args);
      if (rest.trim().toUpperCase() === 'NONE') return { ...base, flags, command: null };
      const cmd = /^CMD\s+(.*)$/i.exec(rest);
      if (cmd === null) throw new Error(`Dockerfile line ${line}: HEALTHCHECK [OPTIONS] CMD … or NONE`);
      return { ...base, flags, command: command(cmd[1]) };
    }
    default:
      return base;
  }
}

/**
 * The stages of a Dockerfile, in order: `{ index, name, image, instructions }`. A stage is named
 * by its `AS` name, else by its index (as `COPY --from=0` names it).
 */
export function parseDockerfile(text) {
  const stages = [];
  for (const ins of logicalLines(text).map(instruction)) {
    if (ins.keyword === 'FROM') {
      stages.push({ index: stages.length, name: ins.name, image: ins.image, instructions: [] });
      continue;
    }
    if (stages.length === 0)
      throw new Error(`Dockerfile line ${ins.line}: ${ins.keyword} before the first FROM`);
    stages.at(-1).instructions.push(ins);
  }
  if (stages.length === 0) throw new Error('the Dockerfile has no FROM');
  return stages;
}

/** The stage a `COPY --from=` names (by name or index), which must come before `before`. */
export function stageNamed(stages, ref, before) {
  const found = stages.find((s) => s.name === ref || String(s.index) === ref);
  if (found === undefined || found.index >= before)
    throw new Error(`COPY --from=${ref}: no earlier stage of that name`);
  return found;
}

/** What a stage ends up with: its WORKDIR, ENV, USER and the last HEALTHCHECK, ENTRYPOINT and CMD. */
export function stageSettings(stage) {
  let workdir = '/';
  const env = {};
  const settings = { user: 'root', healthcheck: null, entrypoint: null, cmd: null, expose: [], volumes: [] };
  for (const ins of stage.instructions) {
    if (ins.keyword === 'WORKDIR') workdir = resolvePath(workdir, ins.args);
    else if (ins.keyword === 'ENV') for (const [k, v] of ins.pairs) env[k] = v;
    else if (ins.keyword === 'USER') settings.user = ins.args;
    else if (ins.keyword === 'HEALTHCHECK') settings.healthcheck = ins;
    else if (ins.keyword === 'ENTRYPOINT') settings.entrypoint = ins.command;
    else if (ins.keyword === 'CMD') settings.cmd = ins.command;
    else if (ins.keyword === 'EXPOSE') settings.expose.push(...ins.args.split(/\s+/));
    else if (ins.keyword === 'VOLUME') settings.volumes.push(...ins.paths);
  }
  return { ...settings, workdir, env };
}

/** An image path: `rel` taken from the folder `dir` (both absolute POSIX paths inside the image). */
export function resolvePath(dir, rel) {
  const parts = rel.startsWith('/') ? [] : dir.split('/').filter(Boolean);
  for (const part of rel.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return `/${parts.join('/')}`;
}

/** Docker's duration flags (`30s`, `1m30s`, `500ms`) in milliseconds. */
export function durationMs(text) {
  const units = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  let total = 0;
  let rest = text;
  while (rest !== '') {
    const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)/.exec(rest);
    if (m === null) throw new Error(`"${text}" is not a duration`);
    total += Number(m[1]) * units[m[2]];
    rest = rest.slice(m[0].length);
  }
  return total;
}
