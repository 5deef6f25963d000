/**
 * A byte scanner that splits a JSON document into its STIX objects without parsing it char by char
 * in JS: it finds object boundaries (tracking strings, escapes and depth, skipping string bodies
 * with the native Buffer.indexOf) and hands each object's bytes to JSON.parse. Memory is bounded by
 * the largest single object, not by the document.
 */
import { StixError } from '../errors/catalog.js';
import { DEFAULT_INPUT_LIMITS } from '../limits/input-limits.js';
import { countKeys } from './locate-json-problem.js';
import type { RefusedItem, ScanEvent, StreamLimits } from './scan-events.js';
import { type DuplicateKey, duplicateIn, syntaxErrorIn } from './scan-problems.js';
import { describeUtf8Problem, type Utf8Problem, Utf8Stream } from './strict-utf8.js';

export type { RefusedItem, ScanEvent, StreamLimits } from './scan-events.js';
export type { DuplicateKey } from './scan-problems.js';

const Q = 0x22; // "
const BS = 0x5c; // \
const NL = 0x0a;

enum S {
  Start,
  TopKeyOrEnd,
  TopKey,
  TopColon,
  TopValue,
  TopAfterValue,
  ArrValueOrEnd,
  ArrValue,
  ArrAfterValue,
  Capture,
  End,
}

const isWs = (b: number): boolean => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;

/** Incremental scanner: push chunks, collect events; call finish() at the end of input. */
export class JsonScanner {
  private readonly maxDepth: number;
  private readonly maxObjectBytes: number;
  private state = S.Start;
  private base = 0; // absolute offset of the current chunk
  private line = 1;
  private lineStart = 0; // absolute offset where the current line starts
  private shape: 'array' | 'object' = 'object';
  private readonly envelope: Record<string, unknown> = {};
  private envelopeBytes = 0;
  private readonly envelopeDuplicates: DuplicateKey[] = [];
  private streamedObjects = false;
  private key = '';
  private index = 0; // element index in the streamed array
  private arrayPrefix = '';
  private afterArray = S.End;
  private returnTo = S.End; // state after a capture completes
  private captureFor: 'item' | 'field' | 'key' = 'item';
  // capture state
  private parts: Buffer[] = [];
  private partStart = 0;
  private capBytes = 0;
  private depth = 0;
  private baseDepth = 0;
  private inString = false;
  private escapeCarry = false;
  private keyPending = false;
  private keys = 0;
  private primitive = false;
  /** Why the item being captured is refused (its bytes are counted, not kept), if it is. */
  private refused: RefusedItem | undefined;
  private startLine = 1;
  private startColumn = 1;
  private events: ScanEvent[] = [];
  private readonly utf8 = new Utf8Stream();

  constructor(limits: StreamLimits = {}) {
    this.maxDepth = limits.maxDepth ?? DEFAULT_INPUT_LIMITS.maxDepth;
    this.maxObjectBytes = limits.maxObjectBytes ?? DEFAULT_INPUT_LIMITS.maxObjectBytes;
  }

  private where(abs: number): string {
    return `line ${this.line}, column ${abs - this.lineStart + 1}`;
  }

  private fail(
    code:
      | 'STIX_JSON_SYNTAX'
      | 'STIX_JSON_TRUNCATED'
      | 'STIX_TOO_DEEP'
      | 'STIX_OBJECT_TOO_LARGE'
      | 'STIX_INVALID_UTF8',
    abs: number,
    message: string,
  ): never {
    const where = this.where(abs);
    throw new StixError(code, `${where}: ${message}`, where);
  }

  /**
   * Scans one chunk; returns the events completed in it. Bytes that are not UTF-8 stop the scan
   * where they start (JSON.parse of a decoded string would see U+FFFD, not the bytes sent).
   */
  push(chunk: Buffer): ScanEvent[] {
    this.events = [];
    if (chunk.length === 0) return this.events;
    const problem = this.utf8.push(chunk);
    if (problem === undefined) {
      this.scan(chunk);
      return this.events;
    }
    // Scanning up to the bad bytes keeps line and column right, and reports earlier errors first.
    const valid = Math.max(0, problem.offset - this.base);
    if (valid > 0) this.scan(chunk.subarray(0, valid));
    return this.utf8Fail(problem);
  }

