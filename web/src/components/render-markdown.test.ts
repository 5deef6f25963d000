/** Untrusted Markdown never yields markup that runs: raw HTML is text, links are http(s) or mailto only. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { markdownRenderer } from './render-markdown.js';

const md = markdownRenderer();

/** Every tag name and attribute name in the output. */
function tagsAndAttributes(html: string): { tags: string[]; attrs: string[] } {
  const tags = [...html.matchAll(/<\/?([a-zA-Z0-9]+)([^>]*)>/g)];
  return {
    tags: tags.map((m) => m[1]!.toLowerCase()),
    attrs: tags.flatMap((m) => [...m[2]!.matchAll(/\s([a-zA-Z-:]+)=/g)].map((a) => a[1]!.toLowerCase())),
  };
}

const ALLOWED_TAGS = new Set([
  'p',
  'strong',
  'em',
  'a',
  'code',
  'pre',
  'ul',
  'ol',
  'li',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'blockquote',
  'hr',
  'br',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  's',
]);
const ALLOWED_ATTRS = new Set(['href', 'rel', 'target', 'start', 'style', 'class']);

describe('markdownRenderer', () => {
  it('escapes raw HTML: script, event handlers and iframes become text', () => {
    const html = md.render(
      '<script>alert(1)</script> <img src=x onerror="alert(2)"> <iframe src="javascript:alert(3)"></iframe>',
    );
    expect(html).not.toMatch(/<script|<img|<iframe/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it.each([
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    ' javascript:alert(1)',
    'vbscript:msgbox(1)',
    'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
    'file:///etc/passwd',
  ])('makes no link of [x](%s)', (url) => {
    expect(md.render(`[x](${url})`)).not.toMatch(/<a /);
  });

  it('links http, https and mailto, opened apart from the console', () => {
    const html = md.render('[a](https://example.org/x) [b](mailto:cert@example.org)');
    expect(html).toContain('href="https://example.org/x"');
    expect(html).toContain('href="mailto:cert@example.org"');
    expect(html).toContain('rel="noopener noreferrer nofollow"');
  });

  it('shows images as text, never fetching them', () => {
    expect(md.render('![pixel](https://tracker.example/p.gif)')).not.toMatch(/<img/);
  });

  it('yields only known tags, known attributes and safe hrefs for any input', () => {
    const piece = fc.constantFrom(
      '<',
      '>',
      '"',
      "'",
      '[',
      ']',
      '(',
      ')',
      '!',
      '*',
      '`',
      '\n',
      'javascript:',
      'on',
      'img',
      'script',
      'a',
      'href=',
      'src=',
      ' ',
      'x',
      'https://e.org',
      ':',
      '&#106;',
    );
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 60 }).map((p) => p.join('')),
        (source) => {
          const html = md.render(source);
          const { tags, attrs } = tagsAndAttributes(html);
          for (const t of tags) expect(ALLOWED_TAGS.has(t), `tag ${t} in ${html}`).toBe(true);
          for (const a of attrs) expect(ALLOWED_ATTRS.has(a), `attribute ${a} in ${html}`).toBe(true);
          for (const [, href] of html.matchAll(/href="([^"]*)"/g))
            expect(href).toMatch(/^(https?:|mailto:)/i);
        },
      ),
      { numRuns: 500 },
    );
  });
});
