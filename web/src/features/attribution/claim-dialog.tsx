/**
 * A cell of the matrix opened (`/attribution?subject=ID&org=ID`): a modal dialog with that
 * organisation's claim(s) or dispute(s) on that subject, each with its stance (glyph and text),
 * confidence (number and label), author, time and evidence (links to the objects the caller
 * sees; docs/decisions/0002), and a link to the claim itself. The native dialog keeps focus
 * inside and closes on Escape; closing leaves the URL state and puts focus back on the cell.
 */
import { useEffect, useRef } from 'react';
import { Link } from 'react-router';
import type { AttributionClaim, AttributionMatrix } from '../../api/types.js';
import { useApi } from '../../api/use-api.js';
import { LoadState } from '../../components/load-state.js';
import { ObjectLink } from '../../components/object-link.js';
import { UtcTime } from '../../components/utc-time.js';

type Cell = AttributionMatrix['cells'][number];

function ClaimPanel({ cell }: { cell: Cell }) {
  const loaded = useApi<AttributionClaim>(`/attribution/claims/${encodeURIComponent(cell.claim)}`);
  return (
    <section className="claim-panel" aria-label={cell.stance === 'support' ? 'Claim' : 'Dispute'}>
      <LoadState loaded={loaded} notFound={<p className="muted">This claim is no longer visible to you.</p>}>
        {(c) => {
          const support = c.stance === 'support';
          return (
            <>
              <p className={support ? 'stance-support' : 'stance-dispute'}>
                <span aria-hidden="true">{support ? '✓' : '✗'}</span> {support ? 'supports' : 'disputes'}{' '}
                {cell.attributedTo ? cell.attributedTo.name || cell.attributedTo.id : 'a candidate'}
              </p>
              <dl className="facts">
                <div>
                  <dt>Confidence</dt>
                  <dd>
                    {c.confidence} ({c.confidenceLabel})
                  </dd>
                </div>
                <div>
                  <dt>Author</dt>
                  <dd>{c.author?.name ?? '—'}</dd>
                </div>
                <div>
                  <dt>Time</dt>
                  <dd>
                    <UtcTime iso={c.time} />
                  </dd>
                </div>
              </dl>
              {c.explanation ? (
                <p>
                  <strong>Explanation:</strong> {c.explanation}
                </p>
              ) : null}
              <h3>Evidence</h3>
              {c.evidence.length === 0 ? (
                <p className="muted">
                  {support ? 'No evidence that you may see.' : 'A dispute names no evidence.'}
                </p>
              ) : (
                <ul className="plain">
                  {c.evidence.map((e) => (
                    <li key={e.id}>
                      <ObjectLink object={e} />
                    </li>
                  ))}
                </ul>
              )}
              <p>
                <Link to={`/objects/${encodeURIComponent(c.id)}`}>
                  Open the {support ? 'claim' : 'dispute'}
                </Link>
              </p>
            </>
          );
        }}
      </LoadState>
    </section>
  );
}

/** The dialog of one cell; `onClose` leaves the URL state. */
export function ClaimDialog(props: {
  subjectName: string;
  orgName: string;
  cells: readonly Cell[];
  onClose: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);
  return (
    <dialog ref={ref} className="claim-dialog" aria-labelledby="claim-dialog-title" onClose={props.onClose}>
      <h2 id="claim-dialog-title">
        {props.orgName} on {props.subjectName}
      </h2>
      {props.cells.length === 0 ? (
        <p className="muted">No claim of this organisation on this subject that you may see.</p>
      ) : (
        props.cells.map((cell) => <ClaimPanel key={cell.claim} cell={cell} />)
      )}
      <p>
        <button type="button" onClick={() => ref.current?.close()}>
          Close
        </button>
      </p>
    </dialog>
  );
}
