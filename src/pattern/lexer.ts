/** The tokenizer of STIX patterns (9.2 constants, 9.4 whitespace, keywords of 9.5 and 9.6). */
import { PatternError } from './pattern-error.js';

/** Reserved words of the grammar; they are upper case (the STIX 2.1 ANTLR grammar). */
export const KEYWORDS = new Set([
  'AND',
  'OR',
  'NOT',
  'FOLLOWEDBY',
  'LIKE',
  'MATCHES',
  'ISSUPERSET',
  'ISSUBSET',
  'EXISTS',
  'IN',
  'START',
  'STOP',
  'SECONDS',
  'WITHIN',
  'REPEATS',
  'TIMES',
]);

/** The kinds of token the lexer produces. */
export type TokenType =
  | '['
  | ']'
  | '('
  | ')'
  | ':'
  | '.'
  | ','
  | '*'
  | 'op'
  | 'ident'
  | 'keyword'
  | 'string'
  | 'int'
  | 'float'
  | 'bool'
  | 'binary'
  | 'hex'
  | 'timestamp'
  | 'eof';

/** One token: its kind, its source text (decoded for quoted literals) and where it starts. */
export interface Token {
  readonly type: TokenType;
  readonly text: string;
  readonly offset: number;
}

/** True for code points with the Unicode WSpace property (9.4). */
function isWhitespace(c: number): boolean {
  return (
    (c >= 9 && c <= 13) ||
    c === 32 ||
    c === 0x85 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  );
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isIdentStart = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
const isIdentPart = (c: number): boolean => isIdentStart(c) || isDigit(c) || c === 45;

/** Splits a pattern into tokens, throwing a PatternError at the first character no token starts with. */
export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const n = source.length;
  while (i < n) {
    const c = source.charCodeAt(i);
    if (isWhitespace(c)) {
      i++;
      continue;
    }
    const start = i;
    const ch = source[i] as string;
    if ('[]():,*'.includes(ch)) {
      tokens.push({ type: ch as TokenType, text: ch, offset: start });
      i++;
    } else if (ch === '.' && !isDigit(source.charCodeAt(i + 1))) {
      tokens.push({ type: '.', text: '.', offset: start });
      i++;
    } else if (ch === '=' || ch === '<' || ch === '>' || ch === '!') {
      const two = source.slice(i, i + 2);
      // The 2.0 and 2.1 grammars (STIXPattern.g4) spell EQ as = or ==, and NEQ as != or <>.
      const op = two === '!=' || two === '<>' || two === '<=' || two === '>=' || two === '==' ? two : ch;
      if (op === '!') fail('PATTERN_UNEXPECTED_CHARACTER', "expected '!=' after '!'", source, start);
      tokens.push({ type: 'op', text: op === '<>' ? '!=' : op === '==' ? '=' : op, offset: start });
      i += op.length;
    } else if (ch === "'") {
      const [text, end] = readQuoted(source, i, true);
      tokens.push({ type: 'string', text, offset: start });
      i = end;
    } else if ((ch === 'h' || ch === 'b' || ch === 't') && source[i + 1] === "'") {
      const [text, end] = readQuoted(source, i + 1, false);
      tokens.push({ type: ch === 'h' ? 'hex' : ch === 'b' ? 'binary' : 'timestamp', text, offset: start });
      i = end;
    } else if (isIdentStart(c)) {
      while (i < n && isIdentPart(source.charCodeAt(i))) i++;
      const text = source.slice(start, i);
      const type = KEYWORDS.has(text) ? 'keyword' : text === 'true' || text === 'false' ? 'bool' : 'ident';
      tokens.push({ type, text, offset: start });
    } else if (isDigit(c) || ch === '-' || ch === '+' || ch === '.') {
      i = readNumber(source, i, tokens);
    } else {
      const cp = source.codePointAt(i) ?? c;
      fail(
        'PATTERN_UNEXPECTED_CHARACTER',
        `unexpected character ${JSON.stringify(String.fromCodePoint(cp))}`,
        source,
        start,
      );
    }
  }
  tokens.push({ type: 'eof', text: '', offset: n });
  return tokens;
}

// A module function, not a closure in tokenize: tokenize runs for every indicator ingested.
function fail(
  code: 'PATTERN_UNEXPECTED_CHARACTER' | 'PATTERN_INVALID_NUMBER',
  msg: string,
  source: string,
  at: number,
): never {
  throw new PatternError(code, msg, source, at);
}

function readNumber(source: string, from: number, tokens: Token[]): number {
  let i = from;
  if (source[i] === '-' || source[i] === '+') i++;
  const intStart = i;
  while (isDigit(source.charCodeAt(i))) i++;
  const intDigits = source.slice(intStart, i);
  let isFloat = false;
  if (source[i] === '.' && isDigit(source.charCodeAt(i + 1))) {
    isFloat = true;
    i++;
    while (isDigit(source.charCodeAt(i))) i++;
  }
  const text = source.slice(from, i);
  if (!isFloat && intDigits.length === 0)
    fail('PATTERN_INVALID_NUMBER', `expected a number after '${text}'`, source, from);
  // 9.2: integers are written '0' or without leading zeros.
  if (!isFloat && intDigits.length > 1 && intDigits[0] === '0')
    fail('PATTERN_INVALID_NUMBER', `integer ${text} has a leading zero`, source, from);
  if (isIdentStart(source.charCodeAt(i)))
    fail('PATTERN_INVALID_NUMBER', `malformed number '${text}'`, source, from);
  tokens.push({ type: isFloat ? 'float' : 'int', text, offset: from });
  return i;
}

/** Reads `'…'` from the apostrophe at `from`; in strings only \' and \\ are escapes (9.2). */
function readQuoted(source: string, from: number, escapes: boolean): [string, number] {
  let i = from + 1;
  let out = '';
  let runStart = i;
  while (i < source.length) {
    const ch = source[i];
    if (ch === "'") return [out + source.slice(runStart, i), i + 1];
    if (ch === '\\' && escapes) {
      const next = source[i + 1];
      if (next !== "'" && next !== '\\')
        throw new PatternError(
          'PATTERN_INVALID_ESCAPE',
          `invalid escape '\\${next ?? ''}' in string: only \\' and \\\\ are allowed`,
          source,
          i,
        );
      out += source.slice(runStart, i) + next;
      i += 2;
      runStart = i;
      continue;
    }
    i++;
  }
  throw new PatternError(
    'PATTERN_UNTERMINATED_STRING',
    'unterminated quoted literal: missing closing apostrophe',
    source,
    from,
  );
}
