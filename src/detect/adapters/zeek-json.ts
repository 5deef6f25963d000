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
class JsonFields implements ZeekFields {
  private readonly spellings = new Map<string, { underscored: string; parts: string[] }>();
  private r: JsonRecord = {};
  private underscored = false;
  private nested = false;

  /** Points the reader at the next record (one reader per adapter: no allocation per record). */
  of(r: JsonRecord): this {
    this.r = r;
    this.underscored = 'id_orig_h' in r || 'id_resp_h' in r || '@stream' in r || 'certificate_serial' in r;
    this.nested = typeof r.id === 'object' || typeof r.certificate === 'object';
    return this;
  }

  private spelling(name: string): { underscored: string; parts: string[] } {
    let a = this.spellings.get(name);
    if (!a) {
      a = { underscored: name.replace(/\./g, '_'), parts: name.split('.') };
      this.spellings.set(name, a);
    }
    return a;
  }

  get(name: string): unknown {
    const r = this.r;
    let v = r[name];
    if (v === undefined && (this.underscored || this.nested) && name.includes('.')) {
      const a = this.spelling(name);
      if (this.underscored) v = r[a.underscored];
      if (v === undefined && this.nested) {
        let o: unknown = r;
        for (const part of a.parts)
          o = typeof o === 'object' && o !== null ? (o as JsonRecord)[part] : undefined;
        v = o;
      }
    }
    return v === null ? undefined : v;
  }
}

/** The Zeek JSON reader. */
export function createZeekJsonAdapter(options: AdapterOptions = {}): LogAdapter {
  const offset = options.offset ?? 0;
  const fields = new JsonFields();
  return {
    format: 'zeek',
    read: (line) =>
      line.trim() === ''
        ? { kind: 'reject', reason: 'empty line' }
        : guarded(() => zeekEvent(fields.of(parseJsonLine(line)), offset)),
    context: () => '',
  };
}
