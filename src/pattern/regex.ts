/** MATCHES and LIKE on RE2 (linear time, never a backtracking engine) with PCRE constructs named when RE2 lacks them. */
import { createRequire } from 'node:module';
import type RE2 from 're2';
import { PatternError } from './pattern-error.js';

const require = createRequire(import.meta.url);

/** RE2, a native addon, is loaded on the first MATCHES compiled: parsing a pattern without one never loads it. */
const re2 = (): typeof RE2 => require('re2') as typeof RE2;

/** A compiled regular expression: `test` searches (9.6.1: the search function MUST be used). */
export interface CompiledRegex {
  test(input: string): boolean;
}

const UNSUPPORTED_GROUPS: ReadonlyArray<readonly [string, string]> = [
  ['(?=', 'lookahead (?=…)'],
  ['(?!', 'negative lookahead (?!…)'],
  ['(?<=', 'lookbehind (?<=…)'],
  ['(?<!', 'negative lookbehind (?<!…)'],
  ['(?>', 'atomic group (?>…)'],
  ['(?(', 'conditional group (?(…)…)'],
  ['(?R', 'recursion (?R)'],
  ['(?&', 'subroutine call (?&name)'],
  ['(?C', 'callout (?C…)'],
  ['(?|', 'branch reset group (?|…)'],
];

/** Compiled regexes by source text, shared by the patterns of one call or one indicator set (no global state). */
export type RegexCache = Map<string, CompiledRegex>;

/** Names the first PCRE construct RE2 cannot run, with its offset in the regex; undefined if none. */
export function findUnsupportedConstruct(regex: string): { construct: string; at: number } | undefined {
  let inClass = false;
  for (let i = 0; i < regex.length; i++) {
    const ch = regex[i];
    if (ch === '\\') {
      const next = regex[i + 1] ?? '';
      if (!inClass) {
        if (/[1-9]/.test(next)) return { construct: `backreference \\${next}`, at: i };
        if (next === 'k' || next === 'g') return { construct: `backreference \\${next}`, at: i };
        if (next === 'G' || next === 'Z' || next === 'R' || next === 'X' || next === 'K')
          return { construct: `escape \\${next}`, at: i };
      }
      i++;
      continue;
    }
    if (inClass) {
      if (ch === ']') inClass = false;
      continue;
    }
    if (ch === '[') {
      inClass = true;
      if (regex[i + 1] === '^') i++;
      if (regex[i + 1] === ']') i++;
      continue;
    }
    if (ch === '(' && regex[i + 1] === '?') {
      for (const [prefix, name] of UNSUPPORTED_GROUPS)
        if (regex.startsWith(prefix, i)) return { construct: name, at: i };
      if (/[0-9+-]/.test(regex[i + 2] ?? '')) return { construct: 'subroutine call (?n)', at: i };
    }
    if ((ch === '+' || ch === '*' || ch === '?' || ch === '}') && regex[i + 1] === '+' && i > 0)
      return { construct: `possessive quantifier ${ch}+`, at: i };
  }
  return undefined;
}

/**
 * Compiles a MATCHES regex on RE2 with DOTALL (9.6.1). Throws PATTERN_REGEX_UNSUPPORTED naming the
 * construct, or PATTERN_REGEX_INVALID with RE2's reason; `source`/`offset` place the error in the pattern.
 */
export function compileRegex(
  regex: string,
  source?: string,
  offset?: number,
  cache?: RegexCache,
): CompiledRegex {
  const cached = cache?.get(regex);
  if (cached) return cached;
  const unsupported = findUnsupportedConstruct(regex);
  if (unsupported)
    throw new PatternError(
      'PATTERN_REGEX_UNSUPPORTED',
      `MATCHES uses ${unsupported.construct} (at regex offset ${unsupported.at}), which RE2 cannot run`,
      source,
      offset,
    );
  try {
    const compiled = new (re2())(regex, 's');
    cache?.set(regex, compiled);
    return compiled;
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new PatternError(
      'PATTERN_REGEX_INVALID',
      `invalid MATCHES regular expression: ${reason}`,
      source,
      offset,
    );
  }
}

