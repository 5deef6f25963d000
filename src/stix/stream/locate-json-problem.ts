/**
 * The slow path of the streaming parser: pinpoints the first JSON syntax error or duplicate key in
 * a text that JSON.parse rejected (or that has more keys than its parsed value), with offsets.
 */

/** A problem found in a JSON text. */
export interface JsonProblem {
  readonly kind: 'syntax' | 'duplicate';
  /** Character offset in the text. */
  readonly offset: number;
  readonly message: string;
  /** JSON pointer (within the text's value) of the object holding a duplicate key. */
  readonly pointer?: string;
}

const WS = new Set([' ', '\t', '\n', '\r']);

class Locator {
  private i = 0;
  constructor(private readonly s: string) {}

  run(): JsonProblem | undefined {
    try {
      this.ws();
      this.value('');
      this.ws();
      if (this.i < this.s.length) return this.fail('unexpected data after the JSON value');
      return undefined;
    } catch (problem) {
      return problem as JsonProblem;
    }
  }

  private fail(message: string, offset = this.i): never {
    throw { kind: 'syntax', offset, message } satisfies JsonProblem;
  }

  private ws(): void {
    while (this.i < this.s.length && WS.has(this.s[this.i]!)) this.i++;
  }

  // value = object / array / string / number / true / false / null
  private value(pointer: string): void {
    const c = this.s[this.i];
    if (c === undefined) this.fail('unexpected end of input');
    if (c === '{') this.object(pointer);
    else if (c === '[') this.array(pointer);
    else if (c === '"') this.string();
    else if (c === '-' || (c >= '0' && c <= '9')) this.number();
    else if (this.s.startsWith('true', this.i)) this.i += 4;
    else if (this.s.startsWith('false', this.i)) this.i += 5;
    else if (this.s.startsWith('null', this.i)) this.i += 4;
    else this.fail(`unexpected character ${JSON.stringify(c)}`);
  }

  // object = "{" [ member *( "," member ) ] "}"
  private object(pointer: string): void {
    this.i++;
    this.ws();
    const keys = new Set<string>();
    if (this.s[this.i] === '}') {
      this.i++;
      return;
    }
    for (;;) {
      this.ws();
      if (this.s[this.i] !== '"') this.fail('expected a property name in double quotes');
      const start = this.i;
      const key = this.string();
      if (keys.has(key)) {
        throw {
          kind: 'duplicate',
          offset: start,
          message: `duplicate key ${JSON.stringify(key)}`,
          pointer,
        } satisfies JsonProblem;
      }
      keys.add(key);
      this.ws();
      if (this.s[this.i] !== ':') this.fail('expected ":" after a property name');
      this.i++;
      this.ws();
      this.value(`${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`);
      this.ws();
      const c = this.s[this.i];
      if (c === ',') this.i++;
      else if (c === '}') {
        this.i++;
        return;
      } else this.fail(c === undefined ? 'unexpected end of input' : 'expected "," or "}"');
    }
  }

  // array = "[" [ value *( "," value ) ] "]"
  private array(pointer: string): void {
    this.i++;
    this.ws();
    if (this.s[this.i] === ']') {
      this.i++;
      return;
    }
    for (let n = 0; ; n++) {
      this.ws();
      this.value(`${pointer}/${n}`);
      this.ws();
      const c = this.s[this.i];
      if (c === ',') this.i++;
      else if (c === ']') {
        this.i++;
        return;
      } else this.fail(c === undefined ? 'unexpected end of input' : 'expected "," or "]"');
    }
  }

  private string(): string {
    const start = this.i;
    this.i++;
    for (;;) {
      const c = this.s[this.i];
      if (c === undefined) this.fail('a string is not closed', start);
      if (c === '"') break;
      if (c < ' ') this.fail('control character in a string (escape it)');
      if (c === '\\') {
        const e = this.s[this.i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(this.s.slice(this.i + 2, this.i + 6))) this.fail('bad \\u escape');
          this.i += 6;
          continue;
        }
        if (e === undefined || !'"\\/bfnrt'.includes(e)) this.fail('bad escape in a string');
        this.i += 2;
        continue;
      }
      this.i++;
    }
    this.i++;
    return JSON.parse(this.s.slice(start, this.i)) as string;
  }

  private number(): void {
    const m = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(this.s.slice(this.i, this.i + 400));
    if (m === null) this.fail('malformed number');
    this.i += m[0].length;
  }
}

/** The first syntax error or duplicate key of a JSON text, or undefined when there is none. */
export function locateJsonProblem(text: string): JsonProblem | undefined {
  return new Locator(text).run();
}

/** Counts the keys of every object in a parsed JSON value (compared with the scanner's count to detect duplicates). */
export function countKeys(value: unknown): number {
  if (typeof value !== 'object' || value === null) return 0;
  let n = 0;
  if (Array.isArray(value)) {
    for (const item of value) if (typeof item === 'object' && item !== null) n += countKeys(item);
    return n;
  }
  for (const key in value) {
    n++;
    const v = (value as Record<string, unknown>)[key];
    if (typeof v === 'object' && v !== null) n += countKeys(v);
  }
  return n;
}
