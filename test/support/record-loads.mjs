/**
 * Preload (`node --import ./test/support/record-loads.mjs …`) that appends to $RECORD_LOADS_FILE,
 * one per line, the URL of every ES module loaded and, at exit, the path of every CommonJS module
 * (native packages such as better-sqlite3 and re2 are CommonJS): tests check what a command loads.
 */
import { appendFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';

const file = process.env.RECORD_LOADS_FILE;
if (file) {
  register('./record-loads-hook.mjs', import.meta.url, { data: { file } });
  const { Module } = createRequire(import.meta.url)('node:module');
  process.on('exit', () => {
    appendFileSync(file, `${Object.keys(Module._cache).join('\n')}\n`);
  });
}
