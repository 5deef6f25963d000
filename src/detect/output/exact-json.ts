/** JSON text of STIX objects whose integers may exceed 2^53 (BigInt values are written exactly). */
const MARK = '\u0000bigint:';

/** JSON.stringify, except that BigInt values are written as their exact digits. */
export function exactJson(value: unknown): string {
  let big = false;
  const text = JSON.stringify(value, (_k, v: unknown) => {
    if (typeof v !== 'bigint') return v;
    big = true;
    return `${MARK}${v.toString()}`;
  });
  return big ? text.replace(/"\\u0000bigint:(-?\d+)"/g, '$1') : text;
}
