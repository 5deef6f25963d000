/**
 * A countdown to a release time on the SERVER's clock: the offset between the server's time
 * (sent with the advisory) and the browser's is measured once, then every tick adds it, so a
 * wrong browser clock does not move the release (issue 17).
 */
import { useEffect, useMemo, useState } from 'react';

/** "2 d 03:04:05" from milliseconds (0 and below: "0 s"). */
export function formatRemaining(ms: number): string {
  if (ms <= 0) return '0 s';
  const total = Math.floor(ms / 1000);
  const d = Math.floor(total / 86_400);
  const h = Math.floor((total % 86_400) / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const hms = [h, m, s].map((n) => String(n).padStart(2, '0')).join(':');
  return d > 0 ? `${d} d ${hms}` : hms;
}

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
