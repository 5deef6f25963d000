import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { detectFormat, detectFormatOfText } from './detect-format.js';

const fixtures = fileURLToPath(new URL('../../test/fixtures/', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'accord-detect-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('detectFormat on real files', () => {
  const cases: [string, string][] = [
    ['stix/unit42/hermeticwiper.json', 'stix-2.0-bundle'],
    ['stix/attack-ics/ics-attack-18.1.json', 'stix-bundle'],
    ['stix/dogood/2025-12-10.json', 'stix-bundle'],
    ['stix/amnesty/novispy.stix2', 'stix-bundle'],
    ['stix/oasis-examples/cti-stix2-json-schemas/examples/interop-objectmarking-test.json', 'stix-object'],
    ['misp/eset/oceanlotus.misp.event.json', 'misp-response'],
    ['misp/eset/endor.json', 'misp-event'],
  ];
  for (const [file, format] of cases) {
    it(`${file} is ${format}`, async () => {
      expect(await detectFormat(join(fixtures, file))).toBe(format);
    });
  }

  it('a directory with manifest.json is a MISP feed; without, a directory', async () => {
    mkdirSync(join(dir, 'feed'));
    writeFileSync(join(dir, 'feed', 'manifest.json'), '{}');
    expect(await detectFormat(join(dir, 'feed'))).toBe('misp-feed');
    expect(await detectFormat(join(fixtures, 'stix/unit42'))).toBe('directory');
  });

  it('tells from the first bytes only: a 2.0 bundle whose spec_version comes after a huge objects list', async () => {
    const big = {
      id: 'bundle--1',
      objects: Array.from({ length: 5000 }, () => ({
        type: 'indicator',
        id: 'indicator--x',
        created: 'c',
        pattern: 'p',
      })),
      spec_version: '2.0',
      type: 'bundle',
    };
    writeFileSync(join(dir, 'late.json'), JSON.stringify(big));
    expect(await detectFormat(join(dir, 'late.json'), 4096)).toBe('stix-2.0-bundle');
  });
});

describe('detectFormatOfText', () => {
  const cases: [string, string][] = [
    ['{"type": "bundle", "id": "bundle--1", "objects": []}', 'stix-bundle'],
    [
      '{"objects": [{"type": "indicator", "spec_version": "2.1", "id": "x"}], "type": "bundle"}',
      'stix-bundle',
    ],
    ['{"type": "bundle", "spec_version": "2.0", "objects": []}', 'stix-2.0-bundle'],
    ['{"type": "bundle", "objects": [{"type": "ipv4-addr", "value": "198.51.100.1"}]}', 'stix-bundle'],
    ['{"type": "indicator", "id": "indicator--1"}', 'stix-object'],
    ['[{"type": "indicator"}]', 'json-array'],
    ['[]', 'json-array'],
    ['\uFEFF{"Event": {"uuid": "u"}}', 'misp-event'],
    ['{"response": [{"Event": {}}]}', 'misp-response'],
    ['[{"Event": {"uuid": "u"}}]', 'misp-event-list'],
    ['{"uuid": "u", "info": "bare event", "Attribute": []}', 'misp-event'],
    ['{"hello": "world"}', 'unknown-json'],
    ['42', 'unknown-json'],
    ['<html>', 'not-json'],
    ['', 'not-json'],
    ['{"type": "bun', 'unknown-json'],
  ];
  for (const [text, format] of cases) {
    it(`${JSON.stringify(text.slice(0, 50))} → ${format}`, () => {
      expect(detectFormatOfText(text)).toBe(format);
    });
  }
});
