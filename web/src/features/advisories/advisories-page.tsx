/** Advisories (`/advisories`): each with its state, release time (UTC) and whether it awaits us; `?state=` filters. */
import { Link, useSearchParams } from 'react-router';
import type { AdvisoryList } from '../../api/types.js';
import { useApi } from '../../api/use-api.js';
import { LoadState } from '../../components/load-state.js';
import { UtcTime } from '../../components/utc-time.js';
import { Countdown } from './countdown.js';

const STATES = ['draft', 'sealed', 'released', 'missed'] as const;

/** The list. */
export function AdvisoriesPage() {
  const list = useApi<AdvisoryList>('/advisories');
  const [params, setParams] = useSearchParams();
  const state = params.get('state') ?? '';
  return (
    <>
      <h1 tabIndex={-1}>Advisories</h1>
      <p className="inline-form">
        <label htmlFor="adv-state">State</label>
        <select
          id="adv-state"
          value={state}
          onChange={(e) => setParams(e.target.value ? { state: e.target.value } : {})}
        >
          <option value="">all</option>
          {STATES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </p>
      <LoadState loaded={list}>
        {(data) => {
          const shown = data.advisories.filter((a) => !state || a.state === state);
          if (shown.length === 0) return <p className="muted">No advisories.</p>;
          return (
            <table className="data" aria-label="Advisories">
              <thead>
                <tr>
                  <th scope="col">Title</th>
                  <th scope="col">State</th>
                  <th scope="col">Release (UTC)</th>
                  <th scope="col">Countdown</th>
                  <th scope="col">Signatures</th>
                </tr>
              </thead>
              <tbody>
                {shown.map((a) => (
                  <tr key={a.id}>
                    <td>
                      <Link to={`/advisories/${encodeURIComponent(a.id)}`}>{a.title}</Link>
                      {a.awaitingMySignature ? (
                        <strong className="awaiting"> awaits your signature</strong>
                      ) : null}
                    </td>
                    <td>{a.state}</td>
                    <td>
                      <UtcTime iso={a.releaseAt} />
                    </td>
                    <td>
                      {a.state === 'draft' || a.state === 'sealed' ? (
                        <Countdown releaseAt={a.releaseAt} serverTime={a.serverTime} />
                      ) : (
                        '—'
                      )}
                    </td>
                    <td>
                      {a.cosigners.filter((c) => c.signed).length} of {a.cosigners.length}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          );
        }}
      </LoadState>
    </>
  );
}
