/**
 * Secrets the node must be able to read back (a peer's password, sent to the peer at each
 * sync) are sealed with AES-256-GCM (node:crypto) under a key kept outside the database: a
 * copy of the database alone, a backup or a file left world-readable, reveals none of them.
 * The key is 32 random bytes, base64 in a file created 0600 (default `<database>.key`), or
 * given by the environment through the composition root. A sealed value names its key by a
 * short fingerprint, so a wrong or missing key is told apart from damaged data.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, statSync, writeSync } from 'node:fs';
import { StoreError } from './store-error.js';

/** Where the key comes from: given bytes, or a file (created on first use when absent). */
export type SecretKeySource = { readonly key: Buffer; readonly origin: string } | { readonly file: string };

const PREFIX = 'enc:v1:';
const SEALED = /^enc:v1:([0-9a-f]{16}):([A-Za-z0-9+/]+={0,2})$/;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;

/** The fingerprint a sealed value names its key by (not secret: 64 bits of its SHA-256). */
function fingerprint(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 16);
}

/** Writes a new file with mode 0600 (refusing to replace one), synced to disk. */
function writeNewFile(path: string, content: string): void {
  const fd = openSync(path, 'wx', 0o600);
  try {
    writeSync(fd, content);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Seals and opens secrets; the key is read (or created) on first use only. */
export class SecretBox {
  readonly #source: SecretKeySource;
  #keys: Map<string, Buffer> | undefined;

  constructor(source: SecretKeySource) {
    this.#source = source;
  }

  /** True when a stored value is sealed (anything else is a secret stored before sealing existed). */
  static isSealed(value: string): boolean {
    return SEALED.test(value);
  }

  /** Where the key is, for messages. */
  get origin(): string {
    return 'file' in this.#source ? this.#source.file : this.#source.origin;
  }

  /** Seals a secret with the current key, creating the key file when there is none. */
  seal(secret: string): string {
    return sealWith(this.#current(true), secret);
  }

  /** Opens a sealed value; `what` names it in errors (e.g. `the password of peer uk`). */
  open(sealed: string, what: string): string {
    const m = SEALED.exec(sealed);
    if (m === null) return sealed; // stored before sealing existed; migration 9 seals such rows
    const [, id, data] = m as unknown as [string, string, string];
    const keys = this.#load(false);
    const key = keys.get(id);
    if (key === undefined) {
      const found = [...keys.keys()];
      throw new StoreError(
        'STORE_SECRET_KEY_MISSING',
        found.length === 0
          ? `${what} is encrypted, but there is no key at ${this.origin}: restore the key file (or set $ACCORD_SECRET_KEY_FILE / $ACCORD_SECRET_KEY)`
          : `${what} is encrypted with key ${id}, but the key at ${this.origin} is ${found[0]}: restore the key it was sealed with`,
      );
    }
    const bytes = Buffer.from(data, 'base64');
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, IV_BYTES));
      decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      return Buffer.concat([
        decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)),
        decipher.final(),
      ]).toString('utf8');
    } catch (cause) {
      throw new StoreError(
        'STORE_SECRET_UNREADABLE',
        `${what} does not decrypt: the stored value is damaged`,
        {
          cause,
        },
      );
    }
  }

  /**
   * Replaces the key file by a new key: writes `<file>.next`, lets `reseal` re-encrypt every
   * secret with it (one transaction), then renames it over the key file. A crash between the
   * two leaves both files, and both keys are tried when opening. Returns the new fingerprint.
   */
  rotate(
    reseal: (sealNew: (secret: string) => string, open: (sealed: string, what: string) => string) => void,
  ): string {
    if (!('file' in this.#source)) {
      throw new StoreError(
        'STORE_SECRET_KEY_MISSING',
        `the key comes from ${this.origin}: rotate it by sealing again under a new value there`,
      );
    }
    const file = this.#source.file;
    this.#keys = undefined;
    this.#current(true);
    const next = `${file}.next`;
    // A rotation interrupted before its rename is finished with the key it had written.
    let key = readKeyFile(next);
    if (key === undefined) {
      key = randomBytes(KEY_BYTES);
      writeNewFile(next, `${key.toString('base64')}\n`);
    }
    const sealing = key;
    reseal(
      (secret) => sealWith(sealing, secret),
      (sealed, what) => this.open(sealed, what),
    );
    renameSync(next, file);
    this.#keys = new Map([[fingerprint(sealing), sealing]]);
    return fingerprint(sealing);
  }

  /** The key that seals: the key file's (created when `create` and absent), or the given key. */
  #current(create: boolean): Buffer {
    const keys = this.#load(create);
    const first = keys.values().next().value;
    if (first === undefined) {
      throw new StoreError('STORE_SECRET_KEY_MISSING', `there is no key at ${this.origin}`);
    }
    return first;
  }

  /** Every usable key by fingerprint: the key file first, then `<file>.next` left by an interrupted rotation. */
  #load(create: boolean): Map<string, Buffer> {
    if (this.#keys !== undefined && this.#keys.size > 0) return this.#keys;
    const source = this.#source;
    const keys = new Map<string, Buffer>();
    if ('key' in source) {
      if (source.key.length !== KEY_BYTES)
        throw new StoreError(
          'STORE_SECRET_KEY_INVALID',
          `the key from ${source.origin} is not ${KEY_BYTES} bytes`,
        );
      keys.set(fingerprint(source.key), source.key);
    } else {
      if (create && readKeyFile(source.file) === undefined) {
        try {
          writeNewFile(source.file, `${randomBytes(KEY_BYTES).toString('base64')}\n`);
        } catch (err) {
          // Another process created it first: use theirs.
          if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
        }
      }
      for (const path of [source.file, `${source.file}.next`]) {
        const key = readKeyFile(path);
        if (key !== undefined) keys.set(fingerprint(key), key);
      }
    }
    this.#keys = keys;
    return keys;
  }
}

function sealWith(key: Buffer, secret: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const data = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return `${PREFIX}${fingerprint(key)}:${Buffer.concat([iv, cipher.getAuthTag(), data]).toString('base64')}`;
}

/** The key in a key file, or undefined when there is no file; refuses a file others may read (like ssh). */
function readKeyFile(path: string): Buffer | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new StoreError(
      'STORE_SECRET_KEY_INVALID',
      `cannot read the key file ${path}: ${(err as Error).message}`,
    );
  }
  const mode = statSync(path).mode & 0o777;
  if ((mode & 0o077) !== 0) {
    throw new StoreError(
      'STORE_SECRET_KEY_INVALID',
      `the key file ${path} may be read by other users (mode ${mode.toString(8)}): chmod 600 ${path}`,
    );
  }
  const key = Buffer.from(text.trim(), 'base64');
  if (key.length !== KEY_BYTES)
    throw new StoreError(
      'STORE_SECRET_KEY_INVALID',
      `the key file ${path} does not hold ${KEY_BYTES} base64 bytes`,
    );
  return key;
}
