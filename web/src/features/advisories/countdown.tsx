/**
 * A countdown to a release time on the SERVER's clock: the offset between the server's time
 * (sent with the advisory) and the browser's is measured once, then every tick adds it, so a
 * wrong browser clock does not move the release (issue 17).
 */
import { useEffect, useMemo, useState } from 'react';
import { formatRemaining } from './format-remaining.js';

/** The timer (`role="timer"`); `serverTime` is the server's clock when the data was answered. */
export function Countdown({ releaseAt, serverTime }: { releaseAt: string; serverTime: string }) {
  const offset = useMemo(() => Date.parse(serverTime) - Date.now(), [serverTime]);
  const [now, setNow] = useState(() => Date.now() + offset);
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now() + offset), 1000);
    return () => window.clearInterval(timer);
  }, [offset]);
  const remaining = Date.parse(releaseAt) - now;
  return (
    // aria-live off: a timer announcing every second would drown everything else out.
    <span
      role="timer"
      aria-live="off"
      aria-label="Time until release"
      data-remaining-ms={Math.max(0, remaining)}
    >
      {remaining > 0 ? formatRemaining(remaining) : 'release time reached'}
    </span>
  );
}
