/** Overview: description (Markdown, safely), aliases, labels, key properties, references, markings. */
import type { ObjectView } from '../../api/types.js';
import { MarkdownText } from '../../components/markdown-text.js';
import { UtcTime } from '../../components/utc-time.js';

const TIME_KEYS = [
  'created',
  'modified',
  'valid_from',
  'valid_until',
  'first_seen',
  'last_seen',
  'published',
];
const TEXT_KEYS = [
  'pattern',
  'pattern_type',
  'value',
  'indicator_types',
  'malware_types',
  'threat_actor_types',
  'sophistication',
  'resource_level',
  'primary_motivation',
  'is_family',
  'spec_version',
  'lang',
];

function asStrings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

interface ExternalRef {
  source_name?: unknown;
  external_id?: unknown;
  url?: unknown;
  description?: unknown;
}

function SafeUrl({ url }: { url: string }) {
  // Only web links become links; anything else (javascript:, data:) stays text.
  return /^https?:\/\//i.test(url) ? (
    <a href={url} rel="noopener noreferrer nofollow" target="_blank">
      {url}
    </a>
  ) : (
    <code>{url}</code>
  );
}

/** The tab's panel. */
export function OverviewTab({ view }: { view: ObjectView }) {
  const o = view.object;
  const description = typeof o.description === 'string' ? o.description : null;
  const aliases = asStrings(o.aliases);
  const labels = asStrings(o.labels);
  const refs = (Array.isArray(o.external_references) ? o.external_references : []) as ExternalRef[];
  return (
    <div className="overview">
      {description ? <MarkdownText source={description} /> : <p className="muted">No description.</p>}
      <dl className="props">
        <dt>ID</dt>
        <dd>
          <code>{view.summary.id}</code>
        </dd>
        {aliases.length > 0 ? (
          <>
            <dt>Aliases</dt>
            <dd>{aliases.join(', ')}</dd>
          </>
        ) : null}
        {labels.length > 0 ? (
          <>
            <dt>Labels</dt>
            <dd>{labels.join(', ')}</dd>
          </>
        ) : null}
        {TEXT_KEYS.filter((k) => o[k] !== undefined).map((k) => (
          <div key={k} className="prop-row">
            <dt>{k}</dt>
            <dd>
              <code>{Array.isArray(o[k]) ? (o[k] as unknown[]).join(', ') : String(o[k])}</code>
            </dd>
          </div>
        ))}
        {TIME_KEYS.filter((k) => typeof o[k] === 'string').map((k) => (
          <div key={k} className="prop-row">
            <dt>{k}</dt>
            <dd>
              <UtcTime iso={o[k] as string} />
            </dd>
          </div>
        ))}
        <dt>Markings</dt>
        <dd>
          {view.markings.length === 0 ? (
            <span className="muted">none</span>
          ) : (
            view.markings.map((m) => m.name).join(', ')
          )}
        </dd>
      </dl>
      {refs.length > 0 ? (
        <section aria-labelledby="refs-h">
          <h2 id="refs-h">External references</h2>
          <ul className="plain">
            {refs.map((r, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: references have no id of their own
              <li key={i}>
                {String(r.source_name ?? '')}
                {r.external_id !== undefined ? ` ${String(r.external_id)}` : ''}
                {typeof r.url === 'string' ? (
                  <>
                    {' '}
                    <SafeUrl url={r.url} />
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
