/** `--format zeek`: TSV (with `#fields`) and JSON, told apart line by line. */
import type { AdapterOptions, LogAdapter } from './log-adapter.js';
import { createZeekJsonAdapter } from './zeek-json.js';
import { createZeekTsvAdapter } from './zeek-tsv.js';

/** A Zeek reader: lines after a `#` header are TSV, JSON objects otherwise. */
export function createZeekAdapter(options: AdapterOptions = {}): LogAdapter {
  const tsv = createZeekTsvAdapter(options);
  const json = createZeekJsonAdapter(options);
  let sawHeader = false;
  return {
    format: 'zeek',
    read(line) {
      if (line.startsWith('#')) sawHeader = true;
      return !sawHeader && (line.startsWith('{') || line.startsWith('[')) ? json.read(line) : tsv.read(line);
    },
    context: () => (sawHeader ? tsv.context() : ''),
  };
}
