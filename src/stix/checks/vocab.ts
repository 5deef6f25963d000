/** Checks of open vocabularies (SHOULD: warnings, 2.14) and enumerations (MUST: errors, 2.4). */
import { type Check, jsonType, show } from '../validate/context.js';
import { VOCABULARIES, type VocabularyName } from '../vocab/vocabularies.js';

const OPEN_STYLE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** A value from a vocabulary of section 10: closed enums give errors, open vocabularies warnings. */
export const vocab =
  (name: VocabularyName): Check =>
  (value, path, ctx) => {
    const v = VOCABULARIES[name];
    if (typeof value !== 'string') {
      ctx.error('STIX_WRONG_TYPE', path, `must be a string from ${name}, not ${jsonType(value)}`, v.section);
      return;
    }
    if (v.values.has(value)) return;
    if (!v.open) {
      ctx.error(
        'STIX_VOCAB_CLOSED',
        path,
        `${show(value)} is not a value of the ${name} enumeration; use one of: ${[...v.values].join(', ')}`,
        v.section,
      );
    } else {
      const style = OPEN_STYLE.test(value) ? '' : '; values outside it should be lower case with hyphens';
      ctx.warn(
        'STIX_VOCAB_OPEN',
        path,
        `${show(value)} is not in the suggested vocabulary ${name}${style}`,
        v.section,
      );
    }
  };
