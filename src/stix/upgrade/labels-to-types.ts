/**
 * STIX 2.0 required `labels` on five SDOs, drawn from open vocabularies; STIX 2.1 moved those
 * meanings to dedicated properties and left `labels` free. A label moves when the 2.1
 * vocabulary of the new property holds it (section 10); any other label stays a label.
 */
import { VOCABULARIES, type VocabularyName } from '../vocab/vocabularies.js';

/** SDO type → the 2.1 property its 2.0 labels move to, and that property's vocabulary. */
export const LABEL_PROPERTIES: Readonly<Record<string, { property: string; vocabulary: VocabularyName }>> = {
  indicator: { property: 'indicator_types', vocabulary: 'indicator-type-ov' },
  malware: { property: 'malware_types', vocabulary: 'malware-type-ov' },
  report: { property: 'report_types', vocabulary: 'report-type-ov' },
  'threat-actor': { property: 'threat_actor_types', vocabulary: 'threat-actor-type-ov' },
  tool: { property: 'tool_types', vocabulary: 'tool-type-ov' },
};

/** Moves vocabulary labels of `obj` (a copy, changed in place) to its type's 2.1 property; returns what moved. */
export function moveLabels(obj: Record<string, unknown>, type: string): string[] {
  const target = LABEL_PROPERTIES[type];
  if (target === undefined || !Array.isArray(obj.labels) || obj[target.property] !== undefined) return [];
  const values = VOCABULARIES[target.vocabulary].values;
  const moved = obj.labels.filter((l): l is string => typeof l === 'string' && values.has(l));
  if (moved.length === 0) return [];
  const kept = obj.labels.filter((l) => !(typeof l === 'string' && values.has(l)));
  obj[target.property] = moved;
  if (kept.length > 0) obj.labels = kept;
  else delete obj.labels;
  return moved.map((l) => `label "${l}" moved to ${target.property} (${target.vocabulary})`);
}
