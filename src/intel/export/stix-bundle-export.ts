/**
 * The STIX export of an advisory: one bundle (spec 8) holding the advisory version, its
 * markings, the co-signers' identities, its signatures, the objects it references that the
 * reader may see, and the extension-definitions its extensions name, so that any STIX consumer
 * can read it without Accord.
 */
import { uuidV5, type ValidatedObject, versionOf } from '../../stix/index.js';
import { INTEL_EXTENSION_DEFINITIONS } from '../extension-definitions.js';

/** Namespace of bundle ids: a bundle of the same advisory version always gets the same id. */
const BUNDLE_NAMESPACE = '9b0f8c52-5f43-4a36-b6a5-7f0b64f1d0c2';

/** What the bundle holds besides the report. */
export interface AdvisoryBundleInput {
  readonly report: ValidatedObject;
  /** Marking definitions, identities, signatures and referenced objects the reader may see. */
  readonly related: readonly ValidatedObject[];
}

const ORDER = ['marking-definition', 'extension-definition', 'identity'];

/** One bundle: report first, then markings, extension-definitions, identities, the rest by id. */
export function advisoryBundle(input: AdvisoryBundleInput): Record<string, unknown> {
  const { report } = input;
  // A report's version is its modified (3.6: SDOs always have it).
  const reportKey = `${report.id} ${String(versionOf(report))}`;
  const seen = new Set([reportKey]);
  const objects: ValidatedObject[] = [];
  for (const o of [...input.related, ...INTEL_EXTENSION_DEFINITIONS]) {
    const key = `${o.id} ${String(versionOf(o))}`;
    if (seen.has(key)) continue;
    seen.add(key);
    objects.push(o);
  }
  const rank = (o: ValidatedObject) => {
    const i = ORDER.indexOf(o.type);
    return i < 0 ? ORDER.length : i;
  };
  objects.sort((a, b) => rank(a) - rank(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return {
    type: 'bundle',
    id: `bundle--${uuidV5(reportKey, BUNDLE_NAMESPACE)}`,
    objects: [report, ...objects],
  };
}
