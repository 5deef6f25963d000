/**
 * Graph: the object and its neighbours; "Expand" adds a neighbour's own relationships. The
 * expanded ids live in the URL (`?tab=graph&expand=A,B`), and a table lists every edge (the
 * alternative to the picture, and its keyboard way in).
 */
import { useEffect, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useApiClient } from '../../api/http.js';
import type { ObjectSummary, RelationshipList } from '../../api/types.js';
import { GraphCanvas } from './graph-canvas.js';
import { buildGraph } from './graph-model.js';

/** The tab's panel. */
export function GraphTab({ root }: { root: ObjectSummary }) {
  const client = useApiClient();
  const [params, setParams] = useSearchParams();
  const expandParam = params.get('expand') ?? '';
  const expanded = useMemo(
    () => [root.id, ...expandParam.split(',').filter((x) => x && x !== root.id)],
    [root.id, expandParam],
  );
  const [pages, setPages] = useState<ReadonlyMap<string, RelationshipList>>(new Map());
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const abort = new AbortController();
    const missing = expanded.filter((id) => !pages.has(id));
    if (missing.length === 0) return undefined;
    Promise.all(
      missing.map(
        async (id) =>
          [
            id,
            await client.request<RelationshipList>(
              `/objects/${encodeURIComponent(id)}/relationships?limit=500`,
              {
                signal: abort.signal,
              },
            ),
          ] as const,
      ),
    ).then(
      (loaded) => setPages((old) => new Map([...old, ...loaded])),
      (err: unknown) => {
        if (!abort.signal.aborted) setError(String(err instanceof Error ? err.message : err));
      },
    );
    return () => abort.abort();
  }, [client, expanded, pages]);
  const model = useMemo(() => buildGraph(root, pages), [root, pages]);
  const expand = (id: string) => {
    if (expanded.includes(id)) return;
    setParams((p) => {
      const n = new URLSearchParams(p);
      n.set('expand', [...expanded.slice(1), id].join(','));
      return n;
    });
  };
  const nameOf = (id: string) => model.nodes.get(id)?.name || id;
  return (
    <div className="graph">
      {error ? (
        <p role="alert" className="error">
          {error}
        </p>
      ) : null}
      <p>
        {model.nodes.size} object{model.nodes.size === 1 ? '' : 's'}, {model.edges.size} relationship
        {model.edges.size === 1 ? '' : 's'}. Select a node, or use Expand in the table, to add its neighbours.
      </p>
      <GraphCanvas model={model} rootId={root.id} onExpand={expand} />
      <table className="data" aria-label="Graph as a table">
        <thead>
          <tr>
            <th scope="col">Source</th>
            <th scope="col">Relationship</th>
            <th scope="col">Target</th>
            <th scope="col">Neighbours</th>
          </tr>
        </thead>
        <tbody>
          {[...model.edges.values()].map((e) => {
            const other = expanded.includes(e.source) ? e.target : e.source;
            return (
              <tr key={e.id}>
                <td>
                  <Link to={`/objects/${encodeURIComponent(e.source)}`}>{nameOf(e.source)}</Link>
                </td>
                <td>{e.type}</td>
                <td>
                  <Link to={`/objects/${encodeURIComponent(e.target)}`}>{nameOf(e.target)}</Link>
                </td>
                <td>
                  {expanded.includes(other) ? (
                    <span className="muted">expanded</span>
                  ) : (
                    <button type="button" onClick={() => expand(other)}>
                      Expand {nameOf(other)}
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
