/**
 * Zeek's ASCII logs: tab-separated values under `#fields` / `#types` headers, honoured again each
 * time they appear (a log whose fields change mid-file, or several logs concatenated). Escapes
 * `\xHH`, `#unset_field` (absent) and `#empty_field` (empty) as Zeek writes them.
 */
import { RecordRejection } from '../record/record-rejection.js';
import { guarded } from './guarded.js';
import type { AdapterOptions, LineResult, LogAdapter } from './log-adapter.js';
import { type ZeekFields, zeekEvent } from './zeek-mapping.js';

const unescapeZeek = (s: string): string =>
  s.includes('\\x')
    ? s.replace(/\\x([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16)))
    : s;

interface Header {
  separator: string;
  setSeparator: string;
  empty: string;
  unset: string;
  path: string;
  fields: string[] | undefined;
  containers: boolean[];
  fieldsLine: string;
}

/** True when a line opens a Zeek TSV log (`#separator` or `#fields`). */
export function looksLikeZeekTsv(line: string): boolean {
  return line.startsWith('#separator') || line.startsWith('#fields\t');
}

/** The Zeek TSV reader of one file. */
export function createZeekTsvAdapter(options: AdapterOptions = {}): LogAdapter {
  const offset = options.offset ?? 0;
  const h: Header = {
    separator: '\t',
    setSeparator: ',',
    empty: '(empty)',
    unset: '-',
    path: '',
    fields: undefined,
    containers: [],
    fieldsLine: '',
  };

  const header = (line: string): void => {
    if (line.startsWith('#separator')) {
      h.separator = unescapeZeek(line.slice('#separator'.length).trim()) || '\t';
      return;
    }
    const parts = line.split(h.separator);
    const value = unescapeZeek(parts[1] ?? '');
    switch (parts[0]) {
      case '#set_separator':
        h.setSeparator = value;
        break;
      case '#empty_field':
        h.empty = value;
        break;
      case '#unset_field':
        h.unset = value;
        break;
      case '#path':
        h.path = value;
        break;
      case '#fields':
        h.fields = parts.slice(1);
        h.containers = h.fields.map(() => false);
        h.fieldsLine = line;
        break;
      case '#types':
        h.containers = parts.slice(1).map((t) => t.startsWith('set[') || t.startsWith('vector['));
        break;
    }
  };

  const read = (line: string): LineResult => {
    if (line.startsWith('#')) {
      header(line);
      return { kind: 'skip' };
    }
    if (line.trim() === '') return { kind: 'reject', reason: 'empty line' };
    return guarded(() => {
      const fields = h.fields;
      if (!fields) throw new RecordRejection('no #fields header before this line (not a Zeek TSV log?)');
      const values = line.split(h.separator);
      if (values.length !== fields.length)
        throw new RecordRejection(
          `expected ${fields.length} tab-separated fields (#fields), got ${values.length}`,
        );
      const byName = new Map<string, unknown>();
      fields.forEach((name, i) => {
        const raw = values[i] as string;
        if (raw === h.unset) return;
        if (h.containers[i])
          byName.set(name, raw === h.empty ? [] : raw.split(h.setSeparator).map(unescapeZeek));
        else byName.set(name, raw === h.empty ? '' : unescapeZeek(raw));
      });
      const f: ZeekFields = { get: (name) => byName.get(name) };
      return zeekEvent(f, offset);
    });
  };

  return { format: 'zeek', read, context: () => `${h.path}\n${h.fieldsLine}` };
}
