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

/**
 * A record's fields by their Zeek names. Most names a mapping asks for are absent from a given log,
 * so an absent name must cost little: a record is looked at once to see whether it spells dotted
 * names with underscores (`id_orig_h`) or nests them (`{"id": {"orig_h": …}}`), and only then are
 * those spellings tried.
 */
function fieldsReader(): (r: JsonRecord) => ZeekFields {
  const spellings = new Map<string, { underscored: string; parts: string[] }>();
  const spelling = (name: string) => {
    let a = spellings.get(name);
    if (!a) {
      a = { underscored: name.replace(/\./g, '_'), parts: name.split('.') };
      spellings.set(name, a);
    }
    return a;
  };
  return (r) => {
    const underscored = 'id_orig_h' in r || 'id_resp_h' in r || '@stream' in r || 'certificate_serial' in r;
    const nested = typeof r.id === 'object' || typeof r.certificate === 'object';
    return {
      get(name) {
        let v = r[name];
        if (v === undefined && (underscored || nested) && name.includes('.')) {
          const a = spelling(name);
          if (underscored) v = r[a.underscored];
          if (v === undefined && nested) {
            let o: unknown = r;
            for (const part of a.parts)
              o = typeof o === 'object' && o !== null ? (o as JsonRecord)[part] : undefined;
            v = o;
          }
        }
        return v === null ? undefined : v;
      },
    };
  };
}

/** The Zeek JSON reader. */
export function createZeekJsonAdapter(options: AdapterOptions = {}): LogAdapter {
  const offset = options.offset ?? 0;
  const fieldsOf = fieldsReader();
  return {
    format: 'zeek',
    read: (line) =>
      line.trim() === ''
        ? { kind: 'reject', reason: 'empty line' }
        : guarded(() => zeekEvent(fieldsOf(parseJsonLine(line)), offset)),
    context: () => '',
  };
}
