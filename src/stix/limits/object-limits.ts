/**
 * Checks one parsed object against the input limits before anything else looks at it: an
 * object with 450,000 custom properties parses in half a second and then costs that again at
 * every step (validation, canonical JSON, storage, each read). The walk is iterative (no stack
 * to overflow), stops at the first limit passed, and runs on every object ingested, so it
 * allocates nothing per value and leaves the JSON pointer of a problem to a second search.
 */
import { Buffer } from 'node:buffer';
import { pointer } from '../validate/context.js';
import type { Issue } from '../validate/issue.js';
import type { InputLimits } from './input-limits.js';

function limitIssue(code: Issue['code'], path: string, message: string): Issue {
  // Accord's own limits, not a rule of the spec: no section.
  return { code, severity: 'error', path, message, section: '' };
}

/** Characters of a scalar as JSON (strings without escapes), and its UTF-8 bytes when asked. */
function scalarSize(value: unknown, utf8: boolean): number {
  if (typeof value === 'string') return (utf8 ? Buffer.byteLength(value) : value.length) + 2;
  if (typeof value === 'number') return String(value).length;
  return 5; // true, false, null
}

/** What one pass measured, or the JSON object it stopped at. */
interface Walk {
  readonly over?: 'depth' | 'properties';
  readonly at?: object;
  readonly values: number;
  readonly size: number;
}

/**
 * One pass over `root`: values and size (UTF-16 code units, or UTF-8 bytes when `utf8`),
 * stopping at the first container deeper than maxDepth or with more than maxProperties keys,
 * or once the values or the size pass their limits.
 */
function walk(root: object, limits: InputLimits, utf8: boolean): Walk {
  const containers: object[] = [root];
  const depths: number[] = [1];
  let values = 0;
  let size = 0;
  while (containers.length > 0) {
    const node = containers.pop()!;
    const depth = depths.pop()!;
    if (depth > limits.maxDepth) return { over: 'depth', at: node, values, size };
    if (Array.isArray(node)) {
      values += node.length;
      size += 2 + node.length;
      for (let i = 0; i < node.length; i++) {
        const item: unknown = node[i];
        if (typeof item === 'object' && item !== null) {
          containers.push(item);
          depths.push(depth + 1);
        } else size += scalarSize(item, utf8);
      }
    } else {
      let count = 0;
      size += 2;
      for (const key in node) {
        if (++count > limits.maxProperties) return { over: 'properties', at: node, values, size };
        size += (utf8 ? Buffer.byteLength(key) : key.length) + 4;
        const item: unknown = (node as Record<string, unknown>)[key];
        if (typeof item === 'object' && item !== null) {
          containers.push(item);
          depths.push(depth + 1);
        } else size += scalarSize(item, utf8);
      }
      values += count;
    }
    if (values > limits.maxValues || size > limits.maxObjectBytes) return { values, size };
  }
  return { values, size };
}

/** The JSON pointer of `target` inside `root` (an iterative search; only run for a problem). */
function pathTo(root: object, target: object, basePath: string): string {
  const stack: [object, string][] = [[root, basePath]];
  while (stack.length > 0) {
    const [node, path] = stack.pop()!;
    if (node === target) return path;
    for (const [key, value] of Object.entries(node)) {
      if (typeof value === 'object' && value !== null)
        stack.push([value, Array.isArray(node) ? `${path}/${key}` : pointer(path, key)]);
    }
  }
  return basePath;
}

/**
 * The first input limit `value` exceeds, as an error issue at the JSON pointer where it was
 * found, or undefined. Sizes count the compact JSON text (keys, strings in UTF-8, punctuation).
 */
export function objectLimitIssue(value: unknown, limits: InputLimits, basePath = ''): Issue | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  let result = walk(value, limits, false);
  // Counted in code units, a text may be up to three times larger in UTF-8: count bytes then.
  if (
    result.over === undefined &&
    result.values <= limits.maxValues &&
    result.size * 3 > limits.maxObjectBytes
  )
    result = walk(value, limits, true);
  if (result.over === 'depth') {
    const where = pathTo(value, result.at!, basePath);
    return limitIssue('STIX_TOO_DEEP', where, `the object nests deeper than the limit of ${limits.maxDepth}`);
  }
  if (result.over === 'properties') {
    return limitIssue(
      'STIX_TOO_MANY_PROPERTIES',
      pathTo(value, result.at!, basePath),
      `a JSON object here has more than ${limits.maxProperties} properties (the limit)`,
    );
  }
  if (result.values > limits.maxValues) {
    return limitIssue(
      'STIX_TOO_MANY_VALUES',
      basePath,
      `the object holds more than ${limits.maxValues} values (properties, dictionary entries and list items; the limit)`,
    );
  }
  if (result.size > limits.maxObjectBytes) {
    return limitIssue(
      'STIX_OBJECT_TOO_LARGE',
      basePath,
      `the object is larger than the limit of ${limits.maxObjectBytes} bytes`,
    );
  }
  return undefined;
}
