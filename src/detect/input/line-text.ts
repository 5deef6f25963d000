/**
 * Turns a line's bytes into text or a rejection: a line holding a NUL byte or invalid UTF-8 is
 * rejected, never repaired (CONTRACT.md "Detection"); a UTF-8 byte order mark on the first line and
 * a carriage return before the line feed are dropped.
 */

/** The line's text, or why it is not text. */
export type LineText =
  | { readonly ok: true; readonly text: string }
  | { readonly ok: false; readonly reason: string };

const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Decodes one line (without its line feed); `first` strips a byte order mark. */
export function lineText(bytes: Buffer, first: boolean): LineText {
  let start = 0;
  let end = bytes.length;
  if (first && end >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) start = 3;
  if (end > start && bytes[end - 1] === 13) end--;
  const nul = bytes.indexOf(0, start);
  if (nul >= 0 && nul < end) return { ok: false, reason: `NUL byte at byte ${nul + 1} of the line` };
  const text = bytes.toString('utf8', start, end);
  // A replacement character is either in the input or stands for invalid bytes: only then decode strictly.
  if (text.includes('\uFFFD')) {
    try {
      strict.decode(bytes.subarray(start, end));
    } catch {
      return { ok: false, reason: 'invalid UTF-8' };
    }
  }
  return { ok: true, text };
}
