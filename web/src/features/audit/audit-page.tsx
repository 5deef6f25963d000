/** Audit (`/audit`, admins): events newest first, with the organisation; paged by `?cursor=`. */
import { Link, useSearchParams } from 'react-router';
import type { AuditList } from '../../api/types.js';
import { useApi } from '../../api/use-api.js';
import { LoadState } from '../../components/load-state.js';
import { UtcTime } from '../../components/utc-time.js';

/** The page. */
export function AuditPage() {
  const [params] = useSearchParams();
  const cursor = params.get('cursor');
  const audit = useApi<AuditList>(`/audit?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
  return (
    <>
      <h1 tabIndex={-1}>Audit</h1>
      <LoadState loaded={audit}>
        {(data) =>
          data.events.length === 0 ? (
            <p className="muted">No events.</p>
          ) : (
            <>
              <table className="data" aria-label="Audit events, newest first">
                <thead>
                  <tr>
                    <th scope="col">Time (UTC)</th>
                    <th scope="col">Organisation</th>
                    <th scope="col">User</th>
                    <th scope="col">Action</th>
                    <th scope="col">Detail</th>
                  </tr>
                </thead>
                <tbody>
                  {data.events.map((e, i) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: events carry no id; the page is fixed
                    <tr key={i}>
                      <td>
                        <UtcTime iso={e.at} />
                      </td>
                      <td>{e.org?.name ?? '—'}</td>
                      <td>{e.username ?? '—'}</td>
                      <td>{e.action}</td>
                      <td>{e.detail}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {data.next ? (
                <p>
                  <Link to={`/audit?cursor=${encodeURIComponent(data.next)}`}>Older events</Link>
                </p>
              ) : null}
            </>
          )
        }
      </LoadState>
    </>
  );
}
