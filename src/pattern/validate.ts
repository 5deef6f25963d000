/** Semantic checks of a parsed pattern (section 9): errors for MUST rules, warnings for custom content. */
import { SCO_EXTENSION_PROPERTY_NAMES, SCO_PROPERTY_NAMES } from '../stix/index.js';
import type {
  ComparisonExpression,
  Literal,
  ObjectPath,
  ObservationExpression,
  Pattern,
  SpecVersion,
} from './ast.js';
import type { PatternErrorCode } from './error-codes.js';
import type { PatternLimits } from './limits.js';
import { parseIpNetwork } from './matcher/ip-network.js';
import { rootTypes } from './matcher/observation-test.js';
import { isBinaryKey } from './matcher/value-predicate.js';
import { parsePattern } from './parser.js';
import { PatternError, positionAt } from './pattern-error.js';
import { compileRegex, type RegexCache } from './regex.js';

/** One finding about a pattern, placed by offset and line:column. */
export interface PatternIssue {
  readonly code: PatternErrorCode;
  readonly severity: 'error' | 'warning';
  readonly message: string;
  readonly section: string;
  readonly offset: number;
  readonly line: number;
  readonly column: number;
}

/** The outcome of validating a pattern: the AST and its warnings, or the issues that make it invalid. */
export type PatternValidation =
  | { readonly ok: true; readonly value: Pattern; readonly issues: readonly PatternIssue[] }
  | { readonly ok: false; readonly issues: readonly PatternIssue[] };

/** Options of `validatePattern`. */
export interface ValidateOptions {
  readonly specVersion?: SpecVersion;
  readonly limits?: Partial<PatternLimits> | undefined;
  /** Compiled MATCHES regexes are kept here for a later `compilePattern` with the same cache. */
  readonly regexCache?: RegexCache | undefined;
}

const BINARY_KINDS = new Set(['binary', 'hex']);
const NUMBER_KINDS = new Set(['int', 'float']);
const literalClass = (l: Literal): string =>
  NUMBER_KINDS.has(l.kind) ? 'number' : BINARY_KINDS.has(l.kind) ? 'binary' : l.kind;

/** Parses and checks a pattern; a syntax error becomes the single error issue. */
export function validatePattern(source: string, options: ValidateOptions = {}): PatternValidation {
  let pattern: Pattern;
  try {
    pattern = parsePattern(source, options);
  } catch (err) {
    if (!(err instanceof PatternError)) throw err;
    const pos = err.position ?? positionAt(source, 0);
    const message = err.position ? err.message.slice(err.message.indexOf(' ') + 1) : err.message;
    return { ok: false, issues: [{ code: err.code, severity: 'error', message, section: '9', ...pos }] };
  }
  const issues = new SemanticChecks(source, pattern, options.regexCache).run();
  return issues.some((i) => i.severity === 'error')
    ? { ok: false, issues }
    : { ok: true, value: pattern, issues };
}

/**
 * The semantic checks of one parsed pattern. A class rather than closures inside validatePattern:
 * it runs for every indicator ingested, and closures would be created again for each one.
 */
class SemanticChecks {
  private readonly issues: PatternIssue[] = [];
  private warnedTypes: Set<string> | undefined;

  constructor(
    private readonly source: string,
    private readonly pattern: Pattern,
    private readonly regexCache: RegexCache | undefined,
  ) {}

  /** Every finding, in the order of the pattern text. */
  run(): PatternIssue[] {
    this.walk(this.pattern.root);
    return this.issues.length > 1 ? this.issues.sort((a, b) => a.offset - b.offset) : this.issues;
  }

  private add(
    code: PatternErrorCode,
    severity: 'error' | 'warning',
    message: string,
    section: string,
    offset: number,
  ): void {
    this.issues.push({ code, severity, message, section, ...positionAt(this.source, offset) });
  }

  private walk(expr: ObservationExpression): void {
    switch (expr.kind) {
      case 'observation':
        this.checkComparison(expr.expression);
        break;
      case 'obs-and':
      case 'obs-or':
      case 'followedby':
        this.walk(expr.left);
        this.walk(expr.right);
        break;
      default:
        this.walk(expr.expression);
    }
  }

