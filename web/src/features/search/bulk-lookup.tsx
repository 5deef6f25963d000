/** Bulk paste: one value a line (IPs, domains, hashes…); the node says which it knows. */
import { type FormEvent, useState } from 'react';
import { messageOf, useApiClient } from '../../api/http.js';
import type { ValueLookup } from '../../api/types.js';
import { ObjectLink } from '../../components/object-link.js';
import { valuesOf } from './values-of.js';

/** The form and its two lists, known (with the objects) and unknown. */
export function BulkLookup() {
  const client = useApiClient();
  const [result, setResult] = useState<ValueLookup | null>(null);
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const values = valuesOf(String(new FormData(event.currentTarget).get('values') ?? ''));
    setError(null);
    try {
      setResult(await client.request<ValueLookup>('/search/values', { method: 'POST', body: { values } }));
    } catch (err) {
      setResult(null);
      setError(messageOf(err));
    }
  };
  return (
    <section aria-labelledby="bulk-h" className="bulk">
      <h2 id="bulk-h">Check many values</h2>
      <form onSubmit={submit}>
        <label htmlFor="bulk-values">Values, one a line</label>
        <textarea id="bulk-values" name="values" rows={5} spellCheck={false} />
        <button type="submit">Check values</button>
      </form>
      {error ? (
        <p role="alert" className="error">
          {error}
        </p>
      ) : null}
      {result ? (
        <div className="bulk-result" aria-live="polite">
          <h3>Known ({result.known.length})</h3>
          <ul className="plain">
            {result.known.map((k) => (
              <li key={k.value}>
                <code>{k.value}</code>:{' '}
                {k.objects.map((o) => (
                  <ObjectLink key={o.id} object={o} />
                ))}
              </li>
            ))}
          </ul>
          <h3>Unknown ({result.unknown.length})</h3>
          <ul className="plain">
            {result.unknown.map((v) => (
              <li key={v}>
                <code>{v}</code>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
