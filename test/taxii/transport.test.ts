/** TAXII 2.1 section 8.2.2 and CONTRACT.md "Server": TLS, and no plain HTTP off loopback unless asked. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isLoopback, startServer } from '../../src/server/index.js';
import { openStore } from '../../src/store/index.js';
import { writeSelfSignedCertificate } from '../support/self-signed.js';

const dir = mkdtempSync(join(tmpdir(), 'accord-tls-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('8.2.2 transport', () => {
  it('isLoopback knows localhost, 127.0.0.0/8 and ::1 and nothing else', () => {
    for (const h of ['localhost', '127.0.0.1', '127.1.2.3', '::1', '[::1]'])
      expect(isLoopback(h), h).toBe(true);
    for (const h of ['0.0.0.0', '192.0.2.1', '::', 'example.com', '10.0.0.1'])
      expect(isLoopback(h), h).toBe(false);
  });

  it('serve refuses plain HTTP on a non-loopback host unless --insecure-http', async () => {
    const store = await openStore(join(dir, 'plain.db'));
    await expect(startServer({ store, host: '0.0.0.0', port: 0, log: false })).rejects.toThrow(
      /--insecure-http/,
    );
    const server = await startServer({ store, host: '0.0.0.0', port: 0, log: false, insecureHttp: true });
    expect(server.url).toMatch(/^http:\/\/0\.0\.0\.0:\d+$/);
    await server.close();
  });

  it('8.2.2 serve with --tls-cert/--tls-key answers over HTTPS', async () => {
    const key = join(dir, 'key.pem');
    const cert = join(dir, 'cert.pem');
    writeSelfSignedCertificate(key, cert, ['IP:127.0.0.1']);
    const store = await openStore(join(dir, 'tls.db'));
    const server = await startServer({
      store,
      host: '127.0.0.1',
      port: 0,
      log: false,
      tlsCert: cert,
      tlsKey: key,
    });
    try {
      expect(server.url).toMatch(/^https:\/\//);
      const status = await new Promise<number>((resolve, reject) => {
        const req = request(`${server.url}/healthz`, { ca: readFileSync(cert) }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
        req.end();
      });
      expect(status).toBe(200);
    } finally {
      await server.close();
    }
  });
});