  private utf8Fail(problem: Utf8Problem): never {
    const where = this.where(problem.offset);
    throw new StixError('STIX_INVALID_UTF8', describeUtf8Problem(problem, where), where);
  }

  private scan(chunk: Buffer): void {
    let i = 0;
    const n = chunk.length;
    if (this.state === S.Capture) this.partStart = 0;
    while (i < n) {
      if (this.state === S.Capture) {
        i = this.capture(chunk, i);
        continue;
      }
      const b = chunk[i]!;
      if (isWs(b)) {
        if (b === NL) {
          this.line++;
          this.lineStart = this.base + i + 1;
        }
        i++;
        continue;
      }
      i = this.structural(chunk, i, b);
    }
    if (this.state === S.Capture) this.keepPart(chunk, this.partStart, n);
    this.base += n;
  }

  /** Ends the input: reports truncation or the document's end. */
  finish(): ScanEvent[] {
    this.events = [];
    const problem = this.utf8.finish();
    if (problem !== undefined) this.utf8Fail(problem);
    if (this.state === S.Capture && this.primitive && this.depth === 0) this.complete(this.base);
    if (this.state === S.Start) this.fail('STIX_JSON_TRUNCATED', this.base, 'the input is empty');
    if (this.state !== S.End)
      this.fail('STIX_JSON_TRUNCATED', this.base, 'the input ends before the JSON document is complete');
    this.events.push({
      kind: 'end',
      shape: this.shape,
      envelope: this.envelope,
      envelopeDuplicates: this.envelopeDuplicates,
      streamedObjects: this.streamedObjects,
    });
    return this.events;
  }

  private structural(chunk: Buffer, i: number, b: number): number {
    const abs = this.base + i;
    switch (this.state) {
      case S.Start:
        if (b === 0xef && chunk[i + 1] === 0xbb && chunk[i + 2] === 0xbf && abs === 0) return i + 3; // UTF-8 BOM
        if (b === 0x7b) {
          this.shape = 'object';
          this.state = S.TopKeyOrEnd;
        } else if (b === 0x5b) {
          this.shape = 'array';
          this.enterArray('', 1, S.End);
        } else {
          this.fail('STIX_JSON_SYNTAX', abs, 'expected a JSON object or array');
        }
        return i + 1;
      case S.TopKeyOrEnd:
      case S.TopKey:
        if (b === 0x7d && this.state === S.TopKeyOrEnd) {
          this.state = S.End;
          return i + 1;
        }
        if (b !== Q) this.fail('STIX_JSON_SYNTAX', abs, 'expected a property name in double quotes');
        return this.beginCapture(chunk, i, 'key', 1, S.TopColon);
      case S.TopColon:
        if (b !== 0x3a) this.fail('STIX_JSON_SYNTAX', abs, 'expected ":" after a property name');
        this.state = S.TopValue;
        return i + 1;
      case S.TopValue:
        if (
          this.key === 'objects' &&
          b === 0x5b &&
          (this.envelope.type === undefined || this.envelope.type === 'bundle')
        ) {
          this.streamedObjects = true;
          this.events.push({ kind: 'bundle-objects', envelope: { ...this.envelope } });
          this.enterArray('/objects', 2, S.TopAfterValue);
          return i + 1;
        }
        return this.beginCapture(chunk, i, 'field', 1, S.TopAfterValue);
      case S.TopAfterValue:
        if (b === 0x2c) this.state = S.TopKey;
        else if (b === 0x7d) this.state = S.End;
        else this.fail('STIX_JSON_SYNTAX', abs, 'expected "," or "}" after a property value');
        return i + 1;
      case S.ArrValueOrEnd:
        if (b === 0x5d) {
          this.state = this.afterArray;
          return i + 1;
        }
        return this.beginCapture(chunk, i, 'item', this.baseDepth, S.ArrAfterValue);
      case S.ArrValue:
        return this.beginCapture(chunk, i, 'item', this.baseDepth, S.ArrAfterValue);
      case S.ArrAfterValue:
        if (b === 0x2c) this.state = S.ArrValue;
        else if (b === 0x5d) this.state = this.afterArray;
        else this.fail('STIX_JSON_SYNTAX', abs, 'expected "," or "]" after a list item');
        return i + 1;
      default:
        this.fail('STIX_JSON_SYNTAX', abs, 'unexpected data after the end of the JSON document');
    }
  }

