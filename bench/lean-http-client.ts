/**
 * The benchmarks' TAXII client: kept-alive node:http, bodies kept as bytes (not decoded or
 * parsed), so that a paging figure is the server's rate rather than the client's.
 */
import { Agent, get as httpGet } from 'node:http';

/** One kept-alive connection pool; destroy it when done so the process can exit. */
export const keepAlive = new Agent({ keepAlive: true });

/**
 * GETs a URL over a kept-alive connection and resolves with the body's bytes (status 200 only).
 * A kept-alive socket the server closed for idleness (its keep-alive timeout passes while a
 * bench does other work) is reset on reuse: that GET is sent once more on a fresh socket.
 */
export function getBytes(url: string, headers: Record<string, string>): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const req = httpGet(url, { headers, agent: keepAlive }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        res.statusCode === 200 ? resolve(Buffer.concat(chunks)) : reject(new Error(`GET ${res.statusCode}`)),
      );
      res.on('error', reject);
    });
    req.on('error', (err: NodeJS.ErrnoException) => {
      if (req.reusedSocket && err.code === 'ECONNRESET') getBytes(url, headers).then(resolve, reject);
      else reject(err);
    });
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
