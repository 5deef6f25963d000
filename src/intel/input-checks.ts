/** Checks of builder inputs shared by claims, disputes and advisories (every byte is untrusted). */
import { randomUUID } from 'node:crypto';
import {
  type CoreCommonProperties,
  formatMicros,
  isStixId,
  type Micros,
  type ValidatedObject,
} from '../stix/index.js';
import type { IssueList } from './intel-issue.js';

/** Longest explanation or claim description, in characters. */
export const MAX_NOTE_LENGTH = 10_000;

const IDENTITY_ID = /^identity--[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const MARKING_ID = /^marking-definition--[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** True when `value` is an `identity--UUID` identifier (spec 2.9). */
export function isIdentityId(value: unknown): value is string {
  return typeof value === 'string' && IDENTITY_ID.test(value);
}

/** What a builder needs from its caller: the clock, what the caller may see, and fresh ids. */
export interface BuildContext {
  /** The instant new objects are created at (`created`, `modified` to the millisecond, 3.2). */
  readonly now: Micros;
  /** The object with this id as the caller may see it (its newest visible version), or undefined. */
  readonly resolve: (id: string) => ValidatedObject | undefined;
  /** A new UUID for the object's id (default: a random UUIDv4). */
  readonly newId?: () => string;
}

/** A new `type--UUID` identifier. */
export function newStixId(type: string, ctx: Pick<BuildContext, 'newId'>): string {
  return `${type}--${ctx.newId?.() ?? randomUUID()}`;
}

/** The object `id` names if the caller may see it, recording an issue when not. */
export function resolveVisible(
  id: unknown,
  path: string,
  ctx: BuildContext,
  issues: IssueList,
  types?: readonly string[],
): ValidatedObject | undefined {
  if (!isStixId(id)) {
    issues.error('INTEL_BAD_ID', path, `${JSON.stringify(id)} is not a STIX identifier (type--UUID)`);
    return undefined;
  }
  const type = id.slice(0, id.indexOf('--'));
  if (types !== undefined && !types.includes(type)) {
    issues.error('INTEL_BAD_ID', path, `${id} is a ${type}; expected ${types.join(', ')}`);
    return undefined;
  }
  const object = ctx.resolve(id);
  if (object === undefined) issues.error('INTEL_UNKNOWN_OBJECT', path, `no object ${id} is visible to you`);
  return object;
}

/** The marking refs given, checked as marking-definition ids, without repeats. */
export function checkMarkings(markings: readonly unknown[] | undefined, issues: IssueList): string[] {
  const out: string[] = [];
  (markings ?? []).forEach((m, i) => {
    if (typeof m === 'string' && MARKING_ID.test(m)) out.push(m);
    else
      issues.error(
        'INTEL_BAD_MARKING',
        `markings/${i}`,
        `${JSON.stringify(m)} is not a marking-definition id`,
      );
  });
  return [...new Set(out)];
}

/** An optional free text of at most `max` characters. */
export function checkNote(
  value: unknown,
  path: string,
  issues: IssueList,
  max = MAX_NOTE_LENGTH,
): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.length > max) {
    issues.error('INTEL_BAD_TEXT', path, `must be text of at most ${max} characters`);
    return undefined;
  }
  return value === '' ? undefined : value;
}

/** The common properties a builder sets on a new SDO or SRO: version 1, made by `producer`. */
export type NewCommonProperties<T extends string> = Pick<
  CoreCommonProperties<T>,
  'type' | 'spec_version' | 'id' | 'created' | 'modified'
> & { readonly created_by_ref: string };

/** The common properties of a new SDO or SRO version 1 (spec 3.2). */
export function commonProperties<T extends string>(
  type: T,
  producer: string,
  ctx: Pick<BuildContext, 'now' | 'newId'>,
): NewCommonProperties<T> {
  const now = formatMicros(ctx.now, 3);
  return {
    type,
    spec_version: '2.1',
    id: newStixId(type, ctx),
    created: now,
    modified: now,
    created_by_ref: producer,
  };
}
