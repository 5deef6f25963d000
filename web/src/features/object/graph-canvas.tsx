/**
 * The graph drawn with cytoscape (loaded only when the tab opens). Colours come from the
 * theme's CSS variables; a tap on a node expands it. The table beside it is the accessible
 * alternative, so the canvas itself is hidden from assistive technology.
 */
import { useEffect, useRef } from 'react';
import type { GraphModel } from './graph-model.js';

function cssVar(name: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || '#888';
}

/** The canvas; `onExpand` is called with the id of a tapped node. */
export function GraphCanvas({
  model,
  rootId,
  onExpand,
}: {
  model: GraphModel;
  rootId: string;
  onExpand: (id: string) => void;
}) {
  const container = useRef<HTMLDivElement>(null);
  const expand = useRef(onExpand);
  expand.current = onExpand;
  useEffect(() => {
    let destroyed = false;
    let destroy = () => {};
    void import('cytoscape').then(({ default: cytoscape }) => {
      if (destroyed || !container.current) return;
      const cy = cytoscape({
        container: container.current,
        elements: [
          ...[...model.nodes.values()].map((n) => ({
            data: { id: n.id, label: n.name || n.type, root: n.id === rootId ? 1 : 0 },
          })),
          ...[...model.edges.values()].map((e) => ({
            data: { id: e.id, source: e.source, target: e.target, label: e.type },
          })),
        ],
        style: [
          {
            selector: 'node',
            style: {
              label: 'data(label)',
              color: cssVar('--fg'),
              'font-size': 10,
              'background-color': cssVar('--accent'),
              'text-wrap': 'ellipsis',
              'text-max-width': '120px',
            },
          },
          {
            selector: 'node[root = 1]',
            style: { 'background-color': cssVar('--accent-strong'), width: 40, height: 40 },
          },
          {
            selector: 'edge',
            style: {
              width: 1,
              'line-color': cssVar('--muted'),
              'target-arrow-color': cssVar('--muted'),
              'target-arrow-shape': 'triangle',
              'curve-style': 'bezier',
            },
          },
        ],
        layout:
          model.nodes.size > 80
            ? { name: 'concentric', minNodeSpacing: 8 }
            : { name: 'cose', animate: false },
      });
      cy.on('tap', 'node', (event) => expand.current(event.target.id()));
      destroy = () => cy.destroy();
    });
    return () => {
      destroyed = true;
      destroy();
    };
  }, [model, rootId]);
  return <div ref={container} className="graph-canvas" aria-hidden="true" />;
}
