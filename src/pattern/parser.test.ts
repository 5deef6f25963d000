import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ComparisonExpression, ObservationExpression } from './ast.js';
import { parsePattern } from './parser.js';
import { PatternError, renderCaret } from './pattern-error.js';

const root = (p: string, specVersion: '2.0' | '2.1' = '2.1'): ObservationExpression =>
  parsePattern(p, { specVersion }).root;
const comparison = (p: string): ComparisonExpression => {
  const r = root(p);
  if (r.kind !== 'observation') throw new Error('not a single observation');
  return r.expression;
};
const shape = (e: ObservationExpression): string => {
  switch (e.kind) {
    case 'observation':
      return 'O';
    case 'obs-and':
      return `(${shape(e.left)} AND ${shape(e.right)})`;
    case 'obs-or':
      return `(${shape(e.left)} OR ${shape(e.right)})`;
    case 'followedby':
      return `(${shape(e.left)} FB ${shape(e.right)})`;
    case 'repeats':
      return `${shape(e.expression)}x${e.times}`;
    case 'within':
      return `${shape(e.expression)}w${e.seconds}`;
    case 'startstop':
      return `${shape(e.expression)}ss`;
  }
};
const cshape = (e: ComparisonExpression): string =>
  e.kind === 'and' || e.kind === 'or'
    ? `(${e.operands.map(cshape).join(` ${e.kind} `)})`
    : e.kind === 'exists'
      ? 'E'
      : 'c';
const errorOf = (p: string, specVersion: '2.0' | '2.1' = '2.1'): PatternError => {
  try {
    parsePattern(p, { specVersion });
  } catch (err) {
    if (err instanceof PatternError) return err;
    throw err;
  }
  throw new Error(`parsed: ${p}`);
};

describe('parser: observation expressions (9.5)', () => {
  it('9.5 a single observation expression in brackets', () => {
    expect(shape(root("[file:name = 'a']"))).toBe('O');
  });
  it('9.5.3 AND binds tighter than OR, OR tighter than FOLLOWEDBY', () => {
    expect(shape(root('[a:x=1] OR [a:x=2] AND [a:x=3] FOLLOWEDBY [a:x=4]'))).toBe('((O OR (O AND O)) FB O)');
  });
  it('9.5.3 operators associate left to right', () => {
    expect(shape(root('[a:x=1] AND [a:x=2] AND [a:x=3]'))).toBe('((O AND O) AND O)');
    expect(shape(root('[a:x=1] FOLLOWEDBY [a:x=2] FOLLOWEDBY [a:x=3]'))).toBe('((O FB O) FB O)');
  });
  it('9.5.3 parentheses override precedence', () => {
    expect(shape(root('([a:x=1] OR [a:x=2]) AND [a:x=3]'))).toBe('((O OR O) AND O)');
  });
  it('9.5.2 qualifiers are not greedy: [b] FOLLOWEDBY [c] REPEATS 5 TIMES repeats only c', () => {
    expect(shape(root("[a:x='b'] FOLLOWEDBY [a:x='d'] REPEATS 5 TIMES"))).toBe('(O FB Ox5)');
    expect(shape(root("([a:x='b'] FOLLOWEDBY [a:x='d']) REPEATS 5 TIMES"))).toBe('(O FB O)x5');
  });
  it('9.5.1 qualifiers chain: REPEATS then WITHIN then START/STOP', () => {
    const p =
      "[a:x=1] REPEATS 2 TIMES WITHIN 1.5 SECONDS START t'2016-06-01T00:00:00Z' STOP t'2016-07-01T00:00:00Z'";
    expect(shape(root(p))).toBe('Ox2w1.5ss');
  });
  it('9.5.1 a second qualifier of one kind is an error', () => {
    expect(errorOf('[a:x=1] REPEATS 2 TIMES REPEATS 3 TIMES').code).toBe('PATTERN_DUPLICATE_QUALIFIER');
  });
  it('9.5.1 REPEATS needs a positive integer and WITHIN a positive number', () => {
    expect(errorOf('[a:x=1] REPEATS 0 TIMES').code).toBe('PATTERN_INVALID_QUALIFIER');
    expect(errorOf('[a:x=1] REPEATS 1.5 TIMES').code).toBe('PATTERN_EXPECTED_TOKEN');
    expect(errorOf('[a:x=1] WITHIN 0 SECONDS').code).toBe('PATTERN_INVALID_QUALIFIER');
    expect(errorOf('[a:x=1] WITHIN -3 SECONDS').code).toBe('PATTERN_INVALID_QUALIFIER');
  });
  it('9.5.1 START must be before STOP, and both are timestamps', () => {
    expect(errorOf("[a:x=1] START t'2016-07-01T00:00:00Z' STOP t'2016-06-01T00:00:00Z'").code).toBe(
      'PATTERN_INVALID_QUALIFIER',
    );
    expect(errorOf("[a:x=1] START '2016-06-01T00:00:00Z' STOP '2016-07-01T00:00:00Z'").code).toBe(
      'PATTERN_EXPECTED_TOKEN',
    );
  });
  it("9.5.1 in 2.0 mode START/STOP also take '…' timestamps (CONTRACT.md)", () => {
    expect(shape(root("[a:x=1] START '2016-06-01T00:00:00Z' STOP '2016-07-01T00:00:00Z'", '2.0'))).toBe(
      'Oss',
    );
    expect(errorOf("[a:x=1] START 'yesterday' STOP '2016-07-01T00:00:00Z'", '2.0').code).toBe(
      'PATTERN_INVALID_TIMESTAMP',
    );
  });
});

