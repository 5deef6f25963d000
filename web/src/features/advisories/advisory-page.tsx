/**
 * One advisory (`/advisories/ID`): state, co-signers, release time in UTC, countdown, Sign, and
 * the released state on this node and each peer.
 */
import { useState } from 'react';
import { useParams } from 'react-router';
import { messageOf, useApiClient } from '../../api/http.js';
import type { AdvisoryInfo } from '../../api/types.js';
import { useApi } from '../../api/use-api.js';
import { LoadState } from '../../components/load-state.js';
import { UtcTime } from '../../components/utc-time.js';
import { Countdown } from './countdown.js';
import { ReleaseStates } from './release-states.js';

function NotFound({ id }: { id: string }) {
  return (
    <>
      <h1 tabIndex={-1}>Advisory not found</h1>
      <p>
        No advisory <code>{id}</code> that you may see exists on this node.
      </p>
    </>
  );
}

/** The page. */
export function AdvisoryPage() {
  const id = useParams().id ?? '';
  const client = useApiClient();
  const advisory = useApi<AdvisoryInfo>(`/advisories/${encodeURIComponent(id)}`);
  const [signing, setSigning] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const sign = async () => {
    setSigning(true);
    setError(null);
    try {
      await client.request(`/advisories/${encodeURIComponent(id)}/sign`, { method: 'POST', body: {} });
      advisory.reload();
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setSigning(false);
    }
  };
  return (
    <LoadState loaded={advisory} notFound={<NotFound id={id} />}>
      {(a) => (
        <article>
          <h1 tabIndex={-1}>{a.title}</h1>
          <dl className="facts">
            <div>
              <dt>State</dt>
              <dd>{a.state}</dd>
            </div>
            <div>
              <dt>Release time</dt>
              <dd>
                <UtcTime iso={a.releaseAt} />
              </dd>
            </div>
            {a.state === 'draft' || a.state === 'sealed' ? (
              <div>
                <dt>Until release</dt>
                <dd>
                  <Countdown releaseAt={a.releaseAt} serverTime={a.serverTime} />
                </dd>
              </div>
            ) : null}
          </dl>
          <h2>Co-signers</h2>
          <ul className="plain">
            {a.cosigners.map((c) => (
              <li key={c.id} className={c.signed ? 'good' : 'muted'}>
                <span aria-hidden="true">{c.signed ? '✓' : '○'}</span> {c.name} —{' '}
                {c.signed ? 'signed' : 'not signed yet'}
              </li>
            ))}
          </ul>
          {a.awaitingMySignature ? (
            <p>
              <button type="button" onClick={() => void sign()} disabled={signing}>
                Sign
              </button>
            </p>
          ) : null}
          {error ? (
            <p role="alert" className="error">
              {error}
            </p>
          ) : null}
          <h2 id="release-states">Released state per node</h2>
          <ReleaseStates id={a.id} />
        </article>
      )}
    </LoadState>
  );
}
