/**
 * What every export of an advisory shows (CONTRACT.md "advisory export"): title, TLP,
 * co-signers by organisation name, release time (UTC, ISO 8601), the Markdown body, the
 * referenced indicators as a table and the techniques. Built from what the reader may see.
 */
import { isRecord, type ValidatedObject, versionOf } from '../../stix/index.js';
import { advisoryFacts } from '../advisory/advisory-facts.js';
import { IntelError } from '../intel-error.js';

/** One row of the indicators table. */
export interface IndicatorRow {
  readonly id: string;
  readonly name: string;
  readonly pattern: string;
  readonly patternType: string;
  readonly validFrom: string;
  readonly types: string;
}

/** One technique (ATT&CK attack-pattern). */
export interface TechniqueRow {
  readonly id: string;
  /** The ATT&CK id (e.g. T1190) when the object has one, else ''. */
  readonly attackId: string;
  readonly name: string;
}

/** Any other referenced object, by type and name. */
export interface OtherRow {
  readonly id: string;
  readonly type: string;
  readonly name: string;
}

/** The content of an advisory export, every field still untrusted text. */
export interface AdvisoryDocument {
  readonly id: string;
  readonly version: string;
  readonly title: string;
  readonly body: string;
  readonly tlp: 'clear' | 'green' | 'amber';
  /** `TLP:CLEAR`, `TLP:GREEN` or `TLP:AMBER`. */
  readonly tlpLabel: string;
  readonly cosigners: readonly { readonly id: string; readonly name: string }[];
  readonly releaseAt: string;
  readonly indicators: readonly IndicatorRow[];
  readonly techniques: readonly TechniqueRow[];
  readonly others: readonly OtherRow[];
}

/** What an export is made from. */
export interface AdvisoryExportInput {
  /** The advisory version to export. */
  readonly report: ValidatedObject;
  /** Organisation names by identity id (co-signers without one are shown by id). */
  readonly organisationNames: ReadonlyMap<string, string>;
  /** The referenced objects the reader may see (others are left out: hidden ≡ absent). */
  readonly referenced: readonly ValidatedObject[];
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const ATTACK_SOURCES = new Set(['mitre-attack', 'mitre-ics-attack', 'mitre-mobile-attack']);

function attackId(object: ValidatedObject): string {
  const refs =
    'external_references' in object && Array.isArray(object.external_references)
      ? object.external_references
      : [];
  for (const ref of refs) {
    if (isRecord(ref) && ATTACK_SOURCES.has(str(ref.source_name)) && str(ref.external_id) !== '')
      return str(ref.external_id);
  }
  return '';
}

/** The document an advisory version exports as; throws INTEL_NOT_AN_ADVISORY for any other object. */
export function advisoryDocument(input: AdvisoryExportInput): AdvisoryDocument {
  const { report } = input;
  const facts = advisoryFacts(report);
  if (report.type !== 'report' || facts === undefined)
    throw new IntelError('INTEL_NOT_AN_ADVISORY', `${str(report.id)} is not a joint advisory`);
  const refs = new Set(Array.isArray(report.object_refs) ? report.object_refs : []);
  const shown = input.referenced.filter((o) => refs.has(o.id));
  const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  return {
    id: str(report.id),
    version: str(versionOf(report)),
    title: str(report.name),
    body: str(report.description),
    tlp: facts.tlp,
    tlpLabel: `TLP:${facts.tlp.toUpperCase()}`,
    cosigners: facts.cosigners.map((id) => ({ id, name: input.organisationNames.get(id) ?? id })),
    releaseAt: facts.releaseAt.text,
    indicators: shown
      .filter((o) => o.type === 'indicator')
      .map((o) => ({
        id: str(o.id),
        name: str(o.name),
        pattern: str(o.pattern),
        patternType: str(o.pattern_type),
        validFrom: str(o.valid_from),
        types: Array.isArray(o.indicator_types) ? o.indicator_types.map(str).join(', ') : '',
      }))
      .sort(byId),
    techniques: shown
      .filter((o) => o.type === 'attack-pattern')
      .map((o) => ({ id: str(o.id), attackId: attackId(o), name: str(o.name) }))
      .sort((a, b) => (a.attackId < b.attackId ? -1 : a.attackId > b.attackId ? 1 : byId(a, b))),
    others: shown
      .filter((o) => o.type !== 'indicator' && o.type !== 'attack-pattern')
      .map((o) => ({ id: str(o.id), type: str(o.type), name: 'name' in o ? str(o.name) : '' }))
      .sort(byId),
  };
}
