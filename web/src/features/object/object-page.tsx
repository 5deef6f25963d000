/**
 * The object page (`/objects/ID?tab=…`): heading (the object's name), type, TLP chip,
 * confidence, author, version, and seven tabs. A hidden object answers 404 like a missing one,
 * so both render the same "not found" page.
 */
import { useParams, useSearchParams } from 'react-router';
import type { ObjectView } from '../../api/types.js';
import { useApi } from '../../api/use-api.js';
import { LoadState } from '../../components/load-state.js';
import { TlpChip } from '../../components/tlp-chip.js';
import { UtcTime } from '../../components/utc-time.js';
import { confidenceLabel } from './confidence.js';
import { GraphTab } from './graph-tab.js';
import { OverviewTab } from './overview-tab.js';
import { RawTab } from './raw-tab.js';
import { RelationshipsTab } from './relationships-tab.js';
import { SharingTab } from './sharing-tab.js';
import { SightingsTab } from './sightings-tab.js';
import { TAB_NAMES, type TabName, Tabs } from './tabs.js';
import { VersionsTab } from './versions-tab.js';

function NotFound({ id }: { id: string }) {
  return (
    <>
      <h1 tabIndex={-1}>Object not found</h1>
      <p>
        No object <code>{id}</code> that you may see exists on this node.
      </p>
    </>
  );
}

function tabOf(value: string | null): TabName {
  const found = TAB_NAMES.find((t) => t.toLowerCase() === value);
  return found ?? 'Overview';
}

/** The page; the tab is `?tab=` so a link opens the same view. */
export function ObjectPage() {
  const id = useParams().id ?? '';
  const [params, setParams] = useSearchParams();
  const tab = tabOf(params.get('tab'));
  const view = useApi<ObjectView>(`/objects/${encodeURIComponent(id)}/view`);
  const select = (t: TabName) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        if (t === 'Overview') next.delete('tab');
        else next.set('tab', t.toLowerCase());
        return next;
      },
      { replace: false },
    );
  return (
    <LoadState loaded={view} notFound={<NotFound id={id} />}>
      {(data) => (
        <article className="object-page">
          <header className="object-head">
            <h1 tabIndex={-1}>{data.summary.name || data.summary.id}</h1>
            <dl className="facts">
              <div>
                <dt>Type</dt>
                <dd>{data.summary.type}</dd>
              </div>
              <div>
                <dt>TLP</dt>
                <dd>
                  {data.summary.tlp ? (
                    <TlpChip tlp={data.summary.tlp} />
                  ) : (
                    <span className="muted">none</span>
                  )}
                </dd>
              </div>
              <div>
                <dt>Confidence</dt>
                <dd>
                  {data.confidence === null ? (
                    <span className="muted">—</span>
                  ) : (
                    `${data.confidence} (${confidenceLabel(data.confidence)})`
                  )}
                </dd>
              </div>
              <div>
                <dt>Author</dt>
                <dd>{data.author ? data.author.name : <span className="muted">unknown</span>}</dd>
              </div>
              <div>
                <dt>Version</dt>
                <dd>
                  <UtcTime iso={data.summary.modified} /> ({data.versionCount} version
                  {data.versionCount === 1 ? '' : 's'})
                </dd>
              </div>
            </dl>
          </header>
          {/* Keyed by the object: a tab's state (loaded pages, expanded nodes) never carries over. */}
          <Tabs current={tab} onSelect={select} key={data.summary.id}>
            {tab === 'Overview' ? <OverviewTab view={data} /> : null}
            {tab === 'Relationships' ? <RelationshipsTab id={data.summary.id} /> : null}
            {tab === 'Graph' ? <GraphTab root={data.summary} /> : null}
            {tab === 'Sightings' ? <SightingsTab id={data.summary.id} /> : null}
            {tab === 'Versions' ? <VersionsTab id={data.summary.id} /> : null}
            {tab === 'Sharing' ? <SharingTab id={data.summary.id} /> : null}
            {tab === 'Raw' ? <RawTab view={data} /> : null}
          </Tabs>
        </article>
      )}
    </LoadState>
  );
}
