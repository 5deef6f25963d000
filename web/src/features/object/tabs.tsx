/**
 * The object page's tabs as an ARIA tablist (WAI-ARIA APG "Tabs", manual activation):
 * arrow keys, Home and End move between tabs; the selected one is in the URL.
 */
import { type KeyboardEvent, type ReactNode, useRef } from 'react';

/** The seven tabs, in order (CONTRACT.md "Web console"). */
export const TAB_NAMES = [
  'Overview',
  'Relationships',
  'Graph',
  'Sightings',
  'Versions',
  'Sharing',
  'Raw',
] as const;

/** A tab's name. */
export type TabName = (typeof TAB_NAMES)[number];

/** The tablist and the selected panel. */
export function Tabs(props: { current: TabName; onSelect: (t: TabName) => void; children: ReactNode }) {
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  const onKey = (event: KeyboardEvent<HTMLButtonElement>, index: number) => {
    const last = TAB_NAMES.length - 1;
    const to =
      event.key === 'ArrowRight'
        ? (index + 1) % TAB_NAMES.length
        : event.key === 'ArrowLeft'
          ? (index + last) % TAB_NAMES.length
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? last
              : null;
    if (to === null) return;
    event.preventDefault();
    refs.current[to]?.focus();
    props.onSelect(TAB_NAMES[to]!);
  };
  const slug = props.current.toLowerCase();
  return (
    <>
      <div role="tablist" aria-label="Object views" className="tablist">
        {TAB_NAMES.map((name, i) => (
          <button
            key={name}
            type="button"
            role="tab"
            id={`tab-${name.toLowerCase()}`}
            aria-selected={name === props.current}
            aria-controls={`panel-${name.toLowerCase()}`}
            tabIndex={name === props.current ? 0 : -1}
            ref={(el) => {
              refs.current[i] = el;
            }}
            onClick={() => props.onSelect(name)}
            onKeyDown={(e) => onKey(e, i)}
          >
            {name}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${slug}`} aria-labelledby={`tab-${slug}`} className="tabpanel">
        {props.children}
      </div>
    </>
  );
}
