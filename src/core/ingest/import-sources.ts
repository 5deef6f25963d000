/**
 * What `accord import` reads (CONTRACT.md "Operations", "Interoperability"): files, every
 * `.json` file of a directory (by name), a MISP feed directory as one source, or `-` for stdin, spooled to a private temporary file so that it can
 * be read twice like any file (import-file.ts). Paths that cannot be read become failures
 * with a reason in words, never an exception with a stack trace.
 */
import { createWriteStream } from 'node:fs';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { isFeedDirectory } from '../../interop/index.js';

/** One file (or MISP feed directory) to import: where it is, and how reports name it. */
export interface ImportSource {
  readonly path: string;
  readonly label: string;
  /** Bytes (of a feed: of its files). */
  readonly size: number;
  /** A MISP feed directory (manifest.json + <uuid>.json), read as a whole, not file by file. */
  readonly feed?: true;
}

/** A path given that could not be read at all. */
export interface ImportFailure {
  readonly file: string;
  readonly message: string;
  /** Objects of the file stored before it turned out broken (0 but for a file changed while imported). */
  readonly stored: number;
}

/** The sources of the paths given, the paths that failed, and a cleanup for what was spooled. */
export interface ResolvedSources {
  readonly sources: readonly ImportSource[];
  readonly failed: readonly ImportFailure[];
  cleanup(): Promise<void>;
}

/** A reason in words for a file-system error. */
export function readProblem(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file or directory';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'it is a directory';
  return err instanceof Error ? err.message : String(err);
}

/** Resolves the paths of an import, in the order given (a directory's files by name). */
export async function resolveSources(paths: readonly string[], stdin?: Readable): Promise<ResolvedSources> {
  const sources: ImportSource[] = [];
  const failed: ImportFailure[] = [];
  const spools: string[] = [];
  for (const path of paths) {
    if (path === '-') {
      if (stdin === undefined) {
        failed.push({ file: 'stdin', message: 'standard input is not available here', stored: 0 });
        continue;
      }
      // mkdtemp makes a 0700 folder; the file inside is 0600: only this user reads what was piped.
      const folder = await mkdtemp(join(tmpdir(), 'accord-import-'));
      spools.push(folder);
      const spooled = join(folder, 'stdin.json');
      await pipeline(stdin, createWriteStream(spooled, { mode: 0o600 }));
      sources.push({ path: spooled, label: 'stdin', size: (await stat(spooled)).size });
      continue;
    }
    try {
      const info = await stat(path);
      if (!info.isDirectory()) {
        sources.push({ path, label: path, size: info.size });
        continue;
      }
      const names = (await readdir(path, { withFileTypes: true }))
        .filter((e) => e.isFile() && e.name.toLowerCase().endsWith('.json'))
        .map((e) => e.name)
        .sort();
      if (await isFeedDirectory(path)) {
        let size = 0;
        for (const name of names) size += (await stat(join(path, name))).size;
        sources.push({ path, label: path, size, feed: true });
        continue;
      }
      if (names.length === 0)
        failed.push({ file: path, message: 'the directory holds no .json file', stored: 0 });
      for (const name of names) {
        const file = join(path, name);
        sources.push({ path: file, label: file, size: (await stat(file)).size });
      }
    } catch (err) {
      failed.push({ file: path, message: `cannot read it: ${readProblem(err)}`, stored: 0 });
    }
  }
  return {
    sources,
    failed,
    cleanup: async () => {
      for (const folder of spools) await rm(folder, { recursive: true, force: true });
    },
  };
}
