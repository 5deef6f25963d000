/**
 * Errors Node's HTTP parser and timers raise before Fastify sees a request (a malformed
 * request line, headers over 16 KiB, a request too slow to arrive): answered with the TAXII
 * error resource (TAXII 2.1 section 3.6.1) like every other error, then the connection closes.
 */
import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyBaseLogger } from 'fastify';
import { errorResource, TAXII_MEDIA_TYPE } from '../taxii/index.js';

function classify(err: NodeJS.ErrnoException): readonly [number, string, string] {
  if (err.code === 'ERR_HTTP_REQUEST_TIMEOUT')
    return [408, 'TAXII_REQUEST_TIMEOUT', 'the request did not arrive in time'];
  if (err.code === 'HPE_HEADER_OVERFLOW')
    return [431, 'TAXII_HEADERS_TOO_LARGE', 'the request line and headers are larger than 16 KiB'];
  return [400, 'TAXII_BAD_REQUEST', `malformed HTTP request${err.code ? ` (${err.code})` : ''}`];
}

/** A Fastify `clientErrorHandler` that answers with TAXII error resources. */
export function taxiiClientErrorHandler(
  log: () => FastifyBaseLogger,
): (err: NodeJS.ErrnoException, socket: Socket) => void {
  return (err, socket) => {
    // A reset connection has nobody left to answer.
    if (err.code === 'ECONNRESET' || socket.destroyed) return;
    const [status, code, message] = classify(err);
    const errorId = `client-${randomUUID()}`;
    log().info({ code, status, errorId, err: err.code }, message);
    if (socket.writable) {
      const body = JSON.stringify(errorResource(status, code, message, errorId));
      socket.write(
        `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: ${TAXII_MEDIA_TYPE}\r\n` +
          `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
      );
    }
    socket.destroy();
  };
}
