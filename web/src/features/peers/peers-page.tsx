/** Peers (`/peers`): last pull and push, lag, counters kept apart, last errors, and a connection test. */
import { useApi } from '../../api/use-api.js';
import { LoadState } from '../../components/load-state.js';
import { UtcTime } from '../../components/utc-time.js';
import { PeerTest } from './peer-test.js';
import type { PeerListView, PeerView } from './peer-types.js';

const PULL_COUNTERS = [
  ['new', 'new'],
  ['updated', 'updated'],
  ['unchanged', 'unchanged'],
  ['refused', 'refused by policy'],
  ['invalid', 'invalid'],
  ['transportErrors', 'transport errors'],
] as const;

const PUSH_COUNTERS = [
  ['sent', 'sent'],
  ['refused', 'refused by the peer'],
  ['transportErrors', 'transport errors'],
] as const;

function CounterList<K extends string>({
  title,
  labels,
  counts,
}: {
  title: string;
  labels: readonly (readonly [K, string])[];
  counts: Partial<Record<K, number>> | undefined;
}) {
  const known = labels.filter(([key]) => counts?.[key] !== undefined);
  if (known.length === 0) return null;
  return (
    <>
      <h3>{title}</h3>
      <dl className="counters">
        {known.map(([key, label]) => (
          <div key={key}>
            <dt>{label}</dt>
            <dd>{counts?.[key]}</dd>
          </div>
        ))}
      </dl>
    </>
  );
}

function Counters({ peer }: { peer: PeerView }) {
  return (
    <>
      <CounterList title="Pulled" labels={PULL_COUNTERS} counts={peer.counters?.pull} />
      <CounterList title="Pushed" labels={PUSH_COUNTERS} counts={peer.counters?.push} />
      {peer.conflicts !== undefined ? (
        <dl className="counters">
          <div>
            <dt>conflicts</dt>
            <dd>{peer.conflicts}</dd>
          </div>
        </dl>
      ) : null}
    </>
  );
}

function lag(seconds: number | null): string {
  if (seconds === null) return 'never synced';
  if (seconds < 120) return `${seconds} s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} min`;
  return `${Math.round(seconds / 3600)} h`;
}

/** The page. */
export function PeersPage() {
  const peers = useApi<PeerListView>('/peers');
  return (
    <>
      <h1 tabIndex={-1}>Peers</h1>
      <LoadState loaded={peers}>
        {(data) =>
          data.peers.length === 0 ? (
            <p className="muted">No peers configured (accord peer add).</p>
          ) : (
            <div className="card-grid">
              {data.peers.map((p) => (
                <section key={p.name} className="card" aria-labelledby={`peer-${p.name}`}>
                  <h2 id={`peer-${p.name}`}>{p.name}</h2>
                  <p className="muted">{p.url}</p>
                  <dl className="facts">
                    <div>
                      <dt>Last pull</dt>
                      <dd>{p.pull ? <UtcTime iso={p.lastPull ?? p.pullCursor ?? null} /> : 'pull off'}</dd>
                    </div>
                    <div>
                      <dt>Last push</dt>
                      <dd>{p.push ? <UtcTime iso={p.lastPush ?? p.pushCursor ?? null} /> : 'push off'}</dd>
                    </div>
                    <div>
                      <dt>Last success</dt>
                      <dd>
                        <UtcTime iso={p.lastSuccess} />
                      </dd>
                    </div>
                    <div>
                      <dt>Lag</dt>
                      <dd>{lag(p.lagSeconds)}</dd>
                    </div>
                  </dl>
                  <Counters peer={p} />
                  <h3>Last errors</h3>
                  {p.lastError || (p.recentRefusals?.length ?? 0) > 0 ? (
                    <ul className="plain">
                      {p.lastError ? <li className="bad">{p.lastError}</li> : null}
                      {(p.recentRefusals ?? []).map((r) => (
                        <li key={`${r.at}${r.objectId ?? ''}`}>
                          <UtcTime iso={r.at} /> refused {r.objectId ?? ''} {r.detail ?? ''}
                        </li>
                      ))}
                    </ul>
                  ) : (
                    <p className="muted">None.</p>
                  )}
                  <PeerTest name={p.name} />
                </section>
              ))}
            </div>
          )
        }
      </LoadState>
    </>
  );
}
