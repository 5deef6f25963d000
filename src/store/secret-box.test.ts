import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SecretBox } from './secret-box.js';

const dir = mkdtempSync(join(tmpdir(), 'accord-secrets-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const keyFile = () => join(dir, `k${n++}.key`);

const codeOf = (run: () => unknown): string | undefined => {
  try {
    run();
  } catch (err) {
    return (err as { code?: string }).code;
  }
  return undefined;
};

describe('SecretBox (AES-256-GCM, key outside the database)', () => {
  it('seals and opens; the sealed text holds no trace of the secret and differs every time', () => {
    const box = new SecretBox({ file: keyFile() });
    const a = box.seal('correct horse battery staple');
    const b = box.seal('correct horse battery staple');
    expect(a).toMatch(/^enc:v1:[0-9a-f]{16}:/);
    expect(a).not.toBe(b);
    expect(a).not.toContain('horse');
    expect(box.open(a, 'x')).toBe('correct horse battery staple');
    expect(SecretBox.isSealed(a)).toBe(true);
    expect(SecretBox.isSealed('plain password')).toBe(false);
  });

  it('creates its key file 0600 on first use only', () => {
    const file = keyFile();
    const box = new SecretBox({ file });
    expect(existsSync(file)).toBe(false);
    box.seal('x');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(Buffer.from(readFileSync(file, 'utf8').trim(), 'base64')).toHaveLength(32);
  });

  it('says clearly when the key is missing or another one, and when the value was altered', () => {
    const file = keyFile();
    const sealed = new SecretBox({ file }).seal('secret');
    rmSync(file);
    expect(() => new SecretBox({ file }).open(sealed, 'the password of peer uk')).toThrow(
      `the password of peer uk is encrypted, but there is no key at ${file}`,
    );
    new SecretBox({ file }).seal('other');
    expect(() => new SecretBox({ file }).open(sealed, 'the password of peer uk')).toThrow(
      /is encrypted with key [0-9a-f]{16}, but the key at .* is [0-9a-f]{16}/,
    );
    const box = new SecretBox({ file });
    const good = box.seal('secret');
    const altered = `${good.slice(0, -4)}${good.slice(-4) === 'AAAA' ? 'BBBB' : 'AAAA'}`;
    expect(codeOf(() => box.open(altered, 'x'))).toBe('STORE_SECRET_UNREADABLE');
  });

  it('refuses a key file other users may read, and a key of the wrong size', () => {
    const file = keyFile();
    new SecretBox({ file }).seal('x');
    chmodSync(file, 0o644);
    expect(() => new SecretBox({ file }).seal('y')).toThrow(
      /may be read by other users \(mode 644\): chmod 600/,
    );
    const short = keyFile();
    writeFileSync(short, 'c2hvcnQ=\n', { mode: 0o600 });
    expect(codeOf(() => new SecretBox({ file: short }).seal('y'))).toBe('STORE_SECRET_KEY_INVALID');
    expect(
      codeOf(() => new SecretBox({ key: Buffer.alloc(16), origin: '$ACCORD_SECRET_KEY' }).seal('y')),
    ).toBe('STORE_SECRET_KEY_INVALID');
  });

  it('rotates: secrets sealed again under a new key, the old key gone; an interrupted rotation is finished', () => {
    const file = keyFile();
    const box = new SecretBox({ file });
    let stored = [box.seal('one'), box.seal('two')];
    const oldKey = readFileSync(file, 'utf8');
    // A rotation that fails inside its transaction leaves the database as it was and `.next` behind.
    expect(() =>
      box.rotate(() => {
        throw new Error('crash');
      }),
    ).toThrow('crash');
    expect(existsSync(`${file}.next`)).toBe(true);
    const pending = readFileSync(`${file}.next`, 'utf8');
    const reopened = new SecretBox({ file });
    expect(stored.map((s) => reopened.open(s, 'x'))).toEqual(['one', 'two']);
    const fingerprint = reopened.rotate((seal, open) => {
      stored = stored.map((s) => seal(open(s, 'x')));
    });
    expect(readFileSync(file, 'utf8')).toBe(pending);
    expect(readFileSync(file, 'utf8')).not.toBe(oldKey);
    expect(existsSync(`${file}.next`)).toBe(false);
    expect(stored.every((s) => s.startsWith(`enc:v1:${fingerprint}:`))).toBe(true);
    expect(stored.map((s) => new SecretBox({ file }).open(s, 'x'))).toEqual(['one', 'two']);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });
});
