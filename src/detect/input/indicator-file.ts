/**
 * Reads an indicators file (`--indicators`): a STIX bundle, one JSON object, or JSON lines of STIX
 * objects. Lines that are not JSON are reported (as `indicators_rejected` with their line number).
 */
import { readFile } from 'node:fs/promises';
import { isRecord } from '../../stix/index.js';
import { DetectError } from '../errors/detect-error.js';
import {
  type DetectIndicator,
  type RejectedIndicator,
  readIndicators,
} from '../indicators/detect-indicator.js';

/** Parses the text of an indicators file. */
export function parseIndicatorText(
  text: string,
  name = 'indicators',
): { indicators: DetectIndicator[]; rejected: RejectedIndicator[] } {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const trimmed = body.trim();
  if (trimmed.startsWith('{')) {
    try {
      const doc: unknown = JSON.parse(trimmed);
      if (isRecord(doc) && doc.type === 'bundle') {
        if (!Array.isArray(doc.objects))
          throw new DetectError('DETECT_BAD_INDICATORS', `${name}: a bundle without objects`);
        return readIndicators(
          doc.objects,
          typeof doc.spec_version === 'string' ? doc.spec_version : undefined,
        );
      }
      return readIndicators([doc]);
    } catch (err) {
      if (err instanceof DetectError) throw err;
      // Not one document: JSON lines.
    }
  } else if (trimmed !== '' && !trimmed.startsWith('[')) {
    throw new DetectError(
      'DETECT_BAD_INDICATORS',
      `${name}: not STIX JSON (a bundle or JSON lines of indicators)`,
    );
  }
  if (trimmed.startsWith('[')) {
    try {
      const list = JSON.parse(trimmed) as unknown;
      if (Array.isArray(list)) return readIndicators(list);
    } catch {
      throw new DetectError(
        'DETECT_BAD_INDICATORS',
        `${name}: not STIX JSON (a bundle or JSON lines of indicators)`,
      );
    }
  }
  const objects: unknown[] = [];
  const bad: RejectedIndicator[] = [];
  body.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '') return;
    try {
      objects.push(JSON.parse(line));
    } catch {
      bad.push({ id: `${name}:${i + 1}`, error: 'line is not JSON' });
    }
  });
  const read = readIndicators(objects);
  return { indicators: read.indicators, rejected: [...bad, ...read.rejected] };
}

/** Reads and parses an indicators file. */
export async function readIndicatorFile(
  path: string,
): Promise<{ indicators: DetectIndicator[]; rejected: RejectedIndicator[] }> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new DetectError(
      'DETECT_UNREADABLE_INPUT',
      `cannot read the indicators file ${path}: ${(err as Error).message}`,
    );
  }
  return parseIndicatorText(text, path);
}
