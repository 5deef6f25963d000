/**
 * STIX 2.0 patterns may write the START/STOP qualifier's timestamps as plain strings
 * (`START '2016-06-01T00:00:00Z'`); STIX 2.1 requires timestamp constants (`t'…'`, 9.5.1). This
 * rewrites those qualifiers only, leaving the text inside string constants untouched.
 */

const WORD = /[A-Za-z0-9_]/;

/** The pattern with START/STOP plain-string timestamps turned into t'…' constants (unchanged otherwise). */
export function timestampQualifiers(pattern: string): string {
  let out = '';
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i]!;
    if (c === "'") {
      // Copy a whole string constant, with its \' and \\ escapes (9.2).
      let j = i + 1;
      while (j < pattern.length && pattern[j] !== "'") j += pattern[j] === '\\' ? 2 : 1;
      out += pattern.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    const keyword = pattern.startsWith('START', i) ? 'START' : pattern.startsWith('STOP', i) ? 'STOP' : '';
    if (keyword !== '' && (i === 0 || !WORD.test(pattern[i - 1]!))) {
      let j = i + keyword.length;
      while (j < pattern.length && /\s/.test(pattern[j]!)) j++;
      if (j > i + keyword.length && pattern[j] === "'") {
        out += `${pattern.slice(i, j)}t`;
        i = j;
        continue;
      }
    }
    out += c;
    i++;
  }
  return out;
}
