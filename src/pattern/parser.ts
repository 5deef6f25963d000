/** A recursive-descent parser for the STIX 2.1 (and 2.0) pattern grammar of section 9. */
import type {
  ComparisonExpression,
  ComparisonOperator,
  Literal,
  ObjectPath,
  ObservationExpression,
  PathStep,
  Pattern,
  SpecVersion,
} from './ast.js';
import type { PatternErrorCode } from './error-codes.js';
import { type Token, tokenize } from './lexer.js';
import { type PatternLimits, resolveLimits } from './limits.js';
import { CONSTANT_TOKENS, literalFromToken, timestampLiteral } from './literal-token.js';
import { PatternError } from './pattern-error.js';

/** Options of `parsePattern`: the grammar version and the engine limits. */
export interface ParseOptions {
  readonly specVersion?: SpecVersion | undefined;
  readonly limits?: Partial<PatternLimits> | undefined;
}

const ORDER_OPS = new Set(['<', '<=', '>', '>=']);
const STRING_OPS = new Set(['LIKE', 'MATCHES', 'ISSUBSET', 'ISSUPERSET']);
const QUALIFIERS = new Set(['START', 'WITHIN', 'REPEATS']);

/** Parses a pattern into its AST, throwing a PatternError (with line:column) on the first syntax error. */
export function parsePattern(source: string, options: ParseOptions = {}): Pattern {
  return new Parser(source, options.specVersion ?? '2.1', resolveLimits(options.limits)).parse();
}

class Parser {
  private tokens: Token[] = [];
  private pos = 0;
  private depth = 0;
  private nodes = 0;

  constructor(
    private readonly source: string,
    private readonly specVersion: SpecVersion,
    private readonly limits: PatternLimits,
  ) {}

  // pattern : observationExpressions EOF
  parse(): Pattern {
    if (this.source.length > this.limits.maxLength)
      this.fail('PATTERN_LIMIT_EXCEEDED', `pattern longer than ${this.limits.maxLength} characters`, 0);
    this.tokens = tokenize(this.source);
    const root = this.observationExpressions();
    if (this.peek().type !== 'eof')
      this.expected('AND, OR, FOLLOWEDBY, a qualifier or the end of the pattern');
    return { source: this.source, specVersion: this.specVersion, root };
  }

  // observationExpressions : observationExpressionOr (FOLLOWEDBY observationExpressionOr)*
  private observationExpressions(): ObservationExpression {
    let left = this.observationOr();
    while (this.isKeyword('FOLLOWEDBY')) {
      const offset = this.next().offset;
      left = { kind: 'followedby', left, right: this.observationOr(), offset };
      this.count();
    }
    return left;
  }

  // observationExpressionOr : observationExpressionAnd (OR observationExpressionAnd)*
  private observationOr(): ObservationExpression {
    let left = this.observationAnd();
    while (this.isKeyword('OR')) {
      const offset = this.next().offset;
      left = { kind: 'obs-or', left, right: this.observationAnd(), offset };
      this.count();
    }
    return left;
  }

  // observationExpressionAnd : observationExpression (AND observationExpression)*
  private observationAnd(): ObservationExpression {
    let left = this.qualified();
    while (this.isKeyword('AND')) {
      const offset = this.next().offset;
      left = { kind: 'obs-and', left, right: this.qualified(), offset };
      this.count();
    }
    return left;
  }

  // observationExpression : ('[' comparisonExpression ']' | '(' observationExpressions ')') qualifier*
  private qualified(): ObservationExpression {
    let expr = this.observationPrimary();
    let seen: Set<string> | undefined; // made only when a qualifier follows (most patterns have none)
    for (;;) {
      const t = this.peek();
      if (t.type !== 'keyword' || !QUALIFIERS.has(t.text)) return expr;
      seen ??= new Set();
      // 9.5.1: an Observation Expression MUST NOT have more than one Qualifier of a particular type.
      if (seen.has(t.text))
        this.fail(
          'PATTERN_DUPLICATE_QUALIFIER',
          `a second ${t.text} qualifier on one observation expression`,
          t.offset,
        );
      seen.add(t.text);
      expr = this.qualifier(expr);
      this.count();
    }
  }

  private observationPrimary(): ObservationExpression {
    const t = this.peek();
    if (t.type === '[') {
      this.next();
      this.enter(t);
      const expression = this.comparisonOr();
      this.expect(']', "AND, OR or ']'");
      this.depth--;
      this.count();
      return { kind: 'observation', expression, offset: t.offset };
    }
    if (t.type === '(') {
      this.next();
      this.enter(t);
      const inner = this.observationExpressions();
      this.expect(')', "AND, OR, FOLLOWEDBY, a qualifier or ')'");
      this.depth--;
      return inner;
    }
    return this.expected("'[' or '('");
  }

