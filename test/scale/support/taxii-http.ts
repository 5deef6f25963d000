/** Plain TAXII 2.1 requests to one process of a node, for tests that switch process at will. */
import { timestampMicros } from '../../../src/stix/index.js';

const MEDIA = 'application/taxii+json;version=2.1';

/** Every test user's password. */
export const pw = (username: string) => `pw-${username}-secret`;

/** A response: status, headers and the parsed body. */
export interface Reply {
  readonly status: number;
  readonly headers: Headers;
  readonly body: Record<string, unknown>;
}

/** One request as `user` to the node at `base` (e.g. http://127.0.0.1:6100); throws when unreachable. */
export async function taxii(base: string, path: string, user: string, body?: unknown): Promise<Reply> {
  const res = await fetch(`${base}/taxii2/api/${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      accept: MEDIA,
      authorization: `Basic ${Buffer.from(`${user}:${pw(user)}`).toString('base64')}`,
      ...(body === undefined ? {} : { 'content-type': MEDIA }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    signal: AbortSignal.timeout(20_000),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text === '' ? {} : JSON.parse(text) };
}

/** µs of a TAXII timestamp (a header or date_added); throws on anything else. */
export function micros(value: unknown): number {
  const us = timestampMicros(value);
  if (us === undefined) throw new Error(`not a timestamp: ${String(value)}`);
  return us;
}

/** `id|µs of version`: one version, however its timestamp is written. */
export const versionKey = (id: unknown, version: unknown) => `${String(id)}|${micros(version)}`;
