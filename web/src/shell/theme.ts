/**
 * Light or dark: the system's preference (prefers-color-scheme) until the user picks one; the
 * pick is a display preference kept in localStorage (no secret ever is).
 */
import { useCallback, useEffect, useState } from 'react';

/** A theme the user can pick. */
export type Theme = 'light' | 'dark';

const KEY = 'accord-theme';

function initialTheme(): Theme {
  const saved = window.localStorage.getItem(KEY);
  if (saved === 'light' || saved === 'dark') return saved;
  return window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

/** The current theme, applied as `data-theme` on <html>, and a toggle. */
export function useTheme(): { theme: Theme; toggle: () => void } {
  const [theme, setTheme] = useState<Theme>(initialTheme);
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  const toggle = useCallback(() => {
    setTheme((t) => {
      const next = t === 'dark' ? 'light' : 'dark';
      window.localStorage.setItem(KEY, next);
      return next;
    });
  }, []);
  return { theme, toggle };
}
