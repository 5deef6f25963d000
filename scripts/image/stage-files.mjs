/**
 * The files of the rehearsal's stages: each stage gets a folder standing for its image's `/`, and
 * COPY fills it from the build context (less what .dockerignore leaves out, as `docker build`
 * sends it) or from an earlier stage's folder.
 */
import { cpSync, existsSync, lstatSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { resolvePath } from './dockerfile.mjs';
import { isIgnored } from './dockerignore.mjs';

/** The host path of an absolute image path inside a stage's root folder. */
export function hostPath(root, imagePath) {
  return join(root, imagePath);
}

/** Whether a folder left out of the context may still hold files an exception (`!…`) brings back. */
function mayHoldExceptions(rules, depth) {
  return rules.some((r) => !r.exclude && (r.segments.length > depth || r.segments.includes('**')));
}

/** Copies the context folder `rel` into `dest`, leaving out what the rules ignore; returns files copied. */
function copyContextFolder(context, rel, dest, rules) {
  let files = 0;
  for (const entry of readdirSync(join(context, rel), { withFileTypes: true })) {
    const childRel = rel === '' ? entry.name : `${rel}/${entry.name}`;
    const ignored = isIgnored(rules, childRel);
    if (entry.isDirectory()) {
      if (ignored && !mayHoldExceptions(rules, childRel.split('/').length)) continue;
      files += copyContextFolder(context, childRel, join(dest, entry.name), rules);
    } else if (!ignored) {
      mkdirSync(dest, { recursive: true });
      cpSync(join(context, childRel), join(dest, entry.name), { verbatimSymlinks: true });
      files++;
    }
  }
  return files;
}

/**
 * Where one COPY source lands: a folder's contents go into the destination; a file goes into it
 * when it names a folder (a trailing `/`, several sources, or an existing folder), else becomes it.
 */
function destinationOf(destHost, sourceIsDir, intoFolder, name) {
  if (sourceIsDir) return destHost;
  return intoFolder ? join(destHost, name) : destHost;
}

/** Whether the COPY destination names a folder. */
function destIsFolder(ins, destHost) {
  return (
    ins.dest.endsWith('/') ||
    ins.sources.length > 1 ||
    (existsSync(destHost) && statSync(destHost).isDirectory())
  );
}

/**
 * Performs one COPY of stage `root` (WORKDIR `workdir`). `from` is the root of the stage it copies
 * from, or null for the build context. Returns a line saying what was copied.
 */
export function performCopy(ins, { root, workdir, context, rules, from }) {
  const destImage = resolvePath(workdir, ins.dest);
  const destHost = hostPath(root, destImage);
  const intoFolder = destIsFolder(ins, destHost);
  let files = 0;
  for (const source of ins.sources) {
    if (/[*?[]/.test(source))
      throw new Error(`line ${ins.line}: COPY with wildcards is not supported by the rehearsal`);
    const src =
      from === null
        ? contextSource(context, rules, source, ins.line)
        : hostPath(from, resolvePath('/', source));
    if (!existsSync(src))
      throw new Error(
        `line ${ins.line}: COPY ${source}: not found${from === null ? ' in the build context' : ` in stage ${ins.from}`}`,
      );
    const isDir = statSync(src).isDirectory();
    const target = destinationOf(destHost, isDir, intoFolder, basename(source));
    if (from === null && isDir) {
      const copied = copyContextFolder(context, normalise(source), target, rules);
      // A folder left out whose files an exception brings back is fine; an empty result is not.
      if (copied === 0 && isIgnored(rules, normalise(source)))
        throw new Error(`line ${ins.line}: COPY ${source}: .dockerignore leaves it out of the build context`);
      files += copied;
    } else {
      mkdirSync(isDir ? target : join(target, '..'), { recursive: true });
      cpSync(src, target, { recursive: true, verbatimSymlinks: true });
      files += isDir ? countFiles(target) : 1;
    }
  }
  return `${ins.sources.join(' ')} → ${destImage} (${files} file${files === 1 ? '' : 's'})`;
}

/** A context-relative path without `./` or slashes at its ends. */
function normalise(source) {
  return source.replace(/^(\.\/)+/, '').replace(/^\/+|\/+$/g, '');
}

/** The host path of a COPY source of the context, refusing a file .dockerignore leaves out. */
function contextSource(context, rules, source, line) {
  const rel = normalise(source);
  if (rel.split('/').includes('..'))
    throw new Error(`line ${line}: COPY ${source}: outside the build context`);
  const path = join(context, rel);
  if (rel !== '' && isIgnored(rules, rel) && existsSync(path) && !statSync(path).isDirectory())
    throw new Error(`line ${line}: COPY ${source}: .dockerignore leaves it out of the build context`);
  return path;
}

/** Files under a folder (symbolic links count as files), for the copy's summary line. */
function countFiles(dir) {
  let n = 0;
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    n += lstatSync(path).isDirectory() ? countFiles(path) : 1;
  }
  return n;
}
