/** The shape of a STIX vocabulary (spec section 10). */

/** One vocabulary: its spec section, whether it is open (SHOULD) or closed (MUST), and its values. */
export interface Vocabulary {
  readonly name: string;
  readonly section: string;
  readonly open: boolean;
  readonly values: ReadonlySet<string>;
}

/** Builds a vocabulary; `-ov` names are open vocabularies, `-enum` names closed enumerations. */
export const vocab = (name: string, section: string, values: readonly string[]): Vocabulary => ({
  name,
  section,
  open: name.endsWith('-ov'),
  values: new Set(values),
});
