/** Turns a constant token into a Literal (9.2), checking what the lexer cannot: ranges, hex, base64, timestamps. */
import type { Literal } from './ast.js';
import type { Token } from './lexer.js';
import { decodeBase64, decodeHex, parseTimestamp } from './literals.js';
import { PatternError } from './pattern-error.js';

// Section 2.7: integers are within −(2^53)+1 … 2^53−1.
const MAX_INT = Number.MAX_SAFE_INTEGER;

/** The token types that are constants. */
export const CONSTANT_TOKENS = new Set(['string', 'int', 'float', 'bool', 'hex', 'binary', 'timestamp']);

/** The timestamp of a `t'…'` (or, in 2.0 START/STOP, `'…'`) token; throws PATTERN_INVALID_TIMESTAMP. */
export function timestampLiteral(t: Token, source: string): Literal & { kind: 'timestamp' } {
  const ts = parseTimestamp(t.text);
  if (!ts)
    throw new PatternError(
      'PATTERN_INVALID_TIMESTAMP',
      `invalid timestamp '${t.text.slice(0, 40)}': expected YYYY-MM-DDTHH:MM:SS[.s]Z (2.16)`,
      source,
      t.offset,
    );
  return { kind: 'timestamp', value: ts.canonical, ms: ts.ms, offset: t.offset };
}

/** The Literal of a constant token (one of CONSTANT_TOKENS); throws PatternError when the constant is invalid. */
export function literalFromToken(t: Token, source: string): Literal {
  switch (t.type) {
    case 'int': {
      const value = Number(t.text);
      if (Math.abs(value) > MAX_INT)
        invalid('PATTERN_INVALID_NUMBER', `integer ${t.text} is outside the range of section 2.7`, source, t);
      return { kind: 'int', value, offset: t.offset };
    }
    case 'float': {
      const value = Number(t.text);
      if (!Number.isFinite(value))
        invalid('PATTERN_INVALID_NUMBER', `float ${t.text} is out of range`, source, t);
      return { kind: 'float', value, offset: t.offset };
    }
    case 'bool':
      return { kind: 'bool', value: t.text === 'true', offset: t.offset };
    case 'hex': {
      const value = decodeHex(t.text);
      if (!value)
        return invalid(
          'PATTERN_INVALID_HEX',
          'hex constant needs an even number of digits 0-9, a-f (9.2)',
          source,
          t,
        );
      return { kind: 'hex', value, offset: t.offset };
    }
    case 'binary': {
      const value = decodeBase64(t.text);
      if (!value)
        return invalid('PATTERN_INVALID_BINARY', 'binary constant is not valid base64 (9.2)', source, t);
      return { kind: 'binary', value, offset: t.offset };
    }
    case 'timestamp':
      return timestampLiteral(t, source);
    default:
      return { kind: 'string', value: t.text, offset: t.offset };
  }
}

// A module function, not a closure in literalFromToken: it runs for every constant of every pattern.
function invalid(
  code: 'PATTERN_INVALID_NUMBER' | 'PATTERN_INVALID_HEX' | 'PATTERN_INVALID_BINARY',
  message: string,
  source: string,
  t: Token,
): never {
  throw new PatternError(code, message, source, t.offset);
}
