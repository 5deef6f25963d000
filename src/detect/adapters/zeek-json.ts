/**
 * Zeek's JSON logs (one object per line, `LogAscii::use_json`), also as forwarded by pipelines that
 * rename `_path` to `@stream` and `id.orig_h` to `id_orig_h` (e.g. the OTRF APT29 data set).
 */
import { type JsonRecord, parseJsonLine } from '../record/json-line.js';
import { guarded } from './guarded.js';
import type { AdapterOptions, LogAdapter } from './log-adapter.js';
import { type ZeekFields, zeekEvent } from './zeek-mapping.js';

/** True when a JSON record looks like Zeek's: a `ts` beside a Zeek id (`uid`, `fuid`, `id.orig_h`) or path. */
export function looksLikeZeekJson(r: JsonRecord): boolean {
  return (
    'ts' in r &&
    ('uid' in r ||
      'fuid' in r ||
      '_path' in r ||
      '@stream' in r ||
      'id.orig_h' in r ||
      'id_orig_h' in r ||
      'id' in r)
  );
}

function fieldsOf(r: JsonRecord): ZeekFields {
  return {
    get(name) {
      let v = r[name];
      if (v === undefined && name.includes('.')) {
        v = r[name.replace(/\./g, '_')];
        if (v === undefined) {
          // Nested objects (`{"id": {"orig_h": …}}`) from some forwarders.
          let o: unknown = r;
          for (const part of name.split('.'))
            o = typeof o === 'object' && o !== null ? (o as JsonRecord)[part] : undefined;
          v = o;
        }
      }
      return v === null ? undefined : v;
    },
  };
}

/** The Zeek JSON reader. */
export function createZeekJsonAdapter(options: AdapterOptions = {}): LogAdapter {
  const offset = options.offset ?? 0;
  return {
    format: 'zeek',
    read: (line) =>
      line.trim() === ''
        ? { kind: 'reject', reason: 'empty line' }
        : guarded(() => zeekEvent(fieldsOf(parseJsonLine(line)), offset)),
    context: () => '',
  };
}