  private checkPath(path: ObjectPath): void {
    const props = SCO_PROPERTY_NAMES[path.objectType];
    if (!props) {
      this.warnedTypes ??= new Set();
      if (!this.warnedTypes.has(path.objectType))
        this.add(
          'PATTERN_UNKNOWN_OBJECT_TYPE',
          'warning',
          `'${path.objectType}' is not a STIX Cyber-observable type: assumed custom`,
          '9.7',
          path.offset,
        );
      this.warnedTypes.add(path.objectType);
      return;
    }
    const [first, second, third] = path.steps;
    if (first?.kind !== 'key') return;
    if (!props.includes(first.name)) {
      this.add(
        'PATTERN_UNKNOWN_PROPERTY',
        'warning',
        `${path.objectType} has no property '${first.name}': assumed custom`,
        '9.7',
        first.offset,
      );
      return;
    }
    if (first.name !== 'extensions' || second?.kind !== 'key') return;
    const extProps = SCO_EXTENSION_PROPERTY_NAMES[second.name];
    if (!extProps) {
      this.add(
        'PATTERN_UNKNOWN_EXTENSION',
        'warning',
        `'${second.name}' is not a predefined extension: assumed custom`,
        '9.7',
        second.offset,
      );
      return;
    }
    if (third?.kind === 'key' && !extProps.includes(third.name))
      this.add(
        'PATTERN_UNKNOWN_PROPERTY',
        'warning',
        `${second.name} has no property '${third.name}': assumed custom`,
        '9.7',
        third.offset,
      );
  }

  private checkComparison(expr: ComparisonExpression): void {
    switch (expr.kind) {
      case 'exists':
        this.checkPath(expr.path);
        return;
      case 'and':
      case 'or':
        // 9.5 (2.1): all operands of AND must be satisfiable with the same object.
        if (expr.kind === 'and' && this.pattern.specVersion === '2.1' && rootTypes(expr).size === 0)
          this.add(
            'PATTERN_AND_DIFFERENT_TYPES',
            'error',
            'AND joins comparisons on different object types; no single object can satisfy them (use OR, or separate [ ] with AND)',
            '9.5',
            expr.offset,
          );
        for (const op of expr.operands) this.checkComparison(op);
        return;
      case 'comparison':
        break;
    }
    this.checkPath(expr.path);
    const last = expr.path.steps.at(-1);
    const key = last?.kind === 'key' ? last.name : '';
    const values = Array.isArray(expr.value) ? (expr.value as readonly Literal[]) : [expr.value as Literal];
    if (Array.isArray(expr.value) && new Set(values.map(literalClass)).size > 1)
      this.add(
        'PATTERN_MIXED_SET',
        'error',
        'the constants of an IN set must all be of one data type (9.6.1)',
        '9.6.1',
        expr.offset,
      );
    for (const lit of values) {
      if (BINARY_KINDS.has(lit.kind) && key && !isBinaryKey(key))
        this.add(
          'PATTERN_TYPE_MISMATCH',
          'warning',
          `binary constant compared with '${key}', which is not a _bin or _hex property`,
          '9.6.3',
          lit.offset,
        );
      if ((lit.kind === 'int' || lit.kind === 'float' || lit.kind === 'bool') && isBinaryKey(key))
        this.add(
          'PATTERN_TYPE_MISMATCH',
          'warning',
          `${lit.kind} constant compared with binary property '${key}': always false`,
          '9.6.4',
          lit.offset,
        );
    }
    const lit = values[0];
    if (lit?.kind !== 'string') return;
    if (expr.operator === 'ISSUBSET' || expr.operator === 'ISSUPERSET') {
      if (!parseIpNetwork(lit.value))
        this.add(
          'PATTERN_INVALID_CIDR',
          'error',
          `${expr.operator} needs an IPv4 or IPv6 address or CIDR block, not '${lit.value.slice(0, 60)}'`,
          '9.6.1',
          lit.offset,
        );
      if (key !== 'value')
        this.add(
          'PATTERN_TYPE_MISMATCH',
          'warning',
          `${expr.operator} applies to the value of ipv4-addr or ipv6-addr objects`,
          '9.6.1',
          expr.offset,
        );
    }
    if (expr.operator === 'MATCHES') {
      try {
        compileRegex(lit.value, undefined, undefined, this.regexCache);
      } catch (err) {
        if (!(err instanceof PatternError)) throw err;
        this.add(err.code, 'error', err.message, '9.6.1', lit.offset);
      }
    }
  }
}

/**
 * The STIX validator's hook for indicators with pattern_type "stix": the first error as
 * "line:column: message", or undefined when the pattern is valid (warnings do not count).
 */
export function checkPattern(pattern: string, specVersion: '2.0' | '2.1'): string | undefined {
  const result = validatePattern(pattern, { specVersion });
  const error = result.issues.find((i) => i.severity === 'error');
  return error ? `${error.line}:${error.column}: ${error.message}` : undefined;
}
