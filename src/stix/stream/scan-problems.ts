/** The slow path of the scanner: where in the input a duplicate key or syntax error is (line:column). */
import { StixError } from '../errors/catalog.js';
import { locateJsonProblem } from './locate-json-problem.js';

/** A duplicate key found in an item: where (pointer within the document) and which key. */
export interface DuplicateKey {
  readonly pointer: string;
  readonly key: string;
  readonly where: string;
}

const NL = 0x0a;

/** `line L, column C` of a character offset in a text that starts at (line, column) of the input. */
export function positionIn(text: string, offset: number, startLine: number, startColumn: number): string {
  let line = startLine;
  let column = startColumn;
  for (let k = 0; k < offset && k < text.length; k++) {
    if (text.charCodeAt(k) === NL) {
      line++;
      column = 1;
    } else column++;
  }
  return `line ${line}, column ${column}`;
}

/** The first duplicate key of a JSON text (pointer relative to the text's value), if any. */
export function duplicateIn(text: string, startLine: number, startColumn: number): DuplicateKey | undefined {
  const problem = locateJsonProblem(text);
  if (problem?.kind !== 'duplicate') return undefined;
  return {
    pointer: problem.pointer ?? '',
    key: problem.message.replace(/^duplicate key /, ''),
    where: positionIn(text, problem.offset, startLine, startColumn),
  };
}

/** The StixError for a text JSON.parse rejected, located at its first syntax error. */
export function syntaxErrorIn(
  text: string,
  startLine: number,
  startColumn: number,
  fallbackWhere: string,
): StixError {
  const problem = locateJsonProblem(text);
  const where =
    problem === undefined ? fallbackWhere : positionIn(text, problem.offset, startLine, startColumn);
  return new StixError('STIX_JSON_SYNTAX', `${where}: ${problem?.message ?? 'malformed JSON'}`, where);
}
