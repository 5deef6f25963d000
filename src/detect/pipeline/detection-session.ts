/**
 * The line-by-line core of detection, shared by batch runs and `--follow`: bytes of a line → text
 * (or a rejection) → the file's adapter (recognised with `--format auto`, checked against a given
 * `--format`) → an event → indicator matches → observed-data, SCOs and sighting aggregates.
 * Synchronous and I/O-free: the runners feed it lines and take its output.
 */
import { createAdapter } from '../adapters/create-adapter.js';
import type { LogAdapter, LogFormat } from '../adapters/log-adapter.js';
import { sniffLine } from '../adapters/sniff-format.js';
import { DetectError } from '../errors/detect-error.js';
import type { CompiledIndicators } from '../indicators/compile-indicators.js';
import type { RawLine } from '../input/line-splitter.js';
import { lineText } from '../input/line-text.js';
import type { CorrelationLimits } from '../matching/correlation-state.js';
import { EventMatcher } from '../matching/event-matcher.js';
import type { LogEvent } from '../model/log-event.js';
import { DEFAULT_SENSOR_IDENTITY, observedDataId } from '../output/detect-ids.js';
import { eventObjects, type StixJson } from '../output/stix-event.js';
import {
  type AggregationLimits,
  SightingAggregator,
  type SightingState,
} from '../sightings/sighting-aggregate.js';
import type { UtcOffset } from '../time/event-time.js';
import { type BenignValues, benignValues, suppressedBy } from '../warninglists/suppression.js';
import type { Warninglists } from '../warninglists/warninglist.js';
import {
  type DetectionReport,
  emptyReport,
  MAX_LISTED_REJECTIONS,
  type SuppressedMatches,
} from './detection-report.js';

/** How events correlate for patterns spanning events (`--scope`). */
export type CorrelationScope = 'host' | 'file' | 'global';

/** Options of a detection run. */
export interface DetectOptions {
  readonly format?: LogFormat | 'auto';
  /** Minutes east of UTC for times without an offset (`--tz`). */
  readonly offset?: UtcOffset | undefined;
  readonly retro?: boolean;
  readonly scope?: CorrelationScope;
  /** The reporting identity (`where_sighted_refs`); default: DEFAULT_SENSOR_IDENTITY. */
  readonly identity?: string | undefined;
  readonly warninglists?: Warninglists | undefined;
  readonly maxLineBytes?: number;
  readonly aggregation?: AggregationLimits;
  readonly correlation?: CorrelationLimits;
}

/** The per-file state of a session. */
export interface FileCursor {
  readonly name: string;
  adapter: LogAdapter | undefined;
  lines: number;
}

const WRITTEN_CAP = 1_000_000;

/** One detection run's matching state and output buffer. */
export class DetectionSession {
  readonly identity: string;
  readonly report: DetectionReport = emptyReport();
  readonly aggregator: SightingAggregator;
  private readonly matcher: EventMatcher;
  private readonly benign = new Map<number, BenignValues>();
  private readonly suppressed = new Map<string, SuppressedMatches>();
  private pending: StixJson[] = [];
  private written = new Set<string>();

  constructor(
    private readonly compiled: CompiledIndicators,
    private readonly options: DetectOptions = {},
    aggregator?: SightingAggregator,
  ) {
    this.identity = options.identity ?? DEFAULT_SENSOR_IDENTITY;
    this.aggregator = aggregator ?? new SightingAggregator(options.aggregation);
    this.matcher = new EventMatcher(compiled, {
      ...options.correlation,
      retro: options.retro === true,
      onDisabled: (id) =>
        this.warnOnce(
          `indicator ${compiled.indicators[id]?.id}: no longer evaluated after exceeding the pattern limits 10 times`,
        ),
      onEvaluationError: (id, err) =>
        this.warnOnce(`indicator ${compiled.indicators[id]?.id}: not evaluated on an event: ${err.message}`),
    });
    this.report.indicators_rejected.push(...compiled.rejected);
    this.report.warnings.push(...compiled.warnings, ...(options.warninglists?.warnings ?? []));
    const lists = options.warninglists;
    if (lists)
      compiled.indicators.forEach((_, id) => {
        const p = compiled.single[id]?.pattern ?? compiled.correlated.get(id)?.whole.pattern;
        const b = p ? benignValues(p, lists) : undefined;
        if (b && b.size > 0) this.benign.set(id, b);
      });
  }

  private warnOnce(message: string): void {
    if (!this.report.warnings.includes(message) && this.report.warnings.length < 1000)
      this.report.warnings.push(message);
  }

  /** A cursor for a new file (or a file read again from its start). */
  openFile(name: string): FileCursor {
    return { name, adapter: undefined, lines: 0 };
  }

  private reject(file: FileCursor, line: number, reason: string): void {
    if (this.report.rejected.length < MAX_LISTED_REJECTIONS)
      this.report.rejected.push({ file: file.name, line, reason });
    else this.report.rejected_unlisted++;
  }

