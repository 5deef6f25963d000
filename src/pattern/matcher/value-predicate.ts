/** Builds the test one Comparison Expression applies to each value its object path yields (9.6). */
import type { ComparisonOperator, Literal } from '../ast.js';
import {
  bytesToLatin1,
  compareBytes,
  compareCodePoints,
  decodeBase64,
  decodeHex,
  latin1Bytes,
  parseTimestamp,
} from '../literals.js';
import { PatternError } from '../pattern-error.js';
import { compileLike, compileRegex, type RegexCache } from '../regex.js';
import { isSubnet, networkKey, parseIpNetwork } from './ip-network.js';

/** A test of one property value: `owner` is the object holding the property, `key` its name. */
export type ValuePredicate = (value: unknown, ownerType: unknown, key: string) => boolean;

/** 9.6.4: properties ending in _bin or _hex hold binary data. */
export const isBinaryKey = (key: string): boolean => key.endsWith('_bin') || key.endsWith('_hex');

/** True for the `value` property of an IP address object, compared as a network by = and IN. */
export const isIpValue = (ownerType: unknown, key: string): boolean =>
  key === 'value' && (ownerType === 'ipv4-addr' || ownerType === 'ipv6-addr');

function propertyBytes(value: string, key: string): Uint8Array | undefined {
  return key.endsWith('_hex') ? decodeHex(value) : decodeBase64(value);
}

/** Orders a property value against a constant; undefined when their types are incompatible (9.6.1). */
function compareTo(literal: Literal, value: unknown, key: string): number | undefined {
  switch (literal.kind) {
    case 'string': {
      if (typeof value !== 'string') return undefined;
      if (!isBinaryKey(key)) return value === literal.value ? 0 : compareCodePoints(value, literal.value);
      // 9.6.4: a string constant is converted to octets when all its code points are below U+0100.
      const a = propertyBytes(value, key);
      const b = latin1Bytes(literal.value);
      return a && b ? compareBytes(a, b) : undefined;
    }
    case 'int':
    case 'float':
      return typeof value === 'number' && !Number.isNaN(value) ? Math.sign(value - literal.value) : undefined;
    case 'bool':
      return typeof value === 'boolean' ? (value === literal.value ? 0 : 1) : undefined;
    case 'binary':
    case 'hex': {
      if (typeof value !== 'string') return undefined;
      const a = isBinaryKey(key) ? propertyBytes(value, key) : latin1Bytes(value);
      return a ? compareBytes(a, literal.value) : undefined;
    }
    case 'timestamp': {
      if (typeof value !== 'string') return undefined;
      // A string that should be a timestamp but is not (2.16, RFC 3339: 2024-02-30 does not
      // exist) leaves the comparison without an answer: an evaluation error, as the reference
      // matcher raises, rather than a silent false (or a silent true for !=).
      const ts = parseTimestamp(value);
      if (ts === undefined) throw notATimestamp(value, key);
      return compareCodePoints(ts.canonical, literal.value);
    }
  }
}

function notATimestamp(value: string, key: string): PatternError {
  const shown = value.length > 64 ? `${value.slice(0, 61)}...` : value;
  return new PatternError(
    'PATTERN_EVALUATION_ERROR',
    `${key || 'the value'} ${JSON.stringify(shown)} is compared with a timestamp but is not a valid STIX timestamp (2.16)`,
  );
}

/** An equality test with 9.3's reading of IP constants: '198.51.100.1/32' equals '198.51.100.1'. */
function equalityTest(
  literal: Literal,
): (value: unknown, ownerType: unknown, key: string) => boolean | undefined {
  const net = literal.kind === 'string' ? parseIpNetwork(literal.value) : undefined;
  const netKey = net ? networkKey(net) : undefined;
  return (value, ownerType, key) => {
    if (netKey !== undefined && typeof value === 'string' && isIpValue(ownerType, key)) {
      const v = parseIpNetwork(value);
      if (v) return networkKey(v) === netKey;
    }
    const c = compareTo(literal, value, key);
    return c === undefined ? undefined : c === 0;
  };
}

/** The string LIKE and MATCHES see: NFC for text (9.6.1), one code point per octet for binary. */
export function textForMatching(value: unknown, key: string): string | undefined {
  if (typeof value !== 'string') return undefined;
  if (isBinaryKey(key)) {
    const bytes = propertyBytes(value, key);
    return bytes ? bytesToLatin1(bytes) : undefined;
  }
  return nfc(value);
}

/** The NFC form of a string (9.6.2), skipping the work for ASCII. */
const nfc = (s: string): string => (isAscii(s) ? s : s.normalize('NFC'));

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false;
  return true;
}

/** Builds the predicate for `operator` (and its NOT form) against `literal`; MATCHES compiles on RE2. */
export function valuePredicate(
  operator: ComparisonOperator,
  negated: boolean,
  literal: Literal | readonly Literal[],
  source?: string,
  cache?: RegexCache,
): ValuePredicate {
  const base = basePredicate(operator, literal, source, cache);
  return negated ? (v, o, k) => !base(v, o, k) : base;
}

function basePredicate(
  operator: ComparisonOperator,
  literal: Literal | readonly Literal[],
  source?: string,
  cache?: RegexCache,
): ValuePredicate {
  if (Array.isArray(literal)) {
    const tests = (literal as readonly Literal[]).map(equalityTest);
    return (v, o, k) => tests.some((t) => t(v, o, k) === true);
  }
  const lit = literal as Literal;
  switch (operator) {
    case '=': {
      const eq = equalityTest(lit);
      return (v, o, k) => eq(v, o, k) === true;
    }
    case '!=': {
      // 9.6.1: incompatible types make every comparison false except !=, which is true.
      const eq = equalityTest(lit);
      return (v, o, k) => eq(v, o, k) !== true;
    }
    case '<':
    case '<=':
    case '>':
    case '>=': {
      const want =
        operator === '<'
          ? (c: number) => c < 0
          : operator === '<='
            ? (c: number) => c <= 0
            : operator === '>'
              ? (c: number) => c > 0
              : (c: number) => c >= 0;
      return (v, _o, k) => {
        const c = compareTo(lit, v, k);
        return c !== undefined && want(c);
      };
    }
    case 'LIKE': {
      const like = compileLike(lit.kind === 'string' ? nfc(lit.value) : '');
      return (v, _o, k) => {
        const text = textForMatching(v, k);
        return text !== undefined && like(text);
      };
    }
    case 'MATCHES': {
      // 9.6.2: NFC on both sides, as for LIKE (the value is normalised by textForMatching).
      const re = compileRegex(lit.kind === 'string' ? nfc(lit.value) : '', source, lit.offset, cache);
      return (v, _o, k) => {
        const text = textForMatching(v, k);
        return text !== undefined && re.test(text);
      };
    }
    case 'ISSUBSET':
    case 'ISSUPERSET': {
      const net = lit.kind === 'string' ? parseIpNetwork(lit.value) : undefined;
      if (!net) return () => false;
      const subset = operator === 'ISSUBSET';
      return (v) => {
        const n = typeof v === 'string' ? parseIpNetwork(v) : undefined;
        return n !== undefined && (subset ? isSubnet(n, net) : isSubnet(net, n));
      };
    }
    case 'IN':
      return () => false;
  }
}
