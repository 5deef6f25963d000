import { describe, expect, it } from 'vitest';
import {
  SCO_EXTENSION_OWNERS,
  SCO_EXTENSION_PROPERTY_NAMES,
  SCO_PROPERTY_NAMES,
  SCO_TYPE_NAMES,
  SCO_TYPES,
} from '../index.js';

describe('SCO property-name tables (spec section 6)', () => {
  it('6 list every SCO type with exactly the properties its validation table checks', () => {
    expect(Object.keys(SCO_PROPERTY_NAMES).sort()).toEqual([...SCO_TYPE_NAMES].sort());
    for (const type of SCO_TYPE_NAMES) {
      expect([...SCO_PROPERTY_NAMES[type]!].sort(), type).toEqual(
        Object.keys(SCO_TYPES[type].properties).sort(),
      );
    }
  });

  it('6.7.2-6.16.2 every predefined extension has an owner and its property names', () => {
    expect(Object.keys(SCO_EXTENSION_PROPERTY_NAMES).sort()).toEqual(
      Object.keys(SCO_EXTENSION_OWNERS).sort(),
    );
    expect(SCO_EXTENSION_PROPERTY_NAMES['http-request-ext']).toContain('request_header');
    expect(SCO_EXTENSION_OWNERS['windows-pebinary-ext']).toBe('file');
  });
});
