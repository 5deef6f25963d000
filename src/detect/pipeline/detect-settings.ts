/** Reading the options of a detection run from text (the CLI's flags), with errors that say what is wrong. */
import { LOG_FORMATS, type LogFormat } from '../adapters/log-adapter.js';
import { DetectError } from '../errors/detect-error.js';
import { parseUtcOffset, type UtcOffset } from '../time/event-time.js';

/** `--format`: auto or one of the log formats. */
export function formatSetting(text: string): LogFormat | 'auto' {
  if (text === 'auto' || (LOG_FORMATS as readonly string[]).includes(text)) return text as LogFormat | 'auto';
  throw new DetectError(
    'DETECT_FORMAT_UNKNOWN',
    `--format ${text}: expected auto, ${LOG_FORMATS.join(', ')}`,
  );
}

/** `--tz`: minutes east of UTC. */
export function timezoneSetting(text: string | undefined): UtcOffset {
  if (text === undefined) return 0;
  const offset = parseUtcOffset(text);
  if (offset === undefined)
    throw new DetectError('DETECT_BAD_TIMEZONE', `--tz ${text} is not an offset ±HH:MM`);
  return offset;
}

/** `--follow` reads files (not stdin) and appends to an output file. */
export function checkFollowSettings(paths: readonly string[], out: string | undefined): string {
  if (out === undefined)
    throw new DetectError('DETECT_BAD_OPTIONS', '--follow needs --out FILE (its output is appended there)');
  if (paths.includes('-'))
    throw new DetectError('DETECT_BAD_OPTIONS', '--follow cannot follow stdin (-); give files');
  // A gzip stream cannot be resumed at a byte offset, nor does a log writer append to one.
  const gz = paths.find((p) => p.endsWith('.gz'));
  if (gz !== undefined)
    throw new DetectError('DETECT_BAD_OPTIONS', `--follow cannot follow a gzip file (${gz})`);
  return out;
}
