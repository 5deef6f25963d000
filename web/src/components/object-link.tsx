/** A link to an object's page, its name as text (STIX names are untrusted: React escapes them). */
import { Link } from 'react-router';
import type { ObjectSummary } from '../api/types.js';
import { TlpChip } from './tlp-chip.js';

/** The object's name linking to `/objects/ID`, its type and TLP beside it. */
export function ObjectLink({ object, showType = true }: { object: ObjectSummary; showType?: boolean }) {
  return (
    <span className="object-link">
      <Link to={`/objects/${encodeURIComponent(object.id)}`}>{object.name || object.id}</Link>
      {showType ? <span className="type-tag">{object.type}</span> : null}
      <TlpChip tlp={object.tlp} />
    </span>
  );
}
