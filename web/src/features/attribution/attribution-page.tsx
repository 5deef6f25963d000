/**
 * The consensus matrix (`/attribution`): a row per subject, a column per organisation; each
 * cell gives support or dispute as glyph and text, confidence as number and label, and opens
 * the claim with its evidence in a dialog whose state is in the URL
 * (`?subject=ID&org=ID`). Subjects on which organisations disagree are flagged in words.
 */
import { useCallback } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { AttributionMatrix } from '../../api/types.js';
import { useApi } from '../../api/use-api.js';
import { LoadState } from '../../components/load-state.js';
import { ClaimDialog } from './claim-dialog.js';

type Cell = AttributionMatrix['cells'][number];

/** The URL of a cell opened: the matrix with the subject and organisation in its query. */
function cellUrl(subject: string, org: string): string {
  return `/attribution?${new URLSearchParams({ subject, org }).toString()}`;
}

function CellView({ cell }: { cell: Cell | undefined }) {
  if (!cell) return <span className="muted">no claim</span>;
  const support = cell.stance === 'support';
  return (
    <Link
      to={cellUrl(cell.subject, cell.org)}
      data-cell={`${cell.subject} ${cell.org}`}
      className={support ? 'stance-support' : 'stance-dispute'}
    >
      <span aria-hidden="true">{support ? '✓' : '✗'}</span> {support ? 'supports' : 'disputes'}
      {cell.attributedTo ? ` ${cell.attributedTo.name}` : ''}
      <br />
      confidence {cell.confidence} ({cell.confidenceLabel})
    </Link>
  );
}

/** The page. */
export function AttributionPage() {
  const matrix = useApi<AttributionMatrix>('/attribution');
  const [params, setParams] = useSearchParams();
  const openSubject = params.get('subject');
  const openOrg = params.get('org');
  const close = useCallback(() => {
    setParams({});
    // Back to the cell that opened the dialog (once the matrix shows it again).
    const selector = `[data-cell="${CSS.escape(`${openSubject} ${openOrg}`)}"]`;
    requestAnimationFrame(() => document.querySelector<HTMLElement>(selector)?.focus());
  }, [setParams, openSubject, openOrg]);
  return (
    <>
      <h1 tabIndex={-1}>Attribution</h1>
      <LoadState loaded={matrix}>
        {(data) => {
          const cells = new Map(data.cells.map((c) => [`${c.subject}\n${c.org}`, c]));
          if (data.subjects.length === 0) return <p className="muted">No attribution claims you may see.</p>;
          const subject = data.subjects.find((s) => s.id === openSubject);
          const org = data.organisations.find((o) => o.id === openOrg);
          return (
            <div className="table-scroll">
              {openSubject !== null && openOrg !== null ? (
                <ClaimDialog
                  key={`${openSubject} ${openOrg}`}
                  subjectName={subject ? subject.name || subject.id : openSubject}
                  orgName={org ? org.name : openOrg}
                  cells={data.cells.filter((c) => c.subject === openSubject && c.org === openOrg)}
                  onClose={close}
                />
              ) : null}
              <table className="data matrix">
                <caption>Who attributes what: a row per subject, a column per organisation</caption>
                <thead>
                  <tr>
                    <th scope="col">Subject</th>
                    {data.organisations.map((o) => (
                      <th scope="col" key={o.id}>
                        {o.name}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {data.subjects.map((s) => (
                    <tr key={s.id}>
                      <th scope="row">
                        <Link to={`/objects/${encodeURIComponent(s.id)}`}>{s.name || s.id}</Link>
                        {s.dissent ? (
                          <span className="dissent">
                            <span aria-hidden="true">⚠</span> dissent
                          </span>
                        ) : null}
                      </th>
                      {data.organisations.map((o) => (
                        <td key={o.id}>
                          <CellView cell={cells.get(`${s.id}\n${o.id}`)} />
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          );
        }}
      </LoadState>
    </>
  );
}