  private enterArray(prefix: string, depth: number, after: S): void {
    if (depth > this.maxDepth) this.fail('STIX_TOO_DEEP', this.base, `nesting deeper than ${this.maxDepth}`);
    this.arrayPrefix = prefix;
    this.index = 0;
    this.baseDepth = depth;
    this.afterArray = after;
    this.state = S.ArrValueOrEnd;
  }

  private beginCapture(
    _chunk: Buffer,
    i: number,
    what: 'item' | 'field' | 'key',
    baseDepth: number,
    returnTo: S,
  ): number {
    this.captureFor = what;
    this.returnTo = returnTo;
    this.baseDepth = baseDepth;
    this.parts = [];
    this.partStart = i;
    this.capBytes = 0;
    this.depth = 0;
    this.inString = false;
    this.escapeCarry = false;
    this.keyPending = false;
    this.keys = 0;
    this.primitive = false;
    this.refused = undefined;
    this.startLine = this.line;
    this.startColumn = this.base + i - this.lineStart + 1;
    this.state = S.Capture;
    return i; // capture() consumes the first byte
  }

  /**
   * An item past a limit is refused on its own: its bytes are still scanned to find where it
   * ends, but no longer kept, and the document goes on (the consumer reports that one item).
   * Anything else past a limit (the envelope's own fields) ends the read.
   */
  private refuse(reason: 'depth' | 'size', abs: number): void {
    const code = reason === 'depth' ? 'STIX_TOO_DEEP' : 'STIX_OBJECT_TOO_LARGE';
    const message =
      reason === 'depth'
        ? `nesting deeper than ${this.maxDepth}`
        : `an object is larger than the limit of ${this.maxObjectBytes} bytes`;
    if (this.captureFor !== 'item') this.fail(code, abs, message);
    this.refused ??= { code, message: `${this.where(abs)}: ${message}` };
    this.parts = [];
  }

  private keepPart(chunk: Buffer, start: number, end: number): void {
    if (end <= start) return;
    this.capBytes += end - start;
    if (this.refused !== undefined) return;
    const limit =
      this.captureFor === 'field' ? this.maxObjectBytes - this.envelopeBytes : this.maxObjectBytes;
    if (this.capBytes > limit) {
      this.refuse('size', this.base + start);
      return;
    }
    this.parts.push(chunk.subarray(start, end));
  }

