import { describe, expect, it } from 'vitest';
import { storedObject } from '../../policy/index.js';
import { TLP_V2, type ValidatedObject, validateDocument } from '../../stix/index.js';
import { draftAdvisory } from '../advisory/build-advisory.js';
import { unwrap } from '../intel-issue.js';
import { context, EU, HAFNIUM, INDICATOR, TECHNIQUE, UK, US } from '../test-support/intel-fixture.js';
import { advisoryDocument } from './advisory-document.js';
import { advisoryHtml } from './html-export.js';
import { advisoryMarkdown } from './markdown-export.js';
import { advisoryBundle } from './stix-bundle-export.js';
import { TLP_COLOURS } from './tlp-colours.js';

/** A body that tries every way Markdown has to run a script or fetch something. */
const HOSTILE_BODY = [
  '# Findings',
  '<script>window.pwned = 1</script>',
  '<img src="http://127.0.0.1:9/raw.png" onerror="window.pwned = 2">',
  '![tracker](http://127.0.0.1:9/md.png)',
  '[click](javascript:window.pwned=3) [data](data:text/html,<script>1</script>)',
  '<iframe src="http://127.0.0.1:9/frame"></iframe><link rel="stylesheet" href="http://127.0.0.1:9/s.css">',
  '<style>@import url("http://127.0.0.1:9/i.css");</style>',
  '<svg><script>window.pwned = 4</script></svg><object data="http://127.0.0.1:9/o"></object>',
  '[ok](https://www.ncsc.gov.uk/) and <https://example.com/auto>',
].join('\n\n');

function hostileDocument(title = 'Joint advisory <b>"bold"</b> | # not a heading') {
  const { report } = unwrap(
    draftAdvisory(
      {
        title,
        body: HOSTILE_BODY,
        cosigners: [UK, US, EU],
        releaseAt: '2021-07-19T12:00:00.000Z',
        refs: [HAFNIUM.id, INDICATOR.id, TECHNIQUE.id],
        drafter: UK,
        tlp: 'green',
      },
      context('2021-07-15T09:00:00.000Z'),
    ),
  );
  const names = new Map([
    [UK, 'United Kingdom Government'],
    [US, 'United States <Government>'],
  ]);
  return {
    report,
    doc: advisoryDocument({ report, organisationNames: names, referenced: [HAFNIUM, INDICATOR, TECHNIQUE] }),
  };
}

describe('advisory export: content (CONTRACT.md "advisory export")', () => {
  it('shows TLP as text, co-signers by name, the release time in UTC ISO 8601, indicators and techniques', () => {
    const { doc } = hostileDocument();
    expect(doc).toMatchObject({ tlp: 'green', tlpLabel: 'TLP:GREEN', releaseAt: '2021-07-19T12:00:00.000Z' });
    expect(doc.cosigners.map((c) => c.name)).toEqual([
      'United Kingdom Government',
      'United States <Government>',
      EU,
    ]);
    expect(doc.indicators.map((i) => i.pattern)).toEqual([INDICATOR.pattern]);
    expect(doc.techniques).toEqual([
      { id: TECHNIQUE.id, attackId: 'T1190', name: 'Exploit Public-Facing Application' },
    ]);
    expect(doc.others.map((o) => o.name)).toEqual(['HAFNIUM']);
  });

  it('Markdown: escaped header fields and table cells, the body as written, TLP at top and bottom', () => {
    const md = advisoryMarkdown(hostileDocument().doc);
    const lines = md.split('\n');
    expect(lines[0]).toBe('# Joint advisory \\<b\\>"bold"\\</b\\> \\| # not a heading');
    expect(lines[2]).toBe('**TLP:GREEN**');
    expect(md).toContain('- Release time (UTC): 2021-07-19T12:00:00.000Z');
    expect(md).toContain(
      '- Co-signers: United Kingdom Government, United States \\<Government\\>, identity--',
    );
    expect(md).toContain(HOSTILE_BODY);
    // The pipe in the indicator name and the pattern's quotes stay inside their cells.
    const row = lines.find((l) => l.includes('203.0.113.17')) as string;
    expect(row.split(/(?<!\\)\|/).length).toBe(7);
    expect(md).toContain('| T1190 | Exploit Public\\-Facing Application |'.replace('\\-', '-'));
    expect(md.trimEnd().endsWith('**TLP:GREEN**')).toBe(true);
  });

  it('HTML: no script, no raw HTML from the body, no fetching element, a strict CSP, FIRST colours', () => {
    const html = advisoryHtml(hostileDocument().doc);
    expect(html).toMatch(
      /<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; style-src &#39;sha256-[A-Za-z0-9+/=]+&#39;; img-src &#39;none&#39;/,
    );
    for (const tag of ['<script', '<img', '<iframe', '<link', '<svg', '<object', '<embed', '<base'])
      expect(html).not.toContain(tag);
    expect(html.match(/<style>/g)).toHaveLength(1);
    // Every tag in the page: no event handler, no source or link but https.
    const tags = html.match(/<[a-zA-Z][^>]*>/g) ?? [];
    expect(tags.length).toBeGreaterThan(20);
    for (const tag of tags) {
      expect(tag).not.toMatch(/\son[a-z]+=/i);
      expect(tag).not.toMatch(/\b(src|href|data|action|srcset|poster)="(?!https:)/i);
    }
    expect(html).toContain(
      '<p>[click](javascript:window.pwned=3) [data](data:text/html,&lt;script&gt;1&lt;/script&gt;)</p>',
    );
    expect(html).toContain('&lt;script&gt;window.pwned = 1&lt;/script&gt;');
    expect(html).toContain('[image: tracker — http://127.0.0.1:9/md.png]');
    expect(html).toContain('<a href="https://www.ncsc.gov.uk/" rel="noopener noreferrer nofollow">ok</a>');
    expect(html).toContain('<p class="tlp">TLP:GREEN</p>');
    expect(html).toContain(
      `color:${TLP_COLOURS.green.foreground};background:${TLP_COLOURS.green.background}`,
    );
    expect(html).toContain('<h1>Joint advisory &#60;b&#62;&#34;bold&#34;&#60;/b&#62; | # not a heading</h1>');
    expect(html).toContain('<td><code>[ipv4-addr:value = &#39;203.0.113.17&#39;]</code></td>');
  });

  it('uses the colours FIRST publishes for TLP 2.0 labels', () => {
    expect(TLP_COLOURS).toMatchObject({
      red: { foreground: '#FF2B2B', background: '#000000' },
      amber: { foreground: '#FFC000', background: '#000000' },
      green: { foreground: '#33FF00', background: '#000000' },
      clear: { foreground: '#FFFFFF', background: '#000000' },
    });
  });

  it('STIX: one valid bundle, the report first, each object once, the same id for the same version', () => {
    const { report } = hostileDocument();
    const related: ValidatedObject[] = [
      storedObject({ ...TLP_V2.green }),
      HAFNIUM,
      INDICATOR,
      TECHNIQUE,
      INDICATOR,
    ];
    const bundle = advisoryBundle({ report, related });
    const objects = bundle.objects as ValidatedObject[];
    expect(objects[0]).toBe(report);
    expect(objects.filter((o) => o.id === INDICATOR.id)).toHaveLength(1);
    expect(objects.map((o) => o.type)).toContain('extension-definition');
    expect(validateDocument(bundle).valid).toBe(true);
    expect(advisoryBundle({ report, related }).id).toBe(bundle.id);
  });
});
