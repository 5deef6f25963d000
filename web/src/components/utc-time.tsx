/** A timestamp shown in UTC (the contract's times are UTC ISO 8601), machine-readable too. */

/** `2026-12-06 15:17:04 UTC` from an ISO string; the raw text when it does not parse. */
export function formatUtc(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  return `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** A `<time>` element in UTC, or a dash for null. */
export function UtcTime({ iso }: { iso: string | null | undefined }) {
  if (!iso) return <span className="muted">—</span>;
  return <time dateTime={iso}>{formatUtc(iso)}</time>;
}
