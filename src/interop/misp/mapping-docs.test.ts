import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ATTRIBUTE_TYPES } from './attribute-table.js';
import { OBJECT_TEMPLATES } from './object-table.js';

const guide = readFileSync(new URL('../../../docs/guides/interop.md', import.meta.url), 'utf8');
const firstCells = (heading: string) => {
  const section = guide.slice(guide.indexOf(heading));
  const table = section.slice(section.indexOf('\n|'), section.indexOf('\n\n', section.indexOf('\n|') + 1));
  return [...table.matchAll(/^\| `([^`]+)` \|/gm)].map((m) => m[1]!.replace(/\\\|/g, '|'));
};

describe('docs/guides/interop.md states the mapping the code applies', () => {
  it('the attribute table lists exactly the mapped MISP attribute types', () => {
    expect(firstCells('| MISP type |')).toEqual(Object.keys(ATTRIBUTE_TYPES));
  });

  it('the object table lists exactly the mapped MISP object templates', () => {
    expect(firstCells('| template |')).toEqual(Object.keys(OBJECT_TEMPLATES));
  });
});
