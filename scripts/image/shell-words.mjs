/**
 * Just enough of the POSIX shell's quoting to read a Dockerfile: ENV's `KEY="a b"` pairs, and the
 * `a && b && c` chains of RUN, which the rehearsal splits so that it can skip the system-level
 * parts (apt-get, useradd …) and still run the rest. Anything the splitter does not understand
 * (`;`, pipes, `||`, command substitution) stops the rehearsal instead of being run blindly on the
 * host.
 */

/**
 * Walks `text` once, calling `onChar(ch, i, quote)` with the quote in force (`'`, `"` or null)
 * for each character that is not a quote or escape character itself, and `onQuote()` where a
 * quoted string opens outside any other.
 */
function scan(text, onChar, onQuote = () => {}) {
  let quote = null;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    const next = text[i + 1];
    if (quote === "'") {
      if (ch === "'") quote = null;
      else onChar(ch, i, quote);
    } else if (ch === '\\' && next !== undefined && (quote === null || '$`"\\'.includes(next))) {
      // An escaped character is literal: never a quote, a space or an operator.
      onChar(next, i + 1, quote ?? '\\');
      i++;
    } else if (quote === '"') {
      if (ch === '"') quote = null;
      else onChar(ch, i, quote);
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      onQuote();
    } else onChar(ch, i, null);
  }
  if (quote !== null) throw new Error(`unterminated ${quote} in: ${text}`);
}

/** The words of `text` with quotes removed (`a "b c"` → `a`, `b c`). */
export function splitWords(text) {
  const words = [];
  let word = null;
  scan(
    text,
    (ch, _i, quote) => {
      if (quote === null && /\s/.test(ch)) {
        if (word !== null) words.push(word);
        word = null;
      } else word = (word ?? '') + ch;
    },
    // A pair of empty quotes is still a word.
    () => {
      word ??= '';
    },
  );
  if (word !== null) words.push(word);
  return words;
}

/**
 * The parts of a shell command joined by `&&`, as their source text. Throws on `;`, `|`, `||`, a
 * lone `&`, backquotes and `$(`: the rehearsal would not know what it skips or runs.
 */
export function splitAndChain(text) {
  const cuts = [];
  let refused = null;
  scan(text, (ch, i, quote) => {
    if (quote === "'" || quote === '\\') return;
    if (ch === '`' || (ch === '$' && text[i + 1] === '(')) refused ??= ch === '`' ? '`' : '$(';
    if (quote !== null) return;
    if (ch === ';') refused ??= ';';
    else if (ch === '|') refused ??= '|';
    else if (ch === '&') {
      if (text[i + 1] === '&') cuts.push(i);
      else if (text[i - 1] !== '&') refused ??= '&';
    }
  });
  if (refused !== null)
    throw new Error(`the rehearsal splits RUN commands only on "&&", and this one has "${refused}": ${text}`);
  const parts = [];
  let start = 0;
  for (const cut of cuts) {
    parts.push(text.slice(start, cut).trim());
    start = cut + 2;
  }
  parts.push(text.slice(start).trim());
  if (parts.some((p) => p === '')) throw new Error(`an empty command around "&&": ${text}`);
  return parts;
}
