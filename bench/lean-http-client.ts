/**
 * The benchmarks' TAXII client: kept-alive node:http, bodies kept as bytes (not decoded or
 * parsed), so that a paging figure is the server's rate rather than the client's.
 */
import { Agent, get as httpGet } from 'node:http';

/** One kept-alive connection pool; destroy it when done so the process can exit. */
export const keepAlive = new Agent({ keepAlive: true });

/** GETs a URL over a kept-alive connection and resolves with the body's bytes (status 200 only). */
export function getBytes(url: string, headers: Record<string, string>): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    httpGet(url, { headers, agent: keepAlive }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        res.statusCode === 200 ? resolve(Buffer.concat(chunks)) : reject(new Error(`GET ${res.statusCode}`)),
      );
      res.on('error', reject);
    }).on('error', reject);
  });
}

/** Occurrences of `needle` in `bytes`. */
export function countOf(bytes: Buffer, needle: Buffer): number {
  let n = 0;
  for (let i = bytes.indexOf(needle); i >= 0; i = bytes.indexOf(needle, i + needle.length)) n++;
  return n;
}

/** The `next` cursor of an envelope whose `more` is true (Accord writes `more`/`next` first). */
export function nextOf(body: Buffer): string | undefined {
  return /^\{"more":true,"next":"([^"]+)"/.exec(body.subarray(0, 512).toString('latin1'))?.[1];
}
