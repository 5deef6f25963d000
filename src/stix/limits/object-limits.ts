/**
 * Checks one parsed object against the input limits before anything else looks at it: an
 * object with 450,000 custom properties parses in half a second and then costs that again at
 * every step (validation, canonical JSON, storage, each read). The walk is iterative (no stack
 * to overflow) and stops at the first limit passed, so its cost is bounded by the limits.
 */
import { Buffer } from 'node:buffer';
import { pointer } from '../validate/context.js';
import type { Issue } from '../validate/issue.js';
import type { InputLimits } from './input-limits.js';

interface Pending {
  readonly value: object;
  readonly path: string;
  readonly depth: number;
}

function scalarBytes(value: unknown): number {
  if (typeof value === 'string') return Buffer.byteLength(value) + 2;
  if (typeof value === 'number') return String(value).length;
  return 5; // true, false, null
}

function limitIssue(code: Issue['code'], path: string, message: string): Issue {
  // Accord's own limits, not a rule of the spec: no section.
  return { code, severity: 'error', path, message, section: '' };
}

/**
 * The first input limit `value` exceeds, as an error issue at the JSON pointer where it was
 * found, or undefined. Sizes count the compact JSON text (keys, strings in UTF-8, punctuation).
 */
export function objectLimitIssue(value: unknown, limits: InputLimits, basePath = ''): Issue | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const stack: Pending[] = [{ value, path: basePath, depth: 1 }];
  let values = 0;
  let bytes = 0;
  while (stack.length > 0) {
    const { value: node, path, depth } = stack.pop()!;
    if (depth > limits.maxDepth) {
      return limitIssue(
        'STIX_TOO_DEEP',
        path,
        `the object nests deeper than the limit of ${limits.maxDepth}`,
      );
    }
    if (Array.isArray(node)) {
      values += node.length;
      bytes += 2 + node.length;
      for (let i = 0; i < node.length; i++) {
        const item: unknown = node[i];
        if (typeof item === 'object' && item !== null)
          stack.push({ value: item, path: `${path}/${i}`, depth: depth + 1 });
        else bytes += scalarBytes(item);
      }
    } else {
      let count = 0;
      bytes += 2;
      for (const key in node) {
        if (++count > limits.maxProperties) {
          return limitIssue(
            'STIX_TOO_MANY_PROPERTIES',
            path,
            `a JSON object here has more than ${limits.maxProperties} properties (the limit)`,
          );
        }
        bytes += Buffer.byteLength(key) + 4;
        const item: unknown = (node as Record<string, unknown>)[key];
        if (typeof item === 'object' && item !== null)
          stack.push({ value: item, path: pointer(path, key), depth: depth + 1 });
        else bytes += scalarBytes(item);
      }
      values += count;
    }
    if (values > limits.maxValues) {
      return limitIssue(
        'STIX_TOO_MANY_VALUES',
        basePath,
        `the object holds more than ${limits.maxValues} values (properties, dictionary entries and list items; the limit)`,
      );
    }
    if (bytes > limits.maxObjectBytes) {
      return limitIssue(
        'STIX_OBJECT_TOO_LARGE',
        basePath,
        `the object is larger than the limit of ${limits.maxObjectBytes} bytes`,
      );
    }
  }
  return undefined;
}
