/** SDOs giving context: 4.3 course-of-action, 4.5 identity, 4.6 incident, 4.10 location. */
import { list } from '../checks/collections.js';
import { float, string } from '../checks/primitives.js';
import { countryCode } from '../checks/registries.js';
import { vocab } from '../checks/vocab.js';
import { opt, req } from '../validate/context.js';
import { requires } from '../validate/rules.js';
import { sdo } from './define.js';

const strings = list(string());

// 4.3: `action` is RESERVED; the generic reserved-name rule (3.8) rejects it.
export const courseOfAction = sdo('course-of-action', '4.3', {
  name: req(string()),
  description: opt(string()),
});

export const identity = sdo('identity', '4.5', {
  name: req(string()),
  description: opt(string()),
  roles: opt(strings),
  identity_class: opt(vocab('identity-class-ov')),
  sectors: opt(list(vocab('industry-sector-ov'))),
  contact_information: opt(string()),
});

export const incident = sdo('incident', '4.6', { name: req(string()), description: opt(string()) });

export const location = sdo(
  'location',
  '4.10',
  {
    name: opt(string()),
    description: opt(string()),
    latitude: opt(float({ min: -90, max: 90, section: '4.10.1' })),
    longitude: opt(float({ min: -180, max: 180, section: '4.10.1' })),
    precision: opt(float({ min: 0, section: '4.10.1' })),
    region: opt(vocab('region-ov')),
    country: opt(countryCode('4.10.1')),
    administrative_area: opt(string()),
    city: opt(string()),
    street_address: opt(string()),
    postal_code: opt(string()),
  },
  (obj, path, ctx) => {
    requires(obj, path, ctx, 'latitude', 'longitude', '4.10.1');
    requires(obj, path, ctx, 'longitude', 'latitude', '4.10.1');
    requires(obj, path, ctx, 'precision', 'latitude', '4.10.1');
    const hasPoint = obj.latitude !== undefined && obj.longitude !== undefined;
    if (obj.region === undefined && obj.country === undefined && !hasPoint) {
      ctx.error(
        'STIX_AT_LEAST_ONE',
        path,
        'a location needs region, country, or latitude and longitude',
        '4.10',
      );
    }
  },
);