describe('parser: comparison expressions (9.6)', () => {
  it('9.6 AND binds tighter than OR inside brackets; parentheses group', () => {
    expect(cshape(comparison('[a:x=1 AND a:y=2 OR a:z=3]'))).toBe('((c and c) or c)');
    expect(cshape(comparison('[a:x=1 AND (a:y=2 OR a:z=3)]'))).toBe('(c and (c or c))');
  });
  it.each([
    ['=', "file:name = 'a'"],
    ['!=', 'file:size != 4112'],
    ['!=', 'file:size <> 4112'],
    ['<', 'file:size < 1'],
    ['<=', 'file:size <= 1'],
    ['>', 'file:size > 256'],
    ['>=', 'file:size >= 33312'],
    ['IN', "process:name IN ('proccy', 'proximus', 'badproc')"],
    ['LIKE', "directory:path LIKE 'C:\\\\Windows\\\\%\\\\foo'"],
    ['MATCHES', "directory:path MATCHES '^C:\\\\\\\\Windows\\\\w+$'"],
    ['ISSUBSET', "ipv4-addr:value ISSUBSET '198.51.100.0/24'"],
    ['ISSUPERSET', "ipv4-addr:value ISSUPERSET '198.51.100.0/24'"],
  ])('9.6.1 operator %s', (op, text) => {
    const c = comparison(`[${text}]`);
    expect(c.kind === 'comparison' && c.operator).toBe(op);
    const n = comparison(
      `[${text.replace(/ (=|!=|<>|<|<=|>|>=|IN|LIKE|MATCHES|ISSUBSET|ISSUPERSET) /, ' NOT $1 ')}]`,
    );
    expect(n.kind === 'comparison' && n.negated).toBe(true);
  });
  it('9.6.1 EXISTS takes an object path', () => {
    expect(comparison('[EXISTS windows-registry-key:values]').kind).toBe('exists');
  });
  it('9.6.1 ordering operators refuse booleans; LIKE/MATCHES/ISSUBSET need strings', () => {
    expect(errorOf('[a:x < true]').code).toBe('PATTERN_EXPECTED_TOKEN');
    expect(errorOf('[a:x LIKE 5]').code).toBe('PATTERN_EXPECTED_TOKEN');
    expect(errorOf("[a:x ISSUBSET h'ff']").code).toBe('PATTERN_EXPECTED_TOKEN');
  });
  it('9.6.1 IN takes a parenthesised list, possibly empty', () => {
    const c = comparison("[a:x IN ('a', 'b')]");
    expect(c.kind === 'comparison' && Array.isArray(c.value) && c.value.length).toBe(2);
    const e = comparison('[a:x IN ()]');
    expect(e.kind === 'comparison' && Array.isArray(e.value) && e.value.length).toBe(0);
    expect(errorOf("[a:x IN ('a' 'b')]").message).toContain("expected ',' or ')'");
  });
});

