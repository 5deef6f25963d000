/** The union of every STIX object type (sections 4–7), and the typed result of validation. */

import type { ExtensionDefinition, LanguageContent, MarkingDefinition } from '../meta/types.js';
import type { StixCyberObservableObject } from '../sco/types.js';
import type { StixDomainObject } from '../sdo/types.js';
import type { StixRelationshipObject } from '../sro/types.js';
import type { Identifier } from './types.js';

/** Any spec-defined STIX object, discriminated on `type`. */
export type StixObject =
  | StixDomainObject
  | StixRelationshipObject
  | StixCyberObservableObject
  | LanguageContent
  | MarkingDefinition
  | ExtensionDefinition;

/** The type name of every spec-defined object. */
export type StixType = StixObject['type'];

/**
 * An object of a type the spec does not define (11.2 custom objects, 7.3 new-sdo/new-sco/new-sro
 * extension objects): only `type` and `id` are known. Its `type` is typed `x-…` so that narrowing on
 * a spec type name excludes it; validation also accepts extension-defined names without the
 * prefix (with a warning when no extension declares them), so code must not rely on the prefix.
 */
export interface CustomObject {
  readonly type: `x-${string}`;
  readonly id: Identifier;
  readonly spec_version?: string;
  readonly [property: string]: unknown;
}

/** `T` with the spec_version validation allows: 2.1, or 2.0 (absent) under the rules both share. */
type AnyVersion<T> = T extends unknown
  ? Omit<T, 'spec_version'> & { readonly spec_version?: '2.0' | '2.1' }
  : never;

/**
 * A value validateObject accepted, discriminated on `type`: narrow with `switch (o.type)` or
 * `o.type === 'indicator'` instead of casting. STIX 2.0 content (accepted with the rules 2.0 and
 * 2.1 share) has no spec_version, so it is optional here.
 */
export type ValidatedObject = AnyVersion<StixObject> | CustomObject;

/** The validated object of one spec type, e.g. `ValidatedOf<'indicator'>`. */
export type ValidatedOf<K extends StixType> = Extract<ValidatedObject, { readonly type: K }>;
