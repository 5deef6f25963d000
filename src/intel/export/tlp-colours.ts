/**
 * TLP 2.0 colours as FIRST publishes them for labels (https://www.first.org/tlp/, "Colour-coding
 * TLP labels"): the label's text in the level's colour on a black background. The label is
 * always written out as text too (`TLP:AMBER`), never as colour alone.
 */

/** Foreground and background of a TLP 2.0 label (CSS hex). */
export interface TlpColours {
  readonly foreground: string;
  readonly background: string;
}

/** FIRST's RGB values: RED 255,43,43; AMBER 255,192,0; GREEN 51,255,0; CLEAR 255,255,255; background 0,0,0. */
export const TLP_COLOURS: Readonly<Record<'red' | 'amber' | 'amber+strict' | 'green' | 'clear', TlpColours>> =
  {
    red: { foreground: '#FF2B2B', background: '#000000' },
    amber: { foreground: '#FFC000', background: '#000000' },
    'amber+strict': { foreground: '#FFC000', background: '#000000' },
    green: { foreground: '#33FF00', background: '#000000' },
    clear: { foreground: '#FFFFFF', background: '#000000' },
  };
