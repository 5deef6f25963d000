/**
 * STIX descriptions as Markdown, safely: markdown-it with raw HTML disabled (any tag is
 * escaped), images off, and links only for http, https and mailto. Its output is made of
 * markdown-it's own tags around escaped text (docs/guides/web-console.md, "Security measures").
 */
import MarkdownIt from 'markdown-it';

const SAFE_LINK = /^(https?:|mailto:)/i;

/** A renderer with those settings (make one and reuse it: building it is the costly part). */
export function markdownRenderer(): { render(source: string): string } {
  const md = MarkdownIt({ html: false, linkify: true, typographer: false });
  // markdown-it's default already refuses javascript:, vbscript:, file: and most data:;
  // a narrower allow-list leaves nothing to reason about.
  md.validateLink = (url: string) => SAFE_LINK.test(url.trim());
  const defaultLink = md.renderer.rules.link_open;
  md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
    const token = tokens[idx]!;
    token.attrSet('rel', 'noopener noreferrer nofollow');
    token.attrSet('target', '_blank');
    return defaultLink
      ? defaultLink(tokens, idx, options, env, self)
      : self.renderToken(tokens, idx, options);
  };
  md.disable(['image']);
  return md;
}
