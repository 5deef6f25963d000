/** Versions: every version the caller may see, and the diff between two (`?from=N&to=M`, 1-based). */
import { useSearchParams } from 'react-router';
import type { VersionList } from '../../api/types.js';
import { useApi } from '../../api/use-api.js';
import { LoadState } from '../../components/load-state.js';
import { formatUtc } from '../../components/utc-time.js';
import { diffVersions } from './version-diff.js';

function show(value: unknown): string {
  return value === undefined ? '' : JSON.stringify(value, null, 2);
}

function pick(raw: string | null, fallback: number, count: number): number {
  const n = Number(raw);
  return Number.isInteger(n) && n >= 1 && n <= count ? n : fallback;
}

/** The tab's panel. */
export function VersionsTab({ id }: { id: string }) {
  const versions = useApi<VersionList>(`/objects/${encodeURIComponent(id)}/versions`);
  const [params, setParams] = useSearchParams();
  const choose = (key: 'from' | 'to', value: string) =>
    setParams((p) => {
      const n = new URLSearchParams(p);
      n.set(key, value);
      return n;
    });
  return (
    <LoadState loaded={versions}>
      {(data) => {
        const count = data.versions.length;
        if (count === 0) return <p className="muted">No versions.</p>;
        const to = pick(params.get('to'), count, count);
        const from = pick(params.get('from'), Math.max(1, to - 1), count);
        const before = data.versions[from - 1]!;
        const after = data.versions[to - 1]!;
        const changes = diffVersions(before.object, after.object);
        const options = data.versions.map((v, i) => (
          <option key={v.modified} value={i + 1}>
            {i + 1}: {formatUtc(v.modified)}
          </option>
        ));
        return (
          <>
            <p>
              {count} version{count === 1 ? '' : 's'}, oldest first.
            </p>
            <div className="inline-form">
              <label htmlFor="v-from">Compare version</label>
              <select id="v-from" value={from} onChange={(e) => choose('from', e.target.value)}>
                {options}
              </select>
              <label htmlFor="v-to">with version</label>
              <select id="v-to" value={to} onChange={(e) => choose('to', e.target.value)}>
                {options}
              </select>
            </div>
            {changes.length === 0 ? (
              <p>No differences between these versions.</p>
            ) : (
              <table className="data diff" aria-label="Differences between versions">
                <thead>
                  <tr>
                    <th scope="col">Property</th>
                    <th scope="col">Change</th>
                    <th scope="col">Version {from}</th>
                    <th scope="col">Version {to}</th>
                  </tr>
                </thead>
                <tbody>
                  {changes.map((c) => (
                    <tr key={c.property} className={`diff-${c.kind}`}>
                      <th scope="row">{c.property}</th>
                      <td>{c.kind}</td>
                      <td>
                        <pre>{show(c.before)}</pre>
                      </td>
                      <td>
                        <pre>{show(c.after)}</pre>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </>
        );
      }}
    </LoadState>
  );
}
