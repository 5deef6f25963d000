/** Search (`/search?q=`): names, aliases, external ids and indicator values; type filter in the URL. */
import type { FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { SearchResults } from '../../api/types.js';
import { useApi } from '../../api/use-api.js';
import { LoadState } from '../../components/load-state.js';
import { TlpChip } from '../../components/tlp-chip.js';
import { UtcTime } from '../../components/utc-time.js';
import { BulkLookup } from './bulk-lookup.js';

const MATCHED: Record<string, string> = {
  name: 'name',
  alias: 'alias',
  external_id: 'external id',
  value: 'value',
  id: 'id',
};

/** The results table for one query (and the bulk paste below it). */
export function SearchPage() {
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const type = params.get('type') ?? '';
  const cursor = params.get('cursor');
  const path =
    q.trim() === ''
      ? null
      : `/search?q=${encodeURIComponent(q)}${type ? `&type=${encodeURIComponent(type)}` : ''}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
  const results = useApi<SearchResults>(path);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const next = new URLSearchParams({ q: String(form.get('q') ?? '').trim() });
    const t = String(form.get('type') ?? '');
    if (t) next.set('type', t);
    setParams(next);
  };
  return (
    <>
      <h1 tabIndex={-1}>{q ? `Search: ${q}` : 'Search'}</h1>
      <form className="inline-form" onSubmit={submit}>
        <label htmlFor="search-q">Text</label>
        <input id="search-q" name="q" type="search" defaultValue={q} key={q} />
        <label htmlFor="search-type">Type</label>
        <select id="search-type" name="type" defaultValue={type} key={type}>
          <option value="">any</option>
          {[
            'indicator',
            'malware',
            'threat-actor',
            'intrusion-set',
            'campaign',
            'attack-pattern',
            'tool',
            'vulnerability',
            'identity',
            'report',
          ].map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
        <button type="submit">Search</button>
      </form>
      {path === null ? (
        <p className="muted">
          Type a name, an alias, an external id (such as T1059) or a value (an IP, a domain, a hash).
        </p>
      ) : (
        <LoadState loaded={results}>
          {(data) =>
            data.results.length === 0 ? (
              <p>No results for “{data.query}”.</p>
            ) : (
              <>
                <table className="data" aria-label="Search results">
                  <thead>
                    <tr>
                      <th scope="col">Name</th>
                      <th scope="col">Type</th>
                      <th scope="col">TLP</th>
                      <th scope="col">Matched on</th>
                      <th scope="col">Modified</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.results.map((r) => (
                      <tr key={r.id}>
                        <td>
                          <Link to={`/objects/${encodeURIComponent(r.id)}`}>{r.name || r.id}</Link>
                        </td>
                        <td>{r.type}</td>
                        <td>
                          <TlpChip tlp={r.tlp} />
                        </td>
                        <td>{MATCHED[r.matched] ?? r.matched}</td>
                        <td>
                          <UtcTime iso={r.modified} />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
                {data.next ? (
                  <p>
                    <Link
                      to={`/search?q=${encodeURIComponent(q)}${type ? `&type=${encodeURIComponent(type)}` : ''}&cursor=${encodeURIComponent(data.next)}`}
                    >
                      Next results
                    </Link>
                  </p>
                ) : null}
              </>
            )
          }
        </LoadState>
      )}
      <BulkLookup />
    </>
  );
}