describe('parser: constants (9.2)', () => {
  const literal = (text: string) => {
    const c = comparison(`[a:x = ${text}]`);
    if (c.kind !== 'comparison' || Array.isArray(c.value)) throw new Error('no literal');
    return c.value as { kind: string; value: unknown };
  };
  it("9.2 strings: only \\' and \\\\ are escapes", () => {
    expect(literal("'it\\'s a \\\\ test'")).toMatchObject({ kind: 'string', value: "it's a \\ test" });
    expect(errorOf("[a:x = 'bad \\n']").code).toBe('PATTERN_INVALID_ESCAPE');
    expect(errorOf("[a:x = 'open]").code).toBe('PATTERN_UNTERMINATED_STRING');
  });
  it('9.2 integers and floats, signed, without leading zeros', () => {
    expect(literal('-12')).toMatchObject({ kind: 'int', value: -12 });
    expect(literal('+7')).toMatchObject({ kind: 'int', value: 7 });
    expect(literal('7.25')).toMatchObject({ kind: 'float', value: 7.25 });
    expect(literal('-.5')).toMatchObject({ kind: 'float', value: -0.5 });
    expect(errorOf('[a:x = 007]').code).toBe('PATTERN_INVALID_NUMBER');
    expect(errorOf('[a:x = 99999999999999999999]').code).toBe('PATTERN_INVALID_NUMBER');
  });
  it('9.2 booleans are lower-case true and false', () => {
    expect(literal('true')).toMatchObject({ kind: 'bool', value: true });
    expect(literal('false')).toMatchObject({ kind: 'bool', value: false });
  });
  it("9.2 hex h'…' needs an even number of hex digits", () => {
    expect(literal("h'ffc3'")).toMatchObject({ kind: 'hex', value: new Uint8Array([0xff, 0xc3]) });
    expect(errorOf("[a:x = h'fff']").code).toBe('PATTERN_INVALID_HEX');
    expect(errorOf("[a:x = h'zz']").code).toBe('PATTERN_INVALID_HEX');
  });
  it("9.2 binary b'…' is padded base64; line feeds are ignored", () => {
    expect(literal("b'ABI='")).toMatchObject({ kind: 'binary', value: new Uint8Array([0, 0x12]) });
    expect(literal("b'AB\nI='")).toMatchObject({ kind: 'binary', value: new Uint8Array([0, 0x12]) });
    expect(errorOf("[a:x = b'ABI']").code).toBe('PATTERN_INVALID_BINARY');
    expect(errorOf("[a:x = b'A*I=']").code).toBe('PATTERN_INVALID_BINARY');
  });
  it("9.2 timestamps t'…' are STIX timestamps (2.16) with any fraction", () => {
    expect(literal("t'2014-01-13T07:03:17Z'")).toMatchObject({ kind: 'timestamp' });
    expect(literal("t'2016-02-29T00:00:00.123456Z'")).toMatchObject({ kind: 'timestamp' });
    for (const bad of [
      '2015-02-29T00:00:00Z',
      '2014-13-01T00:00:00Z',
      '2014-01-13 07:03:17Z',
      '2014-01-13T07:03:17+01:00',
    ])
      expect(errorOf(`[a:x = t'${bad}']`).code).toBe('PATTERN_INVALID_TIMESTAMP');
  });
});