  // startStopQualifier : START TimestampLiteral STOP TimestampLiteral
  // withinQualifier : WITHIN (IntPosLiteral | FloatPosLiteral) SECONDS
  // repeatedQualifier : REPEATS IntPosLiteral TIMES
  private qualifier(expression: ObservationExpression): ObservationExpression {
    const kw = this.next();
    if (kw.text === 'REPEATS') {
      const t = this.expect('int', 'a positive integer');
      const times = Number(t.text);
      if (!(times >= 1))
        this.fail('PATTERN_INVALID_QUALIFIER', 'REPEATS needs a positive integer (9.5.1)', t.offset);
      if (times > this.limits.maxRepeats)
        this.fail(
          'PATTERN_LIMIT_EXCEEDED',
          `REPEATS ${times} exceeds the limit of ${this.limits.maxRepeats}`,
          t.offset,
        );
      this.expectKeyword('TIMES');
      return { kind: 'repeats', expression, times, offset: kw.offset };
    }
    if (kw.text === 'WITHIN') {
      const t = this.peek();
      if (t.type !== 'int' && t.type !== 'float') return this.expected('a positive number of seconds');
      this.next();
      const seconds = Number(t.text);
      if (!(seconds > 0) || !Number.isFinite(seconds))
        this.fail('PATTERN_INVALID_QUALIFIER', 'WITHIN needs a positive number of seconds (9.5.1)', t.offset);
      this.expectKeyword('SECONDS');
      return { kind: 'within', expression, seconds, offset: kw.offset };
    }
    const start = this.qualifierTimestamp();
    this.expectKeyword('STOP');
    const stop = this.qualifierTimestamp();
    if (start.value >= stop.value)
      this.fail('PATTERN_INVALID_QUALIFIER', 'START must be earlier than STOP (9.5.1)', start.offset);
    return { kind: 'startstop', expression, start, stop, offset: kw.offset };
  }

  private qualifierTimestamp(): Literal & { kind: 'timestamp' } {
    const t = this.peek();
    // CONTRACT.md: in 2.0 mode START/STOP accept both '…' and t'…' timestamps.
    if (t.type === 'timestamp' || (t.type === 'string' && this.specVersion === '2.0')) {
      this.next();
      return timestampLiteral(t, this.source);
    }
    return this.expected(this.specVersion === '2.0' ? "a timestamp t'…' or '…'" : "a timestamp t'…'");
  }

  // comparisonExpression : comparisonExpressionAnd (OR comparisonExpressionAnd)*
  private comparisonOr(): ComparisonExpression {
    const first = this.comparisonAnd();
    if (!this.isKeyword('OR')) return first;
    const operands = [first];
    while (this.isKeyword('OR')) {
      this.next();
      operands.push(this.comparisonAnd());
    }
    return { kind: 'or', operands, offset: first.offset };
  }

  // comparisonExpressionAnd : propTest (AND propTest)*
  private comparisonAnd(): ComparisonExpression {
    const first = this.propTest();
    if (!this.isKeyword('AND')) return first;
    const operands = [first];
    while (this.isKeyword('AND')) {
      this.next();
      operands.push(this.propTest());
    }
    return { kind: 'and', operands, offset: first.offset };
  }

  // propTest : '(' comparisonExpression ')' | EXISTS objectPath | objectPath NOT? operator constant
  private propTest(): ComparisonExpression {
    const t = this.peek();
    this.count();
    if (t.type === '(') {
      this.next();
      this.enter(t);
      const inner = this.comparisonOr();
      this.expect(')', "AND, OR or ')'");
      this.depth--;
      return inner;
    }
    if (this.isKeyword('EXISTS')) {
      this.next();
      return { kind: 'exists', path: this.objectPath(), offset: t.offset };
    }
    const path = this.objectPath();
    let negated = false;
    if (this.isKeyword('NOT')) {
      this.next();
      negated = true;
    }
    const opTok = this.peek();
    let operator: ComparisonOperator;
    if (opTok.type === 'op') operator = opTok.text as ComparisonOperator;
    else if (opTok.type === 'keyword' && (opTok.text === 'IN' || STRING_OPS.has(opTok.text)))
      operator = opTok.text as ComparisonOperator;
    else
      return this.expected(
        'a comparison operator (=, !=, <, <=, >, >=, IN, LIKE, MATCHES, ISSUBSET, ISSUPERSET)',
      );
    this.next();
    const value = operator === 'IN' ? this.setLiteral() : this.constant(operator);
    return { kind: 'comparison', path, operator, negated, value, offset: t.offset };
  }

