/**
 * Released state per node (docs/decisions/0022-released-state-per-node.md): this node, then each
 * peer, as a table with the state in words and a glyph beside it (never colour alone). A peer's
 * state is what its own node said when this node asked after a pull.
 */
import type { AdvisoryReleases } from '../../api/types.js';
import { useApi } from '../../api/use-api.js';
import { LoadState } from '../../components/load-state.js';
import { UtcTime } from '../../components/utc-time.js';

type Entry = AdvisoryReleases['nodes'][number];

const WORDS: Record<Entry['state'], { glyph: string; text: string; tone: string }> = {
  released: { glyph: '✓', text: 'released', tone: 'good' },
  missed: { glyph: '✗', text: 'missed: never released', tone: 'bad' },
  pending: { glyph: '○', text: 'not released yet', tone: 'muted' },
  not_seen_yet: { glyph: '○', text: 'not seen yet', tone: 'muted' },
  not_synced: { glyph: '–', text: 'not synced: no pull brings this collection', tone: 'muted' },
};

function nodeName(n: Entry): string {
  if (n.self) return 'This node';
  const org = n.org?.name ?? 'A peer';
  return n.peer === undefined ? org : `${n.peer} (${org})`;
}

function When({ n }: { n: Entry }) {
  if (n.at !== undefined) return <UtcTime iso={n.at} />;
  if (n.state === 'not_seen_yet' && n.lastPull !== undefined)
    return (
      <>
        last pull <UtcTime iso={n.lastPull} />
      </>
    );
  return <span className="muted">—</span>;
}

/** The table, loaded on its own so the rest of the page does not wait for it. */
export function ReleaseStates({ id }: { id: string }) {
  const loaded = useApi<AdvisoryReleases>(`/advisories/${encodeURIComponent(id)}/release`);
  return (
    <LoadState loaded={loaded}>
      {(data) => (
        <table className="data" aria-labelledby="release-states">
          <thead>
            <tr>
              <th scope="col">Node</th>
              <th scope="col">State</th>
              <th scope="col">When (UTC)</th>
            </tr>
          </thead>
          <tbody>
            {data.nodes.map((n, i) => {
              const w = WORDS[n.state];
              return (
                // The list's order is the server's and fixed; peers of one organisation share a name.
                // biome-ignore lint/suspicious/noArrayIndexKey: see above
                <tr key={i}>
                  <th scope="row">{nodeName(n)}</th>
                  <td className={w.tone}>
                    <span aria-hidden="true">{w.glyph}</span> {w.text}
                  </td>
                  <td>
                    <When n={n} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </LoadState>
  );
}
