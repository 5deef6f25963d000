import { AccordError } from '../errors/index.js';
import type { PatternErrorCode } from './error-codes.js';

/** A point in the pattern text: 0-based offset, 1-based line and column (code units). */
export interface SourcePosition {
  readonly offset: number;
  readonly line: number;
  readonly column: number;
}

/** Converts an offset into a line:column position (line feeds, CR and CRLF end lines). */
export function positionAt(source: string, offset: number): SourcePosition {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, source.length);
  for (let i = 0; i < end; i++) {
    const c = source.charCodeAt(i);
    if (c === 10 || (c === 13 && source.charCodeAt(i + 1) !== 10)) {
      line++;
      lineStart = i + 1;
    }
  }
  return { offset, line, column: offset - lineStart + 1 };
}

/** The only error the pattern module throws: a stable code, a message and where in the pattern. */
export class PatternError extends AccordError<PatternErrorCode> {
  readonly position: SourcePosition | undefined;

  constructor(code: PatternErrorCode, message: string, source?: string, offset?: number) {
    const position = source !== undefined && offset !== undefined ? positionAt(source, offset) : undefined;
    super(code, position ? `${position.line}:${position.column}: ${message}` : message);
    this.position = position;
  }
}

/** Renders the line of `source` holding the error with a caret under the bad input. */
export function renderCaret(source: string, position: SourcePosition): string {
  const lines = source.split(/\r\n|\r|\n/);
  const text = lines[position.line - 1] ?? '';
  const clipped =
    text.length > 200 ? text.slice(Math.max(0, position.column - 100), position.column + 100) : text;
  const col = text.length > 200 ? Math.min(position.column - 1, 99) : position.column - 1;
  return `${clipped}\n${' '.repeat(Math.max(0, col))}^`;
}
