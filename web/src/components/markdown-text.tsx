/** Untrusted Markdown (STIX descriptions) rendered by markdownRenderer: no raw HTML, safe links only. */
import { useMemo } from 'react';
import { markdownRenderer } from './render-markdown.js';

/** The rendered Markdown in a div. */
export function MarkdownText({ source }: { source: string }) {
  const md = useMemo(markdownRenderer, []);
  const html = useMemo(() => md.render(source), [md, source]);
  // biome-ignore lint/security/noDangerouslySetInnerHtml: markdown-it output with html: false (escaped input)
  return <div className="markdown" dangerouslySetInnerHTML={{ __html: html }} />;
}
