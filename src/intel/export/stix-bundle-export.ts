/**
 * The STIX export of an advisory: one bundle (spec 8) holding the advisory version, its
 * markings, the co-signers' identities, its signatures, the objects it references that the
 * reader may see, and the extension-definitions its extensions name, so that any STIX consumer
 * can read it without Accord.
 */
import { uuidV5 } from '../../stix/index.js';
import { INTEL_EXTENSION_DEFINITIONS } from '../extension-definitions.js';

/** Namespace of bundle ids: a bundle of the same advisory version always gets the same id. */
const BUNDLE_NAMESPACE = '9b0f8c52-5f43-4a36-b6a5-7f0b64f1d0c2';

/** What the bundle holds besides the report. */
export interface AdvisoryBundleInput {
  readonly report: Readonly<Record<string, unknown>>;
  /** Marking definitions, identities, signatures and referenced objects the reader may see. */
  readonly related: readonly Readonly<Record<string, unknown>>[];
}

const ORDER = ['marking-definition', 'extension-definition', 'identity'];

/** One bundle: report first, then markings, extension-definitions, identities, the rest by id. */
export function advisoryBundle(input: AdvisoryBundleInput): Record<string, unknown> {
  const { report } = input;
  const seen = new Set([`${String(report.id)} ${String(report.modified)}`]);
  const objects: Readonly<Record<string, unknown>>[] = [];
  for (const o of [...input.related, ...INTEL_EXTENSION_DEFINITIONS]) {
    const key = `${String(o.id)} ${String(o.modified ?? o.created)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    objects.push(o);
  }
  const rank = (o: Readonly<Record<string, unknown>>) => {
    const i = ORDER.indexOf(String(o.type));
    return i < 0 ? ORDER.length : i;
  };
  objects.sort(
    (a, b) => rank(a) - rank(b) || (String(a.id) < String(b.id) ? -1 : String(a.id) > String(b.id) ? 1 : 0),
  );
  return {
    type: 'bundle',
    id: `bundle--${uuidV5(`${String(report.id)} ${String(report.modified)}`, BUNDLE_NAMESPACE)}`,
    objects: [report, ...objects],
  };
}
