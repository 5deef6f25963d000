/**
 * A real HTTP(S) server on 127.0.0.1 and a random port whose answers a test scripts, to drive the
 * TAXII client over the network (retries, timeouts, TLS). Not part of the package build.
 */
import { createServer as createHttp, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttps } from 'node:https';
import type { AddressInfo } from 'node:net';

/** A scripted answer; `destroy` drops the connection, `hang` never answers. */
export type Reply =
  | {
      readonly status: number;
      readonly body?: unknown;
      /** The body exactly as sent (bytes that are not UTF-8 included). */
      readonly raw?: string | Buffer;
      readonly headers?: Record<string, string>;
    }
  | { readonly destroy: true }
  | { readonly hang: true };

/** A request as the server saw it. */
export interface Seen {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

/** A running scripted server. */
export interface ScriptedServer {
  readonly url: string;
  readonly seen: Seen[];
  close(): Promise<void>;
}

const TAXII = 'application/taxii+json;version=2.1';

/** Starts a server answering each request with `handler`'s reply (TAXII Content-Type by default). */
export async function startScriptedServer(
  handler: (req: Seen, index: number) => Reply | Promise<Reply>,
  tls?: { key: string; cert: string },
): Promise<ScriptedServer> {
  const seen: Seen[] = [];
  const hanging = new Set<ServerResponse>();
  const listener = (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const s: Seen = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      seen.push(s);
      const reply = await handler(s, seen.length - 1);
      if ('destroy' in reply) return void req.socket.destroy();
      if ('hang' in reply) return void hanging.add(res);
      const text = reply.raw ?? (reply.body === undefined ? '' : JSON.stringify(reply.body));
      res.writeHead(reply.status, { 'content-type': TAXII, ...reply.headers });
      res.end(text);
    });
  };
  const server = tls ? createHttps({ key: tls.key, cert: tls.cert }, listener) : createHttp(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `${tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    seen,
    close: async () => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
