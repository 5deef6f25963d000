/** The abstract syntax tree of a STIX pattern (spec section 9); every node carries its source offset. */

/** The STIX version whose grammar a pattern is read with. */
export type SpecVersion = '2.0' | '2.1';

/** A constant of section 9.2. Binary and hex constants hold their decoded octets. */
export type Literal =
  | { readonly kind: 'string'; readonly value: string; readonly offset: number }
  | { readonly kind: 'int'; readonly value: number; readonly offset: number }
  | { readonly kind: 'float'; readonly value: number; readonly offset: number }
  | { readonly kind: 'bool'; readonly value: boolean; readonly offset: number }
  | { readonly kind: 'binary'; readonly value: Uint8Array; readonly offset: number }
  | { readonly kind: 'hex'; readonly value: Uint8Array; readonly offset: number }
  /** `value` is the canonical form (9 fraction digits), which sorts as the instant does. */
  | { readonly kind: 'timestamp'; readonly value: string; readonly ms: number; readonly offset: number };

/** One step of an object path after the object type (9.7). */
export type PathStep =
  | { readonly kind: 'key'; readonly name: string; readonly offset: number }
  | { readonly kind: 'index'; readonly index: number | '*'; readonly offset: number };

/** `<object-type>:<property>…` (9.7). */
export interface ObjectPath {
  readonly objectType: string;
  readonly steps: readonly PathStep[];
  readonly offset: number;
}

/** The comparison operators of 9.6.1 (`<>` is read as `!=`). */
export type ComparisonOperator =
  | '='
  | '!='
  | '<'
  | '<='
  | '>'
  | '>='
  | 'IN'
  | 'LIKE'
  | 'MATCHES'
  | 'ISSUBSET'
  | 'ISSUPERSET';

/** A Comparison Expression (9.6) or a Boolean combination of them. */
export type ComparisonExpression =
  | {
      readonly kind: 'comparison';
      readonly path: ObjectPath;
      readonly operator: ComparisonOperator;
      readonly negated: boolean;
      /** The constant; for IN, the set's members. */
      readonly value: Literal | readonly Literal[];
      readonly offset: number;
    }
  | { readonly kind: 'exists'; readonly path: ObjectPath; readonly offset: number }
  | {
      readonly kind: 'and' | 'or';
      readonly operands: readonly ComparisonExpression[];
      readonly offset: number;
    };

/** An Observation Expression (9.5) with its operators (9.5.2) and qualifiers (9.5.1). */
export type ObservationExpression =
  | { readonly kind: 'observation'; readonly expression: ComparisonExpression; readonly offset: number }
  | {
      readonly kind: 'obs-and' | 'obs-or' | 'followedby';
      readonly left: ObservationExpression;
      readonly right: ObservationExpression;
      readonly offset: number;
    }
  | {
      readonly kind: 'repeats';
      readonly expression: ObservationExpression;
      readonly times: number;
      readonly offset: number;
    }
  | {
      readonly kind: 'within';
      readonly expression: ObservationExpression;
      readonly seconds: number;
      readonly offset: number;
    }
  | {
      readonly kind: 'startstop';
      readonly expression: ObservationExpression;
      readonly start: Literal & { kind: 'timestamp' };
      readonly stop: Literal & { kind: 'timestamp' };
      readonly offset: number;
    };

/** A parsed Pattern Expression (9.4). */
export interface Pattern {
  readonly source: string;
  readonly specVersion: SpecVersion;
  readonly root: ObservationExpression;
}
