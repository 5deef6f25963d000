/**
 * The Markdown export of an advisory: a header (title, TLP label, co-signers, release time)
 * written with every untrusted field escaped, the body as its authors wrote it, then the
 * indicators and techniques as tables.
 */
import type { AdvisoryDocument } from './advisory-document.js';

/** Text safe inside a Markdown paragraph or table cell: one line, specials backslash-escaped. */
export function markdownText(text: string): string {
  return (
    text
      .replace(/[\r\n\u2028\u2029]+/g, ' ')
      // Inline specials only: the text never starts a line, so block markers (#, -, 1.) are inert.
      .replace(/[\\`*_[\]<>|~&!]/g, (c) => `\\${c}`)
      .trim()
  );
}

/** A code span that holds `text` whatever backticks it contains, safe in a table cell. */
export function markdownCode(text: string): string {
  const line = text.replace(/[\r\n\u2028\u2029]+/g, ' ');
  const longest = Math.max(0, ...[...line.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  // GitHub tables split cells on `|` even inside code spans: escape it.
  return `${fence} ${line.replace(/\|/g, '\\|')} ${fence}`;
}

/** The advisory as one Markdown document. */
export function advisoryMarkdown(doc: AdvisoryDocument): string {
  const lines = [
    `# ${markdownText(doc.title)}`,
    '',
    `**${doc.tlpLabel}**`,
    '',
    `- Co-signers: ${doc.cosigners.map((c) => markdownText(c.name)).join(', ')}`,
    `- Release time (UTC): ${doc.releaseAt}`,
    `- Advisory: ${markdownCode(doc.id)} (version ${doc.version})`,
    '',
    '---',
    '',
    doc.body.trimEnd(),
    '',
    '---',
    '',
    '## Indicators',
    '',
  ];
  if (doc.indicators.length === 0) lines.push('None referenced.');
  else {
    lines.push('| Name | Pattern | Types | Valid from | STIX id |', '|---|---|---|---|---|');
    for (const i of doc.indicators) {
      lines.push(
        `| ${markdownText(i.name)} | ${markdownCode(i.pattern)} | ${markdownText(i.types)} | ${markdownText(i.validFrom)} | ${markdownCode(i.id)} |`,
      );
    }
  }
  lines.push('', '## Techniques', '');
  if (doc.techniques.length === 0) lines.push('None referenced.');
  else {
    lines.push('| ATT&CK id | Name | STIX id |', '|---|---|---|');
    for (const t of doc.techniques) {
      lines.push(`| ${markdownText(t.attackId)} | ${markdownText(t.name)} | ${markdownCode(t.id)} |`);
    }
  }
  if (doc.others.length > 0) {
    lines.push('', '## Also referenced', '');
    for (const o of doc.others) lines.push(`- ${markdownText(o.name || o.id)} (${markdownText(o.type)})`);
  }
  lines.push('', `**${doc.tlpLabel}**`, '');
  return lines.join('\n');
}
