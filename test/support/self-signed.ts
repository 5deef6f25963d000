/**
 * A self-signed TLS certificate for tests that serve or call HTTPS on loopback, made with the
 * machine's openssl (valid one day; EC P-256, quick to generate).
 */
import { execFileSync } from 'node:child_process';

/** Writes a key and a certificate for `/CN=localhost` naming `altNames` (e.g. `IP:127.0.0.1`). */
export function writeSelfSignedCertificate(
  keyFile: string,
  certFile: string,
  altNames: readonly string[] = ['IP:127.0.0.1', 'DNS:localhost'],
): void {
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=localhost',
      '-addext',
      `subjectAltName=${altNames.join(',')}`,
      '-keyout',
      keyFile,
      '-out',
      certFile,
    ],
    { stdio: 'ignore' },
  );
}