describe('parser: object paths (9.7)', () => {
  const path = (text: string) => {
    const c = comparison(`[${text} = 1]`);
    if (c.kind !== 'comparison') throw new Error('no path');
    return c.path.steps.map((s) => (s.kind === 'key' ? s.name : `[${s.index}]`)).join(' ');
  };
  it('9.7.1 basic properties', () => expect(path('file:size')).toBe('size'));
  it('9.7.2 list steps [n] and [*]', () => {
    expect(path("file:extensions.'windows-pebinary-ext'.sections[*].entropy")).toBe(
      'extensions windows-pebinary-ext sections [*] entropy',
    );
    expect(path('network-traffic:protocols[0]')).toBe('protocols [0]');
    expect(errorOf('[a:x[-1] = 1]').code).toBe('PATTERN_INVALID_LIST_INDEX');
  });
  it('9.7.3 dictionary keys, quoted when they contain - or .', () => {
    expect(path("file:hashes.'SHA-256'")).toBe('hashes SHA-256');
    expect(path('file:hashes.MD5')).toBe('hashes MD5');
    expect(errorOf('[file:hashes.SHA-256 = 1]').code).toBe('PATTERN_UNQUOTED_PROPERTY');
  });
  it('9.7.4 reference properties are plain steps', () => {
    expect(path('email-message:from_ref.value')).toBe('from_ref value');
    expect(path('directory:contains_refs[*].name')).toBe('contains_refs [*] name');
  });
});

describe('parser: errors and limits', () => {
  it('9.4 errors give line:column and what was expected', () => {
    const err = errorOf("[file:name = 'a'\n  AND file:size ]");
    expect(err.message).toBe(
      "2:17: expected a comparison operator (=, !=, <, <=, >, >=, IN, LIKE, MATCHES, ISSUBSET, ISSUPERSET), found ']'",
    );
    expect(err.position).toMatchObject({ line: 2, column: 17 });
    expect(renderCaret("[file:name = 'a'\n  AND file:size ]", err.position!)).toBe(
      '  AND file:size ]\n                ^',
    );
  });
  it('9.4 keywords are upper case', () => {
    expect(errorOf('[a:x = 1 and a:y = 2]').code).toBe('PATTERN_EXPECTED_TOKEN');
  });
  it('9.4 any Unicode whitespace delimits tokens', () => {
    expect(shape(root('[a:x\u00a0=\u20031]\u2028AND\t[a:y = 2]'))).toBe('(O AND O)');
  });
  it('limits: maxLength, maxDepth and maxNodes', () => {
    expect(() => parsePattern(`[a:x = '${'a'.repeat(200)}']`, { limits: { maxLength: 100 } })).toThrow(
      /longer than 100/,
    );
    const deep = `${'('.repeat(150)}[a:x=1]${')'.repeat(150)}`;
    expect(errorOf(deep).code).toBe('PATTERN_LIMIT_EXCEEDED');
    expect(() => parsePattern(deep, { limits: { maxDepth: 200 } })).not.toThrow();
    const wide = `[${Array.from({ length: 50 }, (_, i) => `a:x = ${i}`).join(' OR ')}]`;
    expect(() => parsePattern(wide, { limits: { maxNodes: 20 } })).toThrow(PatternError);
    expect(errorOf('[a:x = 1] REPEATS 5000 TIMES').code).toBe('PATTERN_LIMIT_EXCEEDED');
  });
  it('9.8 every example pattern of the spec parses', () => {
    const lines = readFileSync(
      new URL('../../test/fixtures/pattern/spec-examples-9.8.jsonl', import.meta.url),
      'utf8',
    )
      .trim()
      .split('\n');
    expect(lines.length).toBe(22);
    for (const line of lines) expect(() => parsePattern(JSON.parse(line).pattern)).not.toThrow();
  });
});

describe('9.6.1 equality spelled == (STIXPattern.g4 EQ: = | ==)', () => {
  it('9.6.1 == reads as = in the 2.0 and 2.1 grammars, <> as !=', () => {
    for (const specVersion of ['2.0', '2.1'] as const) {
      const eq = parsePattern("[x-y:v == t'2020-01-01T00:00:00Z']", { specVersion }).root;
      expect(eq.kind === 'observation' && eq.expression.kind === 'comparison' && eq.expression.operator).toBe(
        '=',
      );
      const ne = parsePattern("[x-y:v <> 'a']", { specVersion }).root;
      expect(ne.kind === 'observation' && ne.expression.kind === 'comparison' && ne.expression.operator).toBe(
        '!=',
      );
    }
    expect(() => parsePattern("[x-y:v === 'a']")).toThrow(PatternError);
  });
});