  /** Decides the file's adapter from a line; undefined while the line says nothing (auto) or it is bad. */
  private adapterFor(file: FileCursor, text: string, line: number): LogAdapter | undefined {
    if (file.adapter) return file.adapter;
    const format = this.options.format ?? 'auto';
    const sniffed = sniffLine(text);
    if (format !== 'auto') {
      if (sniffed.kind === 'format' && sniffed.format !== format)
        throw new DetectError(
          'DETECT_FORMAT_MISMATCH',
          `${file.name}: --format ${format} contradicts the file: line ${line} is ${sniffed.shape}`,
        );
      const adapter = createAdapter(format, { offset: this.options.offset });
      // Kept once the file shows its format (or a header); until then each line is read on its own.
      if (sniffed.kind === 'format' || text.startsWith('#')) file.adapter = adapter;
      return adapter;
    }
    if (sniffed.kind === 'format') {
      file.adapter = createAdapter(sniffed.format, { offset: this.options.offset });
      return file.adapter;
    }
    this.reject(
      file,
      line,
      sniffed.kind === 'bad'
        ? sniffed.reason
        : 'not a line of a known log format (ECS, Zeek, W3C, Suricata EVE)',
    );
    return undefined;
  }

  /**
   * Reads one raw line of `file`. Header lines are read too (they set how later lines read).
   * Throws DetectError when the file contradicts `--format`.
   */
  line(file: FileCursor, raw: RawLine): void {
    file.lines = raw.line;
    if (raw.kind === 'too-long') {
      this.report.records++;
      this.reject(file, raw.line, `line of ${raw.bytes} bytes is longer than the limit`);
      return;
    }
    const decoded = lineText(raw.bytes, raw.line === 1);
    if (!decoded.ok) {
      this.report.records++;
      this.reject(file, raw.line, decoded.reason);
      return;
    }
    this.text(file, decoded.text, raw.line);
  }

  /** Reads one line of text (see `line`). */
  text(file: FileCursor, text: string, line: number): void {
    file.lines = line;
    const header = text.startsWith('#');
    if (!header) this.report.records++;
    if (text === '' && !file.adapter) {
      this.reject(file, line, 'empty line');
      return;
    }
    const adapter = this.adapterFor(file, text, line);
    if (!adapter) return;
    const result = adapter.read(text);
    if (result.kind === 'reject') this.reject(file, line, result.reason);
    else if (result.kind === 'event') this.event(file, adapter, result.event, text);
  }

  /** Replays a header line after a restart (no event, no report entry). */
  replayHeader(file: FileCursor, text: string, line: number): void {
    if (!text.startsWith('#') && file.adapter) return;
    const records = this.report.records;
    const rejected = this.report.rejected.length;
    if (text.startsWith('#')) this.adapterFor(file, text, line)?.read(text);
    else if ((this.options.format ?? 'auto') === 'auto') {
      const s = sniffLine(text);
      if (s.kind === 'format') file.adapter = createAdapter(s.format, { offset: this.options.offset });
    }
    this.report.records = records;
    this.report.rejected.length = rejected;
  }

  private scopeOf(file: FileCursor, event: LogEvent): string {
    const scope = this.options.scope ?? 'host';
    return scope === 'global' ? '' : scope === 'file' ? file.name : (event.host ?? '');
  }

  private event(file: FileCursor, adapter: LogAdapter, event: LogEvent, text: string): void {
    const ids = this.matcher.match(event, this.scopeOf(file, event));
    if (ids.length === 0) return;
    let od: string | undefined;
    for (const id of ids) {
      const indicator = this.compiled.indicators[id];
      if (!indicator) continue;
      const benign = this.benign.get(id);
      const hit =
        benign && this.options.warninglists
          ? suppressedBy(event, benign, this.options.warninglists)
          : undefined;
      if (hit) {
        const key = `${indicator.id}\n${hit[0]}`;
        let s = this.suppressed.get(key);
        if (!s) {
          s = { id: indicator.id, value: hit[0], warninglist: hit[1], matches: 0 };
          this.suppressed.set(key, s);
          this.report.suppressed.push(s);
        }
        s.matches++;
        continue;
      }
      this.report.matches++;
      if (od === undefined) {
        od = observedDataId(adapter.format, adapter.context(), text);
        if (!this.written.has(od)) this.emit(eventObjects(event, od, this.identity));
      }
      this.aggregator.add({
        indicator: indicator.id,
        identity: this.identity,
        time: event.time,
        observedData: od,
      });
    }
  }

  private emit(objects: { observedData: StixJson; scos: readonly StixJson[] }): void {
    if (this.written.size > WRITTEN_CAP) this.written = new Set();
    for (const o of objects.scos)
      if (!this.written.has(o.id)) {
        this.written.add(o.id);
        this.pending.push(o);
      }
    this.written.add(objects.observedData.id);
    this.pending.push(objects.observedData);
  }

  /** The observed-data and SCOs produced since the last call, in order. */
  takeObjects(): StixJson[] {
    const out = this.pending;
    this.pending = [];
    return out;
  }

  /** The number of pending output objects. */
  pendingObjects(): number {
    return this.pending.length;
  }

  /** Every sighting aggregate so far; the report's sightings count follows. */
  sightings(): SightingState[] {
    const all = this.aggregator.all();
    this.report.sightings = all.length;
    return all;
  }

  /** Carries a checkpointed report over to this session (`--follow` after a restart). */
  restoreReport(saved: DetectionReport): void {
    const r = this.report;
    r.records = saved.records;
    r.rejected.splice(0, r.rejected.length, ...saved.rejected);
    r.rejected_unlisted = saved.rejected_unlisted;
    r.matches = saved.matches;
    r.suppressed.splice(0, r.suppressed.length);
    this.suppressed.clear();
    for (const s of saved.suppressed) {
      const copy = { ...s };
      this.suppressed.set(`${s.id}\n${s.value}`, copy);
      r.suppressed.push(copy);
    }
  }

  /** Correlation counters (late events, held observations). */
  correlationStats(): { late: number; held: number } {
    return this.matcher.stats();
  }
}
