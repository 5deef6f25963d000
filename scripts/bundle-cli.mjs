/**
 * Bundles the CLI into dist/cli: main.js plus one chunk per command (and chunks they share),
 * so `accord validate` reads a few files instead of a hundred modules. Node 20's ES module
 * loader costs about 1 ms of CPU per module, which was most of a one-file validate
 * (docs/decisions/0009-cli-bundle.md). Packages stay external: native modules load from node_modules.
 */
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

rmSync('dist/cli', { recursive: true, force: true });
await build({
  entryPoints: ['src/cli/main.ts'],
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  outdir: 'dist/cli',
  entryNames: '[name]',
  chunkNames: 'chunks/[name]-[hash]',
  sourcemap: true,
  logLevel: 'warning',
});