/** True when `seg` (with `_` matching any one element) occurs in `v` at `pos`. */
function segmentAt(v: readonly string[] | string, pos: number, seg: readonly string[] | string): boolean {
  for (let k = 0; k < seg.length; k++) if (seg[k] !== '_' && seg[k] !== v[pos + k]) return false;
  return true;
}

/** The leftmost position in [from, to] where `seg` occurs, or -1. */
function findSegment(
  v: readonly string[] | string,
  from: number,
  to: number,
  seg: readonly string[] | string,
): number {
  if (typeof v === 'string' && typeof seg === 'string' && !seg.includes('_')) {
    const i = v.indexOf(seg, from);
    return i >= 0 && i <= to ? i : -1;
  }
  for (let i = from; i <= to; i++) if (segmentAt(v, i, seg)) return i;
  return -1;
}

/**
 * Compiles a LIKE pattern (9.6.1: % is any run of characters, _ is one character). Matching is
 * greedy-leftmost over the %-separated segments: linear in practice, O(n·m) at worst, never exponential.
 */
export function compileLike(like: string): (value: string) => boolean {
  const surrogates = /[\ud800-\udfff]/;
  const parts = like.split('%');
  const anyAstral = surrogates.test(like);
  return (value) => {
    // '_' is one code point: split into code points only when surrogate pairs are present.
    const astral = anyAstral || surrogates.test(value);
    const v: readonly string[] | string = astral ? Array.from(value) : value;
    const segs = astral ? parts.map((p) => Array.from(p)) : parts;
    const head = segs[0] as string | string[];
    if (segs.length === 1) return v.length === head.length && segmentAt(v, 0, head);
    const tail = segs[segs.length - 1] as string | string[];
    const end = v.length - tail.length;
    if (end < head.length || !segmentAt(v, 0, head) || !segmentAt(v, end, tail)) return false;
    let pos = head.length;
    for (let k = 1; k < segs.length - 1; k++) {
      const seg = segs[k] as string | string[];
      if (seg.length === 0) continue;
      const at = findSegment(v, pos, end - seg.length, seg);
      if (at < 0) return false;
      pos = at + seg.length;
    }
    return true;
  };
}

/** True when `|` occurs outside every group and class, so that `^` anchors only the first branch. */
function hasTopLevelAlternation(regex: string): boolean {
  let depth = 0;
  let inClass = false;
  for (let i = 0; i < regex.length; i++) {
    const ch = regex[i];
    if (ch === '\\') i++;
    else if (inClass) inClass = ch !== ']';
    else if (ch === '[') {
      inClass = true;
      if (regex[i + 1] === '^') i++;
      if (regex[i + 1] === ']') i++;
    } else if (ch === '(') depth++;
    else if (ch === ')') depth = Math.max(0, depth - 1);
    else if (ch === '|' && depth === 0) return true;
  }
  return false;
}

/**
 * The literal text every match of an anchored regex (`^abc…`) starts with, for indexing;
 * undefined when the regex is not anchored or has alternation or flags.
 */
export function anchoredRegexPrefix(regex: string): string | undefined {
  if (!regex.startsWith('^') || hasTopLevelAlternation(regex)) return undefined;
  let out = '';
  for (let i = 1; i < regex.length; i++) {
    const ch = regex[i] as string;
    let lit: string | undefined;
    let width = 1;
    if (ch === '\\') {
      const next = regex[i + 1] ?? '';
      if (/[.\\/^$*+?()[\]{}|@%&#'"\-:,= ]/.test(next) && next !== '') {
        lit = next;
        width = 2;
      }
    } else if (!/[.^$*+?()[\]{}|]/.test(ch)) lit = ch;
    if (lit === undefined) break;
    const after = regex[i + width] ?? '';
    // A quantifier applies to the character before it, which is then not certain to occur once.
    if (after === '*' || after === '?' || after === '{') break;
    out += lit;
    if (after === '+') break;
    i += width - 1;
  }
  return out.length > 0 ? out : undefined;
}
