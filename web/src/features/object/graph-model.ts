/** The graph tab's data: the objects and relationships reached by expanding nodes, merged. */
import type { ObjectSummary, RelationshipList } from '../../api/types.js';

/** One edge of the graph: a relationship between two visible objects. */
export interface GraphEdge {
  readonly id: string;
  readonly source: string;
  readonly target: string;
  readonly type: string;
}

/** Nodes and edges, deduplicated by id. */
export interface GraphModel {
  readonly nodes: ReadonlyMap<string, ObjectSummary>;
  readonly edges: ReadonlyMap<string, GraphEdge>;
}

/** Merges each expanded object's relationship pages into one graph (hidden ends are left out). */
export function buildGraph(root: ObjectSummary, pages: ReadonlyMap<string, RelationshipList>): GraphModel {
  const nodes = new Map<string, ObjectSummary>([[root.id, root]]);
  const edges = new Map<string, GraphEdge>();
  for (const [centre, page] of pages) {
    for (const r of page.relationships) {
      if (!r.other) continue;
      nodes.set(r.other.id, nodes.get(r.other.id) ?? r.other);
      const [source, target] = r.direction === 'outgoing' ? [centre, r.other.id] : [r.other.id, centre];
      edges.set(r.relationship.id, {
        id: r.relationship.id,
        source,
        target,
        type: r.relationship.relationship_type,
      });
    }
  }
  return { nodes, edges };
}
