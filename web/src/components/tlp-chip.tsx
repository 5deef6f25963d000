/**
 * A TLP 2.0 label as a chip: the FIRST colours (black background, label in the TLP colour)
 * and always the text, so colour is never the only cue (WCAG 1.4.1).
 */
import type { TlpLabel } from '../api/types.js';

const CLASS: Record<TlpLabel, string> = {
  'TLP:CLEAR': 'tlp-clear',
  'TLP:GREEN': 'tlp-green',
  'TLP:AMBER': 'tlp-amber',
  'TLP:AMBER+STRICT': 'tlp-amber',
  'TLP:RED': 'tlp-red',
};

/** The chip, or nothing when the object carries no TLP marking. */
export function TlpChip({ tlp }: { tlp: TlpLabel | null }) {
  if (tlp === null) return null;
  return <span className={`tlp ${CLASS[tlp]}`}>{tlp}</span>;
}
