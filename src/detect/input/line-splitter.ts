/**
 * Splits a byte stream into lines without holding more than one line (bounded by `maxLineBytes`):
 * a longer line is skipped to its end and reported as too long, so a 10 MB line costs no memory.
 */

/** One line of bytes (without its line feed), or the notice that a line was too long and skipped. */
export type RawLine =
  | { readonly kind: 'line'; readonly bytes: Buffer; readonly line: number; readonly end: number }
  | { readonly kind: 'too-long'; readonly bytes: number; readonly line: number; readonly end: number };

/** Default longest line accepted (1 MiB): longer ones are rejected as bad input. */
export const DEFAULT_MAX_LINE_BYTES = 1024 * 1024;

/**
 * Feeds chunks in, yields complete lines; `end` is the byte offset just past the line's line feed
 * (where reading resumes after it). `finish` yields the last line when the input does not end in a
 * line feed.
 */
export class LineSplitter {
  private parts: Buffer[] = [];
  private held = 0;
  private skipping = 0;
  private lineNo: number;
  private offset: number;

  constructor(
    private readonly maxLineBytes: number = DEFAULT_MAX_LINE_BYTES,
    start: { line: number; offset: number } = { line: 0, offset: 0 },
  ) {
    this.lineNo = start.line;
    this.offset = start.offset;
  }

  /** Lines completed by `chunk`. */
  *push(chunk: Buffer): Generator<RawLine> {
    const lines: RawLine[] = [];
    this.each(chunk, (l) => lines.push(l));
    yield* lines;
  }

  /** Calls `onLine` for each line completed by `chunk` (the hot path: no generator per line). */
  each(chunk: Buffer, onLine: (line: RawLine) => void): void {
    let from = 0;
    while (from < chunk.length) {
      const nl = chunk.indexOf(10, from);
      const stop = nl < 0 ? chunk.length : nl;
      const piece = chunk.subarray(from, stop);
      if (this.skipping > 0) this.skipping += piece.length;
      else if (this.held + piece.length > this.maxLineBytes) {
        this.skipping = this.held + piece.length;
        this.parts = [];
        this.held = 0;
      } else if (piece.length > 0) {
        this.parts.push(piece);
        this.held += piece.length;
      }
      this.offset += piece.length;
      if (nl < 0) return;
      this.offset += 1;
      onLine(this.complete());
      from = nl + 1;
    }
  }

  /**
   * Like `each`, but complete lines of plain ASCII text without NUL bytes (almost every log line)
   * are decoded a chunk at a time and handed to `onText` without their line feed or carriage
   * return; every other line (non-ASCII, NUL, too long, the first line with its possible byte
   * order mark) goes to `onLine` as bytes, to be checked one by one.
   */
  eachText(
    chunk: Buffer,
    onLine: (line: RawLine) => void,
    onText: (text: string, line: number, end: number) => void,
  ): void {
    let start = 0;
    if (this.held > 0 || this.skipping > 0 || this.lineNo === 0) {
      const nl = chunk.indexOf(10);
      if (nl < 0) {
        this.each(chunk, onLine);
        return;
      }
      this.each(chunk.subarray(0, nl + 1), onLine);
      start = nl + 1;
    }
    const last = chunk.lastIndexOf(10);
    if (last < start) {
      this.each(chunk.subarray(start), onLine);
      return;
    }
    const region = chunk.subarray(start, last + 1);
    const text = region.indexOf(0) < 0 ? region.toString('utf8') : '';
    // Same length in characters as in bytes and no replacement character: every byte is ASCII.
    if (text.length !== region.length || text.includes('\uFFFD')) this.each(region, onLine);
    else {
      let from = 0;
      while (from < text.length) {
        const nl = text.indexOf('\n', from);
        if (nl - from > this.maxLineBytes) this.each(region.subarray(from, nl + 1), onLine);
        else {
          const end = nl > from && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
          this.offset += nl + 1 - from;
          onText(text.slice(from, end), ++this.lineNo, this.offset);
        }
        from = nl + 1;
      }
    }
    if (last + 1 < chunk.length) this.each(chunk.subarray(last + 1), onLine);
  }

  /** The final line without a line feed, if any. */
  *finish(): Generator<RawLine> {
    if (this.held > 0 || this.skipping > 0) yield this.complete();
  }

  /** Lines completed so far and bytes consumed (a partial line's bytes included). */
  position(): { line: number; offset: number } {
    return { line: this.lineNo, offset: this.offset };
  }

  private complete(): RawLine {
    this.lineNo++;
    let result: RawLine;
    if (this.skipping > 0) {
      result = { kind: 'too-long', bytes: this.skipping, line: this.lineNo, end: this.offset };
      this.skipping = 0;
    } else {
      const bytes =
        this.parts.length === 1 ? (this.parts[0] as Buffer) : Buffer.concat(this.parts, this.held);
      result = { kind: 'line', bytes, line: this.lineNo, end: this.offset };
    }
    this.parts = [];
    this.held = 0;
    return result;
  }
}
