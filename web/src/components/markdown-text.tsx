/**
 * STIX descriptions as Markdown, safely: markdown-it with raw HTML disabled (it escapes any
 * tag), and links only for http, https and mailto. The output is made of markdown-it's own
 * tags from escaped text, so it is the one place that sets HTML (docs/guides/web-console.md).
 */
import MarkdownIt from 'markdown-it';
import { useMemo } from 'react';

const SAFE_LINK = /^(https?:|mailto:)/i;

function renderer() {
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

/** Renders untrusted Markdown with HTML disabled and safe link schemes only. */
export function MarkdownText({ source }: { source: string }) {
  const md = useMemo(renderer, []);
  const html = useMemo(() => md.render(source), [md, source]);
  // biome-ignore lint/security/noDangerouslySetInnerHtml: markdown-it output with html: false (escaped input)
  return <div className="markdown" dangerouslySetInnerHTML={{ __html: html }} />;
}
