/**
 * The HTML export of an advisory: one self-contained page. Untrusted fields are escaped, the
 * body goes through the safe Markdown renderer, and a Content-Security-Policy allows nothing but
 * the page's own stylesheet (by hash): no script, no image, no font, no frame, no fetch, even
 * if something slipped through. No attribute names an external URL.
 */
import { createHash } from 'node:crypto';
import type { AdvisoryDocument } from './advisory-document.js';
import { renderUntrustedMarkdown } from './safe-markdown.js';
import { TLP_COLOURS } from './tlp-colours.js';

/** Text escaped for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function stylesheet(doc: AdvisoryDocument): string {
  const { foreground, background } = TLP_COLOURS[doc.tlp];
  return [
    'body{font-family:"DejaVu Sans",Arial,sans-serif;margin:2em auto;max-width:50em;color:#111;line-height:1.45}',
    `.tlp{display:inline-block;font-weight:bold;font-family:"DejaVu Sans Mono",monospace;color:${foreground};background:${background};padding:.15em .6em;-webkit-print-color-adjust:exact;print-color-adjust:exact}`,
    'table{border-collapse:collapse;margin:.5em 0;font-size:.9em}th,td{border:1px solid #999;padding:.25em .5em;text-align:left;vertical-align:top}',
    'code{font-family:"DejaVu Sans Mono",monospace;font-size:.9em;word-break:break-all}',
    'dl.meta{display:grid;grid-template-columns:max-content auto;gap:.2em 1em}dl.meta dt{font-weight:bold}dl.meta dd{margin:0}',
    '.body{border-top:1px solid #999;border-bottom:1px solid #999;padding:.5em 0}.image{color:#555;font-style:italic}',
  ].join('\n');
}

function table(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  if (rows.length === 0) return '<p>None referenced.</p>';
  const head = headers.map((h) => `<th>${escapeHtml(h)}</th>`).join('');
  const body = rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('\n');
  return `<table><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

const code = (text: string) => `<code>${escapeHtml(text)}</code>`;

/** The advisory as one HTML document that runs no script and fetches nothing. */
export function advisoryHtml(doc: AdvisoryDocument): string {
  const css = stylesheet(doc);
  const cssHash = createHash('sha256').update(css).digest('base64');
  const csp = `default-src 'none'; style-src 'sha256-${cssHash}'; img-src 'none'; base-uri 'none'; form-action 'none'`;
  const label = `<p class="tlp">${escapeHtml(doc.tlpLabel)}</p>`;
  const others =
    doc.others.length === 0
      ? ''
      : `<h2>Also referenced</h2>\n<ul>${doc.others.map((o) => `<li>${escapeHtml(o.name || o.id)} (${escapeHtml(o.type)})</li>`).join('')}</ul>`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(`${doc.tlpLabel} ${doc.title}`)}</title>
<style>${css}</style>
</head>
<body>
${label}
<h1>${escapeHtml(doc.title)}</h1>
<dl class="meta">
<dt>Co-signers</dt><dd>${doc.cosigners.map((c) => escapeHtml(c.name)).join(', ')}</dd>
<dt>Release time (UTC)</dt><dd><time datetime="${escapeHtml(doc.releaseAt)}">${escapeHtml(doc.releaseAt)}</time></dd>
<dt>Advisory</dt><dd>${code(doc.id)} (version ${escapeHtml(doc.version)})</dd>
</dl>
<div class="body">
${renderUntrustedMarkdown(doc.body)}</div>
<h2>Indicators</h2>
${table(
  ['Name', 'Pattern', 'Types', 'Valid from', 'STIX id'],
  doc.indicators.map((i) => [
    escapeHtml(i.name),
    code(i.pattern),
    escapeHtml(i.types),
    escapeHtml(i.validFrom),
    code(i.id),
  ]),
)}
<h2>Techniques</h2>
${table(
  ['ATT&CK id', 'Name', 'STIX id'],
  doc.techniques.map((t) => [escapeHtml(t.attackId), escapeHtml(t.name), code(t.id)]),
)}
${others}
${label}
</body>
</html>
`;
}
