/**
 * Rendering untrusted Markdown (advisory bodies) to HTML that cannot run a script or fetch
 * anything: markdown-it (CommonMark) with raw HTML off (`<script>` comes out as text), links only
 * to http(s), mailto and fragments, and no images at all (an image would be a fetch; it is
 * shown as its alt text and address instead).
 */
import MarkdownIt, { type MarkdownIt as MarkdownRenderer } from 'markdown-it';

const SAFE_LINK = /^(https?:|mailto:|#)/i;

/** A renderer for untrusted Markdown (make one per export; it holds no state between renders). */
export function safeMarkdown(): MarkdownRenderer {
  const md = new MarkdownIt('commonmark', { html: false, linkify: false, typographer: false });
  md.enable('table').enable('strikethrough');
  md.validateLink = (url) => SAFE_LINK.test(url.trim());
  md.renderer.rules.image = (tokens, idx) => {
    const token = tokens[idx];
    const alt = token?.children ? md.renderer.renderInlineAsText(token.children, md.options, {}) : '';
    const src = String(token?.attrGet('src') ?? '');
    return `<span class="image">[image: ${md.utils.escapeHtml(String(alt))}${src ? ` — ${md.utils.escapeHtml(src)}` : ''}]</span>`;
  };
  const link = md.renderer.rules.link_open;
  md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
    tokens[idx]?.attrSet('rel', 'noopener noreferrer nofollow');
    return link ? link(tokens, idx, options, env, self) : self.renderToken(tokens, idx, options);
  };
  return md;
}

/** The HTML of untrusted Markdown, safe to embed (see safeMarkdown). */
export function renderUntrustedMarkdown(markdown: string): string {
  return safeMarkdown().render(markdown);
}
