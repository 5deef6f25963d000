/** Relationships: both directions, filterable by relationship type (`?rtype=`), paged by the API. */
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { useApiClient } from '../../api/http.js';
import type { RelationshipList } from '../../api/types.js';
import { useApi } from '../../api/use-api.js';
import { LoadState } from '../../components/load-state.js';
import { ObjectLink } from '../../components/object-link.js';

type Row = RelationshipList['relationships'][number];

/** The tab's panel. */
export function RelationshipsTab({ id }: { id: string }) {
  const client = useApiClient();
  const first = useApi<RelationshipList>(`/objects/${encodeURIComponent(id)}/relationships?limit=200`);
  const [more, setMore] = useState<{ rows: Row[]; next: string | null } | null>(null);
  const [params, setParams] = useSearchParams();
  const rtype = params.get('rtype') ?? '';
  return (
    <LoadState loaded={first}>
      {(data) => {
        const rows = [...data.relationships, ...(more?.rows ?? [])];
        const next = more ? more.next : data.next;
        const types = [...new Set(rows.map((r) => r.relationship.relationship_type))].sort();
        const shown = rtype ? rows.filter((r) => r.relationship.relationship_type === rtype) : rows;
        const loadMore = async () => {
          if (!next) return;
          const page = await client.request<RelationshipList>(
            `/objects/${encodeURIComponent(id)}/relationships?limit=200&cursor=${encodeURIComponent(next)}`,
          );
          setMore({ rows: [...(more?.rows ?? []), ...page.relationships], next: page.next });
        };
        return (
          <>
            <p>
              {data.total} relationship{data.total === 1 ? '' : 's'}. <label htmlFor="rtype">Type</label>{' '}
              <select
                id="rtype"
                value={rtype}
                onChange={(e) =>
                  setParams((p) => {
                    const n = new URLSearchParams(p);
                    if (e.target.value) n.set('rtype', e.target.value);
                    else n.delete('rtype');
                    return n;
                  })
                }
              >
                <option value="">all</option>
                {types.map((t) => (
                  <option key={t} value={t}>
                    {t}
                  </option>
                ))}
              </select>
            </p>
            {shown.length === 0 ? (
              <p className="muted">No relationships you may see.</p>
            ) : (
              <table className="data" aria-label="Relationships">
                <thead>
                  <tr>
                    <th scope="col">Direction</th>
                    <th scope="col">Relationship</th>
                    <th scope="col">Other object</th>
                  </tr>
                </thead>
                <tbody>
                  {shown.map((r) => (
                    <tr key={r.relationship.id}>
                      <td>{r.direction === 'outgoing' ? '→ outgoing' : '← incoming'}</td>
                      <td>
                        <ObjectLink
                          object={{ ...r.relationship, name: r.relationship.relationship_type }}
                          showType={false}
                        />
                      </td>
                      <td>
                        {r.other ? (
                          <ObjectLink object={r.other} />
                        ) : (
                          <span className="muted">an object you may not see</span>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            {next ? (
              <button type="button" onClick={() => void loadMore()}>
                Load more relationships
              </button>
            ) : null}
          </>
        );
      }}
    </LoadState>
  );
}
