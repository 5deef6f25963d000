/** Raw TCP exchanges with a listening server: bytes no HTTP client would send, and the answer as sent. */
import { connect, type Socket } from 'node:net';

/** An HTTP response as it came off the wire. */
export interface RawResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** Parses the first response of a byte string (status line, headers, Content-Length body). */
export function parseResponse(text: string): RawResponse {
  const end = text.indexOf('\r\n\r\n');
  if (end < 0) throw new Error(`no complete response in ${JSON.stringify(text.slice(0, 200))}`);
  const [statusLine = '', ...lines] = text.slice(0, end).split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const length = Number(headers['content-length'] ?? Number.NaN);
  const rest = text.slice(end + 4);
  return {
    status: Number(statusLine.split(' ')[1]),
    headers,
    body: Number.isNaN(length) ? rest : rest.slice(0, length),
  };
}

/** Sends `bytes` (in the given parts, each written in turn) and resolves with what the server sent until it closed. */
export function rawExchange(port: number, parts: readonly (string | Buffer)[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', (err: NodeJS.ErrnoException) => {
      // A server that answers and closes while we still write resets the connection.
      if (err.code === 'ECONNRESET' || err.code === 'EPIPE') resolve(Buffer.concat(chunks).toString('utf8'));
      else reject(err);
    });
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
    socket.on('connect', () => {
      for (const part of parts) socket.write(part);
    });
  });
}

/** Opens a connection and writes `prefix` (possibly nothing), then leaves it open: a half-open request. */
export function halfOpen(port: number, prefix: string): Promise<Socket> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.on('error', () => undefined);
    socket.on('connect', () => {
      if (prefix !== '') socket.write(prefix);
      resolve(socket);
    });
    // A connection the server refused on accept closes before or just after connecting.
    socket.on('close', () => resolve(socket));
  });
}
