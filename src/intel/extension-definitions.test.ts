import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateObject } from '../stix/index.js';
import {
  ADVISORY_EXTENSION_ID,
  ADVISORY_SCHEMA,
  EVIDENCE_EXTENSION_ID,
  EVIDENCE_SCHEMA,
  INTEL_EXTENSION_DEFINITIONS,
  SIGNATURE_EXTENSION_ID,
  SIGNATURE_SCHEMA,
} from './extension-definitions.js';

describe('intel extension definitions (spec 7.3)', () => {
  it('7.3 the three extension-definition objects validate, with their schema inline', () => {
    expect(INTEL_EXTENSION_DEFINITIONS.map((d) => d.id)).toEqual([
      EVIDENCE_EXTENSION_ID,
      ADVISORY_EXTENSION_ID,
      SIGNATURE_EXTENSION_ID,
    ]);
    for (const def of INTEL_EXTENSION_DEFINITIONS) {
      expect(validateObject(def).issues.filter((i) => i.severity === 'error')).toEqual([]);
      expect(def.extension_types).toEqual(['property-extension']);
    }
    expect(INTEL_EXTENSION_DEFINITIONS.map((d) => JSON.parse(String(d.schema)))).toEqual([
      EVIDENCE_SCHEMA,
      ADVISORY_SCHEMA,
      SIGNATURE_SCHEMA,
    ]);
  });

  it('docs/guides/attribution.md shows exactly the published objects and schemas', () => {
    const doc = readFileSync(new URL('../../docs/guides/attribution.md', import.meta.url), 'utf8');
    const blocks = [...doc.matchAll(/```json\n([\s\S]*?)\n```/g)].map((m) => m[1] as string);
    expect(JSON.parse(blocks.find((b) => b.startsWith('[')) as string)).toEqual(INTEL_EXTENSION_DEFINITIONS);
    expect(blocks.filter((b) => b.startsWith('{\n  "$schema"')).map((b) => JSON.parse(b))).toEqual([
      EVIDENCE_SCHEMA,
      ADVISORY_SCHEMA,
      SIGNATURE_SCHEMA,
    ]);
  });
});
