/**
 * A batch detection run: every events source read once, line by line, through a DetectionSession;
 * observed-data and SCOs are handed to the sink as they are found, sightings at the end. The
 * indicator source and the object sink are ports, so a node can feed indicators from its store and
 * keep the sightings.
 */
import { formatTimestamp } from '../../stix/index.js';
import { DetectError } from '../errors/detect-error.js';
import type { CompiledIndicators } from '../indicators/compile-indicators.js';
import { type EventSource, eventBytes } from '../input/event-bytes.js';
import { DEFAULT_MAX_LINE_BYTES, LineSplitter, type RawLine } from '../input/line-splitter.js';
import type { StixJson } from '../output/stix-event.js';
import { sightingObject } from '../sightings/sighting-aggregate.js';
import type { DetectionReport } from './detection-report.js';
import { DetectionSession, type DetectOptions } from './detection-session.js';

/** Where detection writes STIX objects. */
export interface ObjectSink {
  write(objects: readonly StixJson[]): Promise<void>;
}

/** Everything a batch run needs. */
export interface RunDetectionInput {
  readonly indicators: CompiledIndicators;
  readonly sources: readonly EventSource[];
  readonly sink: ObjectSink;
  readonly options?: DetectOptions;
  /** The clock of sighting versions (created/modified). */
  readonly now?: () => Date;
}

const FLUSH_OBJECTS = 2048;

/** Reads one source through the session, flushing objects to the sink as they accumulate. */
async function readSource(
  session: DetectionSession,
  source: EventSource,
  sink: ObjectSink,
  maxLineBytes: number,
): Promise<void> {
  const file = session.openFile(source.name);
  const splitter = new LineSplitter(maxLineBytes);
  let input: ReturnType<EventSource['open']>;
  try {
    input = source.open();
  } catch (err) {
    throw new DetectError('DETECT_UNREADABLE_INPUT', `cannot read ${source.name}: ${(err as Error).message}`);
  }
  try {
    const onLine = (raw: RawLine): void => session.line(file, raw);
    const onText = (text: string, line: number): void => session.text(file, text, line);
    for await (const chunk of eventBytes(input)) {
      splitter.eachText(chunk, onLine, onText);
      if (session.pendingObjects() >= FLUSH_OBJECTS) await sink.write(session.takeObjects());
    }
  } catch (err) {
    if (err instanceof DetectError) throw err;
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'ENOENT' || e.code === 'EACCES' || e.code === 'EISDIR')
      throw new DetectError('DETECT_UNREADABLE_INPUT', `cannot read ${source.name}: ${e.message}`);
    // A corrupt gzip stream or a read error mid-file: what was read counts, the rest is reported.
    session.report.rejected.push({
      file: source.name,
      line: splitter.position().line + 1,
      reason: `unreadable from here on: ${e.message}`,
    });
    return;
  }
  for (const raw of splitter.finish()) session.line(file, raw);
}

/** Runs detection over every source; returns the report (sightings written to the sink last). */
export async function runDetection(input: RunDetectionInput): Promise<DetectionReport> {
  const session = new DetectionSession(input.indicators, input.options);
  const maxLineBytes = input.options?.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  for (const source of input.sources) await readSource(session, source, input.sink, maxLineBytes);
  const now = formatTimestamp((input.now ?? (() => new Date()))());
  const sightings = session
    .sightings()
    .map((s) => sightingObject(s, { created: now, modified: now }) as StixJson);
  await input.sink.write([...session.takeObjects(), ...sightings]);
  const late = session.correlationStats().late;
  if (late > 0)
    session.report.warnings.push(
      `${late} events arrived too late (beyond their pattern's horizon) to correlate`,
    );
  return session.report;
}
