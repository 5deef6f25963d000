/** Sightings of the object: how often, when, where and by whom. */
import type { SightingList } from '../../api/types.js';
import { useApi } from '../../api/use-api.js';
import { LoadState } from '../../components/load-state.js';
import { ObjectLink } from '../../components/object-link.js';
import { UtcTime } from '../../components/utc-time.js';

/** The tab's panel. */
export function SightingsTab({ id }: { id: string }) {
  const sightings = useApi<SightingList>(`/objects/${encodeURIComponent(id)}/sightings`);
  return (
    <LoadState loaded={sightings}>
      {(data) =>
        data.sightings.length === 0 ? (
          <p className="muted">No sightings you may see.</p>
        ) : (
          <table className="data" aria-label="Sightings">
            <thead>
              <tr>
                <th scope="col">Count</th>
                <th scope="col">First seen</th>
                <th scope="col">Last seen</th>
                <th scope="col">Where</th>
                <th scope="col">By</th>
              </tr>
            </thead>
            <tbody>
              {data.sightings.map((s) => (
                <tr key={s.id}>
                  <td>{s.count ?? '—'}</td>
                  <td>
                    <UtcTime iso={s.first_seen} />
                  </td>
                  <td>
                    <UtcTime iso={s.last_seen} />
                  </td>
                  <td>
                    {s.where.length === 0
                      ? '—'
                      : s.where.map((w) => <ObjectLink key={w.id} object={w} showType={false} />)}
                  </td>
                  <td>{s.by?.name ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )
      }
    </LoadState>
  );
}
