/**
 * `.dockerignore` as Docker reads it: one pattern a line (`#` comments), `*` and `?` within one
 * path segment, `**` across any number of them, `!` for exceptions, the last matching line
 * deciding. A pattern that matches a folder covers everything in it. Matching is done segment by
 * segment, without building regular expressions from the patterns.
 */

/** The rules of a .dockerignore text: `[{ exclude, segments, text }]` in file order. */
export function parseDockerignore(text) {
  const rules = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const exclude = !line.startsWith('!');
    const pattern = (exclude ? line : line.slice(1).trim()).replace(/^\/+/, '').replace(/\/+$/, '');
    if (pattern.includes('['))
      throw new Error(`.dockerignore "${line}": character classes are not supported by the rehearsal`);
    const segments = pattern.split('/').filter((s) => s !== '' && s !== '.');
    if (segments.length === 0) continue;
    rules.push({ exclude, segments, text: line });
  }
  return rules;
}

/** Whether one path segment matches one pattern segment (`*`, `?` and literal characters). */
export function matchSegment(pattern, name) {
  let p = 0;
  let n = 0;
  // Where the last `*` was, and how much of the name it has taken: backtrack there on a mismatch.
  let star = -1;
  let taken = 0;
  while (n < name.length) {
    if (p < pattern.length && (pattern[p] === '?' || pattern[p] === name[n])) {
      p++;
      n++;
    } else if (p < pattern.length && pattern[p] === '*') {
      star = p++;
      taken = n;
    } else if (star >= 0) {
      p = star + 1;
      n = ++taken;
    } else return false;
  }
  while (p < pattern.length && pattern[p] === '*') p++;
  return p === pattern.length;
}

/** Whether a pattern's segments match a path's segments exactly (`**` takes zero or more). */
function matchSegments(pattern, path) {
  if (pattern.length === 0) return path.length === 0;
  if (pattern[0] === '**') {
    for (let k = 0; k <= path.length; k++) if (matchSegments(pattern.slice(1), path.slice(k))) return true;
    return false;
  }
  return (
    path.length > 0 && matchSegment(pattern[0], path[0]) && matchSegments(pattern.slice(1), path.slice(1))
  );
}

/** Whether a rule matches the path or one of the folders it is in. */
function ruleMatches(rule, segments) {
  for (let end = segments.length; end > 0; end--)
    if (matchSegments(rule.segments, segments.slice(0, end))) return true;
  return false;
}

/** Whether `relPath` (relative to the build context, `/`-separated) is left out of the context. */
export function isIgnored(rules, relPath) {
  const segments = relPath.split('/').filter((s) => s !== '' && s !== '.');
  let ignored = false;
  for (const rule of rules) if (ruleMatches(rule, segments)) ignored = rule.exclude;
  return ignored;
}
