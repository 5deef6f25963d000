/**
 * Event times as logs write them, turned into STIX timestamps (2.16: RFC 3339, UTC `Z`) that keep
 * the source's precision: epoch seconds with a decimal fraction (Zeek), RFC 3339 / ISO 8601 with or
 * without an offset (ECS, EVE, Exchange), and W3C `date` + `time`. Date-times are read and written
 * by stix/time (parseDateTime, formatExact), Accord's one timestamp reader and writer; only epoch
 * seconds, a number rather than a date-time, are read here.
 */
import {
  formatExact,
  formatMicros,
  microsFromMillis,
  parseDateTime,
  parseUtcOffset as parseOffset,
} from '../../stix/index.js';

/** An instant: epoch milliseconds (fractional below a millisecond) and its STIX timestamp text. */
export interface EventTime {
  readonly ms: number;
  readonly text: string;
}

/** Minutes east of UTC, applied to timestamps that carry no offset (`--tz`). */
export type UtcOffset = number;

/** Reads `--tz` (`+HH:MM`, `-HH:MM`, `Z`); undefined when malformed. */
export function parseUtcOffset(text: string): UtcOffset | undefined {
  return parseOffset(text);
}

// Years 1 to 9999: STIX timestamps have four-digit years (2.16, RFC 3339).
const MIN_SECONDS = -62_135_596_800;
const MAX_SECONDS = 253_402_300_799;

/** An instant whose text is written only when asked for (most events never match). */
class Instant implements EventTime {
  readonly ms: number;
  private formatted: string | undefined;

  constructor(
    private readonly seconds: number,
    private readonly fraction: string,
  ) {
    this.ms = seconds * 1000 + (fraction ? Number(`0.${fraction}`) * 1000 : 0);
  }

  get text(): string {
    this.formatted ??= formatExact(this.seconds, this.fraction);
    return this.formatted;
  }

  toJSON(): { ms: number; text: string } {
    return { ms: this.ms, text: this.text };
  }
}

function fromParts(secondsSinceEpoch: number, fraction: string): EventTime | undefined {
  if (
    !Number.isFinite(secondsSinceEpoch) ||
    secondsSinceEpoch < MIN_SECONDS ||
    secondsSinceEpoch > MAX_SECONDS
  )
    return undefined;
  return new Instant(secondsSinceEpoch, fraction.slice(0, 9));
}

/** Epoch seconds written as a decimal (`1588205199.82437`); the fraction's digits are kept as written. */
export function epochSeconds(text: string): EventTime | undefined {
  const m = /^(\d{1,12})(?:\.(\d{1,9}))?$/.exec(text);
  if (!m) return undefined;
  return fromParts(Number(m[1]), m[2] ?? '');
}

/** An instant read from a JSON number, whose digits are looked at only when its text is asked for. */
class NumberInstant implements EventTime {
  readonly ms: number;
  private exact: EventTime | undefined;

  constructor(private readonly seconds: number) {
    this.ms = seconds * 1000;
  }

  get text(): string {
    this.exact ??= epochSeconds(String(this.seconds)) ?? new Instant(Math.floor(this.seconds), '');
    return this.exact.text;
  }

  toJSON(): { ms: number; text: string } {
    return { ms: this.ms, text: this.text };
  }
}

/**
 * Epoch seconds given as a JSON number (Zeek JSON `ts`): its digits are those of the number's
 * shortest round-trip form.
 */
export function epochNumber(n: number): EventTime | undefined {
  return Number.isFinite(n) && n >= 0 && n <= MAX_SECONDS ? new NumberInstant(n) : undefined;
}

/** An ISO 8601 / RFC 3339 date-time; without an offset it is read at `offset` minutes east of UTC. */
export function isoTime(text: string, offset: UtcOffset = 0): EventTime | undefined {
  const parsed = parseDateTime(text, offset);
  return parsed === undefined ? undefined : fromParts(parsed.seconds, parsed.fraction);
}

/** W3C extended log `date` (YYYY-MM-DD) and `time` (HH:MM:SS[.fff]), UTC unless `offset`. */
export function w3cTime(date: string, time: string, offset: UtcOffset = 0): EventTime | undefined {
  return isoTime(`${date}T${time}`, offset);
}

/** The UTC day of an instant, `YYYY-MM-DD` (the day a sighting aggregates). */
export function utcDay(time: EventTime): string {
  return time.text.slice(0, 10);
}

/** The STIX timestamp of epoch milliseconds with millisecond precision. */
export function stixMs(ms: number): string {
  return formatMicros(microsFromMillis(ms), 3);
}
