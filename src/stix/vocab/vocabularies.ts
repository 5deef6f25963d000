/** The STIX 2.1 open vocabularies (`-ov`) and enumerations (`-enum`) of spec section 10. */
import { ENUMERATIONS } from './enumerations.js';
import { OPEN_VOCABULARIES } from './open-vocabularies.js';

export type { Vocabulary } from './vocabulary.js';

/** Every vocabulary of section 10 by name. */
export const VOCABULARIES = { ...OPEN_VOCABULARIES, ...ENUMERATIONS } as const;

/** A vocabulary name of section 10. */
export type VocabularyName = keyof typeof VOCABULARIES;
