import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { registryTables } from '../../../../scripts/stix-registry-tables.js';

describe('generated registry tables', () => {
  it('equal what scripts/generate-stix-registries.ts writes from the pinned packages', async () => {
    for (const [file, text] of Object.entries(await registryTables()))
      expect(readFileSync(new URL(file, import.meta.url), 'utf8'), file).toBe(text);
  });
});
