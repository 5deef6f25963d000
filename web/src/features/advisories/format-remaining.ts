/** How long until a release, for people. */

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
