/** "Test connection": asks the node to check each step of reaching a peer, and lists them. */
import { useState } from 'react';
import { messageOf, useApiClient } from '../../api/http.js';
import type { PeerTestView } from './peer-types.js';

/** The button and, once run, each step with a glyph and words. */
export function PeerTest({ name }: { name: string }) {
  const client = useApiClient();
  const [result, setResult] = useState<PeerTestView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      setResult(
        await client.request<PeerTestView>(`/peers/${encodeURIComponent(name)}/test`, {
          method: 'POST',
          body: {},
        }),
      );
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div aria-live="polite">
      <button type="button" onClick={() => void run()} disabled={busy}>
        Test connection to {name}
      </button>
      {busy ? <span className="muted"> testing…</span> : null}
      {error ? (
        <p role="alert" className="error">
          {error}
        </p>
      ) : null}
      {result ? (
        <ol className="steps">
          {result.steps.map((s) => (
            <li key={s.step} className={s.ok ? 'good' : 'bad'}>
              <span aria-hidden="true">{s.ok ? '✓' : '✗'}</span> {s.step}:{' '}
              {s.ok ? 'passed' : `failed${s.error ? ` (${s.error})` : ''}`}
            </li>
          ))}
        </ol>
      ) : null}
    </div>
  );
}
