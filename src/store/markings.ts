/** Marking definitions known to the node, with who made them known (DESIGN.md, Trust). */

/**
 * Who made a marking definition known to the node: its administrators (`accord group add`,
 * `embargo add`), or the organisation and origin (`local`, `peer:NAME`) of the version that
 * defined it. The policy counts a definition for an object only from a source its producer trusts.
 */
export type DefinitionSource =
  | { readonly kind: 'node' }
  | { readonly kind: 'version'; readonly producerOrg: string; readonly origin: string };

/** A marking definition as the node keeps it: the first one of its id (spec 7.2.1: never versioned). */
export interface MarkingDefinitionRecord {
  readonly json: string;
  readonly source: DefinitionSource;
}

/** The node's marking definitions. */
export interface MarkingStore {
  /**
   * Records a marking definition known to the node (any collection, or created locally), with
   * who made it known. The first definition of an id wins: marking definitions cannot be
   * versioned (STIX 2.1 section 7.2.1), so a later object reusing the id must not change who may
   * see what. Resolves to the definition the node now holds for the id (the first one).
   */
  putMarkingDefinition(id: string, json: string, source: DefinitionSource): Promise<MarkingDefinitionRecord>;
  /** Every known definition by id (callers cache what they derive on `generation('policy')`). */
  listMarkingDefinitions(): Promise<ReadonlyMap<string, MarkingDefinitionRecord>>;
}
