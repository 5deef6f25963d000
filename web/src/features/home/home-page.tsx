/** Home: what an analyst checks first (recent intake, signatures awaited, embargoes, peers, sightings). */
import { Link } from 'react-router';
import { useSession } from '../../api/session.js';
import type { HomeInfo } from '../../api/types.js';
import { useApi } from '../../api/use-api.js';
import { LoadState } from '../../components/load-state.js';
import { ObjectLink } from '../../components/object-link.js';
import { UtcTime } from '../../components/utc-time.js';

function Empty({ text }: { text: string }) {
  return <p className="muted">{text}</p>;
}

/** The morning page. */
export function HomePage() {
  const home = useApi<HomeInfo>('/home');
  const isAdmin = useSession().session?.role === 'admin';
  return (
    <>
      <h1 tabIndex={-1}>Home</h1>
      <LoadState loaded={home}>
        {(data) => (
          <div className="card-grid">
            <section className="card" aria-labelledby="h-intake">
              <h2 id="h-intake">Recent intake</h2>
              {data.recentIntake.length === 0 ? (
                <Empty text="Nothing new." />
              ) : (
                <ul className="plain">
                  {data.recentIntake.map((o) => (
                    <li key={o.id}>
                      <ObjectLink object={o} /> <UtcTime iso={o.modified} />
                    </li>
                  ))}
                </ul>
              )}
            </section>
            <section className="card" aria-labelledby="h-sign">
              <h2 id="h-sign">Advisories awaiting my signature</h2>
              {data.awaitingSignature.length === 0 ? (
                <Empty text="None." />
              ) : (
                <ul className="plain">
                  {data.awaitingSignature.map((a) => (
                    <li key={a.id}>
                      <Link to={`/advisories/${encodeURIComponent(a.id)}`}>{a.title}</Link> release{' '}
                      <UtcTime iso={a.releaseAt} />
                    </li>
                  ))}
                </ul>
              )}
            </section>
            <section className="card" aria-labelledby="h-embargo">
              <h2 id="h-embargo">Embargoes running</h2>
              {data.embargoes.length === 0 ? (
                <Empty text="None." />
              ) : (
                <ul className="plain">
                  {data.embargoes.map((e) => (
                    <li key={e.id}>
                      until <UtcTime iso={e.releaseAt} /> with {e.cosigners.map((o) => o.name).join(', ')}
                    </li>
                  ))}
                </ul>
              )}
            </section>
            <section className="card" aria-labelledby="h-peers">
              <h2 id="h-peers">Peer health</h2>
              {data.peers.length === 0 ? (
                <Empty text={isAdmin ? 'No peers configured.' : 'Peer health is shown to administrators.'} />
              ) : (
                <ul className="plain">
                  {data.peers.map((p) => (
                    <li key={p.name}>
                      <Link to="/peers">{p.name}</Link>:{' '}
                      {p.lastError ? <span className="bad">error</span> : 'ok'}, lag{' '}
                      {p.lagSeconds === null ? 'never synced' : `${p.lagSeconds} s`}
                    </li>
                  ))}
                </ul>
              )}
            </section>
            <section className="card" aria-labelledby="h-sightings">
              <h2 id="h-sightings">Recent sightings</h2>
              {data.recentSightings.length === 0 ? (
                <Empty text="None." />
              ) : (
                <ul className="plain">
                  {data.recentSightings.map((o) => (
                    <li key={o.id}>
                      <ObjectLink object={o} />
                    </li>
                  ))}
                </ul>
              )}
            </section>
          </div>
        )}
      </LoadState>
    </>
  );
}
