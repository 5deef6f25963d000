/** Shorthands for reference properties restricted to named object types. */

import type { Check } from '../validate/context.js';
import { list } from './collections.js';
import { type RefTarget, reference } from './identifier.js';

const article = (type: string): string => (/^[aeiou]/.test(type) ? 'an' : 'a');

/** A target made of object types, described for messages ("a file or directory"). */
export function typesTarget(types: readonly string[]): RefTarget {
  const words =
    types.length === 1
      ? `${article(types[0]!)} ${types[0]}`
      : `${article(types[0]!)} ${types.slice(0, -1).join(', ')} or ${types.at(-1)}`;
  return { types, describe: words };
}

/** A reference to one of the given types, the rule stated in `section`. */
export const refTo = (section: string, ...types: string[]): Check => reference(typesTarget(types), section);

/** A list of references to the given types. */
export const refsTo = (section: string, ...types: string[]): Check =>
  list(reference(typesTarget(types), section));
