/** The minimal STIX pattern check used when no pattern engine is supplied: balanced brackets, parentheses and quotes. */

/** Why the pattern's brackets, parentheses or quotes do not balance, or undefined when they do. */
export function patternBalanceProblem(pattern: string): string | undefined {
  if (pattern.trim() === '') return 'the pattern is empty';
  const stack: string[] = [];
  const pairs: Record<string, string> = { ')': '(', ']': '[' };
  let inQuote = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (inQuote) {
      // 9.2: inside a string constant, \' and \\ are escapes.
      if (c === '\\') i++;
      else if (c === "'") inQuote = false;
      continue;
    }
    if (c === "'") inQuote = true;
    else if (c === '(' || c === '[') stack.push(c);
    else if (c === ')' || c === ']') {
      if (stack.pop() !== pairs[c]) return `unbalanced "${c}" at offset ${i}`;
    }
  }
  if (inQuote) return "a string constant is not closed (missing ')";
  if (stack.length > 0) return `"${stack.at(-1)}" is never closed`;
  if (!pattern.includes('[')) return 'a STIX pattern needs at least one observation expression in [ ]';
  return undefined;
}
