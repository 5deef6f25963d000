import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { validateDocument } from '../../src/stix/index.js';

const root = fileURLToPath(new URL('../fixtures/stix/', import.meta.url));
const jsonFiles = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? jsonFiles(path) : name.endsWith('.json') ? [path] : [];
  });

const problems = (file: string) => {
  const doc = validateDocument(JSON.parse(readFileSync(file, 'utf8')));
  const issues = doc.results.flatMap((r) => [...r.errors, ...r.warnings]);
  return { doc, codes: issues.map((i) => `${i.severity} ${i.code}`) };
};

describe('real public STIX data validates (test/fixtures/stix)', () => {
  for (const file of jsonFiles(join(root, 'oasis-examples'))) {
    it(`OASIS example ${file.slice(root.length)} has no errors`, () => {
      const { doc } = problems(file);
      expect(doc.results.flatMap((r) => r.errors)).toEqual([]);
    });
  }

  it('OASIS infrastructure.json: warnings only, an id with upper-case hex and SCO ids that are UUIDv4 where 2.9 suggests UUIDv5', () => {
    const { codes } = problems(
      join(root, 'oasis-examples/cti-stix2-json-schemas/examples/infrastructure.json'),
    );
    expect(codes).toEqual([
      'warning STIX_ID_UUID_VERSION',
      'warning STIX_ID_UPPERCASE',
      'warning STIX_ID_UUID_VERSION',
    ]);
  });

  it('MITRE ATT&CK for ICS 18.1 has no errors; warnings are its revoked objects, revoked-by relationships and x_mitre_ custom properties (11.1)', () => {
    const { doc, codes } = problems(join(root, 'attack-ics/ics-attack-18.1.json'));
    expect(doc.results).toHaveLength(1827);
    expect(doc.valid).toBe(true);
    expect(new Set(codes)).toEqual(
      new Set([
        'warning STIX_REVOKED',
        'warning STIX_RELATIONSHIP_TYPE',
        'warning STIX_CUSTOM_PROPERTY',
        'warning STIX_MISSING_PROPERTY', // 2.5.1: external references with a url and no hashes
      ]),
    );
  });

  it('8 the Unit 42 STIX 2.0 bundle validates as 2.0 content (noted once, on the bundle); its x_ properties are not deprecated in 2.0', () => {
    const { doc, codes } = problems(join(root, 'unit42/hermeticwiper.json'));
    expect(doc.valid).toBe(true);
    expect(codes[0]).toBe('warning STIX_VERSION_20');
    // 2.5.1: the only other warnings are external references with a url and no hashes.
    expect(new Set(codes.slice(1))).toEqual(new Set(['warning STIX_MISSING_PROPERTY']));
  });

  it('the spec examples validate, except those that break the spec on purpose or by mistake', () => {
    const examples = JSON.parse(readFileSync(join(root, 'spec-examples-v21.json'), 'utf8')) as {
      section: string;
      value: unknown;
    }[];
    const complete = examples.filter(({ value }) =>
      (Array.isArray(value) ? value : [value]).every(
        (v) => typeof v === 'object' && v !== null && 'type' in v,
      ),
    );
    expect(complete.length).toBeGreaterThan(60);
    const failing = new Set(
      complete
        .filter(({ value }) => !validateDocument(value).valid)
        .map(({ section }) => section.replace(/^#+ /, '').split(' ')[0]),
    );
    // 3.9.1 "file-…" id; 4.16.2 and 8.2 indicators without pattern_type/valid_from; 6.1.1 and C.2.2 payloads
    // ending in " ..."; 9.5 a fragment without created/modified; 11.3.1 a custom extension not ending
    // in -ext and a file without id; C.2.4 extension_type "property_extension".
    expect([...failing].sort()).toEqual([
      '11.3.1',
      '3.9.1',
      '4.16.2',
      '6.1.1',
      '8.2',
      '9.5',
      'C.2.2',
      'C.2.4',
    ]);
  });
});