  /** The hot loop: advances through one value's bytes; returns the index after the value or the chunk end. */
  private capture(chunk: Buffer, i: number): number {
    const n = chunk.length;
    let depth = this.depth;
    for (;;) {
      if (this.inString) {
        if (this.escapeCarry) {
          this.escapeCarry = false;
          i++;
        }
        const resume = i;
        let q = chunk.indexOf(Q, i);
        // Skip quotes preceded by an odd run of backslashes (escaped quotes).
        while (q !== -1) {
          let k = q - 1;
          while (k >= resume && chunk[k] === BS) k--;
          if ((q - 1 - k) % 2 === 0) break;
          q = chunk.indexOf(Q, q + 1);
        }
        if (q === -1) {
          let k = n - 1;
          while (k >= resume && chunk[k] === BS) k--;
          this.escapeCarry = (n - 1 - k) % 2 === 1;
          this.depth = depth;
          return n;
        }
        this.inString = false;
        i = q + 1;
        if (depth === 0) {
          // A string value (a key, or a list item that is a string) ends here.
          this.depth = 0;
          this.keepPart(chunk, this.partStart, i);
          this.complete(this.base + i);
          return i;
        }
        this.keyPending = true;
        continue;
      }
      if (this.primitive) {
        while (i < n) {
          const b = chunk[i]!;
          if (b === 0x2c || b === 0x5d || b === 0x7d || isWs(b)) {
            this.keepPart(chunk, this.partStart, i);
            this.complete(this.base + i);
            return i;
          }
          i++;
        }
        return n;
      }
      if (i >= n) {
        this.depth = depth;
        return n;
      }
      const b = chunk[i]!;
      if (this.keyPending && !isWs(b)) {
        this.keyPending = false;
        if (b === 0x3a) this.keys++;
      }
      if (b === Q) {
        this.inString = true;
        i++;
      } else if (b === 0x7b || b === 0x5b) {
        depth++;
        if (depth + this.baseDepth > this.maxDepth) this.refuse('depth', this.base + i);
        i++;
      } else if (b === 0x7d || b === 0x5d) {
        depth--;
        i++;
        if (depth <= 0) {
          if (depth < 0)
            this.fail('STIX_JSON_SYNTAX', this.base + i - 1, `unexpected "${String.fromCharCode(b)}"`);
          this.depth = 0;
          this.keepPart(chunk, this.partStart, i);
          this.complete(this.base + i);
          return i;
        }
      } else if (b === NL) {
        this.line++;
        this.lineStart = this.base + i + 1;
        i++;
      } else {
        if (depth === 0 && this.capBytes === 0 && i === this.partStart) this.primitive = true;
        i++;
      }
    }
  }

  /** A value's bytes are complete: parse them and report an item, a field or a key. */
  private complete(endAbs: number): void {
    if (this.refused !== undefined) {
      this.state = this.returnTo;
      const path = `${this.arrayPrefix}/${this.index++}`;
      this.events.push({ kind: 'item', value: undefined, path, bytes: this.capBytes, refused: this.refused });
      return;
    }
    const buf = this.parts.length === 1 ? this.parts[0]! : Buffer.concat(this.parts);
    this.parts = [];
    const text = buf.toString('utf8');
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      this.syntaxError(text, endAbs);
    }
    this.state = this.returnTo;
    if (this.captureFor === 'key') {
      this.key = value as string;
      return;
    }
    const duplicate = this.keys !== countKeys(value) ? this.duplicateIn(text) : undefined;
    if (this.captureFor === 'field') {
      this.envelopeBytes += buf.length;
      const field = `/${this.key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
      if (Object.hasOwn(this.envelope, this.key)) {
        this.envelopeDuplicates.push({
          pointer: '',
          key: JSON.stringify(this.key),
          where: this.startWhere(),
        });
      }
      if (duplicate !== undefined)
        this.envelopeDuplicates.push({ ...duplicate, pointer: field + duplicate.pointer });
      this.envelope[this.key] = value;
      return;
    }
    const path = `${this.arrayPrefix}/${this.index++}`;
    const bytes = buf.length;
    const item: ScanEvent =
      duplicate === undefined
        ? { kind: 'item', value, path, bytes }
        : {
            kind: 'item',
            value,
            path,
            bytes,
            duplicate: { ...duplicate, pointer: path + duplicate.pointer },
          };
    this.events.push(item);
  }

  private startWhere(): string {
    return `line ${this.startLine}, column ${this.startColumn}`;
  }

  private duplicateIn(text: string): DuplicateKey | undefined {
    return duplicateIn(text, this.startLine, this.startColumn);
  }

  private syntaxError(text: string, endAbs: number): never {
    throw syntaxErrorIn(text, this.startLine, this.startColumn, this.where(endAbs));
  }
}
