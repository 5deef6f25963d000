/**
 * The policy contexts of one node: what decisions need to know (definitions, organisations,
 * the clock), read from the node's store and rebuilt only when the store says its definitions
 * or organisations changed (an explicit generation, not the identity of what it returned). One
 * instance per node, made by the composition root and passed down: two nodes in one process
 * never share it.
 */
import type { Micros } from '../stix/index.js';
import type { MarkingDefinitionRecord, Organization } from '../store/index.js';
import { buildMarkingIndex, type MarkingIndex } from './marking-index.js';
import { SelectorCache } from './selector-cache.js';
import type { PolicyContext } from './types.js';

/** What a PolicyContexts reads from the node (a part of the store port). */
export interface PolicySource {
  /** With `policy`: changes whenever a marking definition or an organisation is added or changed. */
  generation(topic: 'policy'): Promise<number>;
  listMarkingDefinitions(): Promise<ReadonlyMap<string, MarkingDefinitionRecord>>;
  listOrganizations(): Promise<readonly Organization[]>;
}

interface Built {
  readonly generation: number;
  readonly markings: MarkingIndex;
  readonly definitions: ReadonlyMap<string, MarkingDefinitionRecord>;
  readonly identities: ReadonlyMap<string, string>;
}

/** A policy context, with the definitions it was built from (federation sends them on). */
export type NodePolicyContext = PolicyContext & {
  readonly definitions: ReadonlyMap<string, MarkingDefinitionRecord>;
};

/** Builds policy contexts for one node, keeping what it derived while the source is unchanged. */
export class PolicyContexts {
  readonly #source: PolicySource;
  readonly #selectors = new SelectorCache();
  #built: Promise<Built> | undefined;

  constructor(source: PolicySource) {
    this.#source = source;
  }

  /** The context as of `now` (µs): one generation read, and a rebuild only after a change. */
  async at(now: Micros): Promise<NodePolicyContext> {
    const generation = await this.#source.generation('policy');
    let built = this.#built === undefined ? undefined : await this.#built;
    if (built?.generation !== generation) {
      this.#built = this.#build(generation);
      built = await this.#built;
    }
    const { markings, definitions, identities } = built;
    return {
      markings,
      now,
      definitions,
      selectors: this.#selectors,
      identityOfOrg: (org) => identities.get(org),
    };
  }

  async #build(generation: number): Promise<Built> {
    const [definitions, organizations] = await Promise.all([
      this.#source.listMarkingDefinitions(),
      this.#source.listOrganizations(),
    ]);
    return {
      generation,
      definitions,
      markings: buildMarkingIndex(definitions.values()),
      identities: new Map(organizations.map((o) => [o.id, o.identityId])),
    };
  }
}
