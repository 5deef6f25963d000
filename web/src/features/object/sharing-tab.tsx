/** Sharing: who can see this object and why, from `GET /api/objects/ID/access` (the policy's own answer). */
import type { AccessExplanation } from '../../api/types.js';
import { useApi } from '../../api/use-api.js';
import { LoadState } from '../../components/load-state.js';

/** The tab's panel. */
export function SharingTab({ id }: { id: string }) {
  const access = useApi<AccessExplanation>(`/objects/${encodeURIComponent(id)}/access`);
  return (
    <LoadState loaded={access}>
      {(data) => (
        <table className="data" aria-label="Who can see this object">
          <thead>
            <tr>
              <th scope="col">Organisation</th>
              <th scope="col">Can see</th>
              <th scope="col">Why</th>
            </tr>
          </thead>
          <tbody>
            {data.organisations.map((o) => (
              <tr key={o.org.id}>
                <th scope="row">
                  {o.org.name} <span className="muted">({o.org.slug})</span>
                </th>
                <td className={o.canSee ? 'good' : 'bad'}>{o.canSee ? '✓ yes' : '✗ no'}</td>
                <td>
                  <ul className="plain">
                    {o.reasons.map((r) => (
                      <li key={r}>{r}</li>
                    ))}
                  </ul>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </LoadState>
  );
}
