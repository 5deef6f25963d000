/**
 * Recognises a log format from one line (`--format auto`), and tells whether a line contradicts a
 * format given with `--format` (a wrong `--format` is an error, not zero results).
 */
import { type JsonRecord, parseJsonLine } from '../record/json-line.js';
import { RecordRejection } from '../record/record-rejection.js';
import { looksLikeEcs } from './ecs.js';
import type { LogFormat } from './log-adapter.js';
import { looksLikeEve } from './suricata-eve.js';
import { looksLikeW3c } from './w3c.js';
import { looksLikeZeekJson } from './zeek-json.js';
import { looksLikeZeekTsv } from './zeek-tsv.js';

/** What one line says about the format: a format, nothing (inconclusive), or why the line is bad. */
export type Sniffed =
  | { readonly kind: 'format'; readonly format: LogFormat; readonly shape: string }
  | { readonly kind: 'unknown' }
  | { readonly kind: 'bad'; readonly reason: string };

/** Recognises the format of a line. */
export function sniffLine(line: string): Sniffed {
  if (looksLikeZeekTsv(line)) return { kind: 'format', format: 'zeek', shape: 'Zeek TSV' };
  if (looksLikeW3c(line)) return { kind: 'format', format: 'w3c', shape: 'a W3C extended log' };
  if (!line.trimStart().startsWith('{')) return { kind: 'unknown' };
  let r: JsonRecord;
  try {
    r = parseJsonLine(line);
  } catch (err) {
    if (err instanceof RecordRejection) return { kind: 'bad', reason: err.message };
    throw err;
  }
  if (looksLikeEve(r)) return { kind: 'format', format: 'suricata', shape: 'Suricata EVE JSON' };
  if (looksLikeEcs(r)) return { kind: 'format', format: 'ecs', shape: 'ECS JSON' };
  if (looksLikeZeekJson(r)) return { kind: 'format', format: 'zeek', shape: 'Zeek JSON' };
  return { kind: 'unknown' };
}
