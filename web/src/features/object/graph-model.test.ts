/** The graph tab merges relationship pages into one graph, leaving out ends the caller may not see. */
import { describe, expect, it } from 'vitest';
import type { ObjectSummary, RelationshipList } from '../../api/types.js';
import { buildGraph } from './graph-model.js';

const obj = (id: string): ObjectSummary => ({
  id,
  type: id.split('--')[0]!,
  name: id,
  tlp: null,
  modified: null,
});
const rel = (id: string, type = 'uses') => ({ ...obj(id), relationship_type: type });

describe('buildGraph', () => {
  it('points edges by direction, dedupes them, and drops hidden ends', () => {
    const root = obj('intrusion-set--a');
    const page: RelationshipList = {
      relationships: [
        { relationship: rel('relationship--1'), direction: 'outgoing', other: obj('malware--b') },
        {
          relationship: rel('relationship--2', 'indicates'),
          direction: 'incoming',
          other: obj('indicator--c'),
        },
        { relationship: rel('relationship--3'), direction: 'outgoing', other: null },
      ],
      total: 3,
      next: null,
    };
    const neighbour: RelationshipList = {
      relationships: [{ relationship: rel('relationship--1'), direction: 'incoming', other: root }],
      total: 1,
      next: null,
    };
    const g = buildGraph(
      root,
      new Map([
        [root.id, page],
        ['malware--b', neighbour],
      ]),
    );
    expect([...g.nodes.keys()].sort()).toEqual(['indicator--c', 'intrusion-set--a', 'malware--b']);
    expect([...g.edges.values()]).toEqual([
      { id: 'relationship--1', source: 'intrusion-set--a', target: 'malware--b', type: 'uses' },
      { id: 'relationship--2', source: 'indicator--c', target: 'intrusion-set--a', type: 'indicates' },
    ]);
  });
});