  // setLiteral : '(' ')' | '(' primitiveLiteral (',' primitiveLiteral)* ')'
  private setLiteral(): Literal[] {
    this.expect('(', "'(' starting the IN set");
    const values: Literal[] = [];
    if (this.peek().type === ')') {
      this.next();
      return values;
    }
    for (;;) {
      values.push(this.constant('='));
      this.count();
      if (this.peek().type === ')') break;
      this.expect(',', "',' or ')'");
    }
    this.next();
    return values;
  }

  // primitiveLiteral : orderableLiteral | BoolLiteral ; LIKE/MATCHES/ISSUBSET/ISSUPERSET take a StringLiteral
  private constant(operator: ComparisonOperator): Literal {
    const t = this.peek();
    if (STRING_OPS.has(operator) && t.type !== 'string')
      return this.expected(`a quoted string after ${operator}`);
    if (t.type === 'bool' && ORDER_OPS.has(operator))
      return this.expected(`a number, string, binary or timestamp after ${operator}`);
    if (!CONSTANT_TOKENS.has(t.type))
      return this.expected("a constant (string, number, boolean, h'…', b'…' or t'…')");
    this.next();
    return literalFromToken(t, this.source);
  }

  // objectPath : objectType ':' firstPathComponent objectPathComponent*
  private objectPath(): ObjectPath {
    const typeTok = this.peek();
    if (typeTok.type !== 'ident' && typeTok.type !== 'bool')
      return this.expected('an object path (type:property)');
    this.next();
    this.expect(':', "':' after the object type");
    const steps: PathStep[] = [this.propertyName()];
    for (;;) {
      const t = this.peek();
      if (t.type === '.') {
        this.next();
        steps.push(this.propertyName());
      } else if (t.type === '[') {
        this.next();
        const idx = this.peek();
        if (idx.type === '*') {
          this.next();
          steps.push({ kind: 'index', index: '*', offset: idx.offset });
        } else if (idx.type === 'int') {
          this.next();
          const index = Number(idx.text);
          if (index < 0 || idx.text.startsWith('+'))
            this.fail(
              'PATTERN_INVALID_LIST_INDEX',
              `list index ${idx.text} must be 0 or more, or * (9.7.2)`,
              idx.offset,
            );
          steps.push({ kind: 'index', index, offset: idx.offset });
        } else return this.expected("a list index (an integer or '*')");
        this.expect(']', "']' closing the list index");
      } else break;
    }
    return { objectType: typeTok.text, steps, offset: typeTok.offset };
  }

  private propertyName(): PathStep {
    const t = this.peek();
    if (t.type === 'string') {
      this.next();
      return { kind: 'key', name: t.text, offset: t.offset };
    }
    if (t.type === 'ident' || t.type === 'keyword' || t.type === 'bool') {
      // 9.7: a property name containing '-' or '.' MUST be enclosed in apostrophes.
      if (t.text.includes('-'))
        this.fail(
          'PATTERN_UNQUOTED_PROPERTY',
          `property name '${t.text}' contains '-' and must be quoted`,
          t.offset,
        );
      this.next();
      return { kind: 'key', name: t.text, offset: t.offset };
    }
    return this.expected('a property name');
  }

  private peek(): Token {
    return this.tokens[this.pos] as Token;
  }

  private next(): Token {
    const t = this.tokens[this.pos] as Token;
    if (t.type !== 'eof') this.pos++;
    return t;
  }

  private isKeyword(word: string): boolean {
    const t = this.peek();
    return t.type === 'keyword' && t.text === word;
  }

  private expect(type: Token['type'], what: string): Token {
    if (this.peek().type !== type) this.expected(what);
    return this.next();
  }

  private expectKeyword(word: string): void {
    if (!this.isKeyword(word)) this.expected(word);
    this.next();
  }

  private enter(t: Token): void {
    if (++this.depth > this.limits.maxDepth)
      this.fail('PATTERN_LIMIT_EXCEEDED', `nesting deeper than ${this.limits.maxDepth}`, t.offset);
  }

  private count(): void {
    if (++this.nodes > this.limits.maxNodes)
      this.fail(
        'PATTERN_LIMIT_EXCEEDED',
        `more than ${this.limits.maxNodes} expressions`,
        this.peek().offset,
      );
  }

  private expected(what: string): never {
    const t = this.peek();
    const found =
      t.type === 'eof'
        ? 'the end of the pattern'
        : `'${t.text.length > 40 ? `${t.text.slice(0, 40)}…` : t.text}'`;
    return this.fail('PATTERN_EXPECTED_TOKEN', `expected ${what}, found ${found}`, t.offset);
  }

  private fail(code: PatternErrorCode, message: string, offset: number): never {
    throw new PatternError(code, message, this.source, offset);
  }
}
