/**
 * `accord advisory draft`: a joint advisory is a STIX report (spec 4.16): `name` the title,
 * `description` the Markdown body, `object_refs` the refs, `published` the release time. It
 * carries the Accord advisory extension (release time, co-signers: the text they sign) and an
 * embargo marking with the same release time and co-signers, which keeps it with its
 * co-signers until released (docs/decisions/0003-joint-advisory-objects.md).
 */
import { EMBARGO_EXTENSION_ID } from '../../policy/index.js';
import {
  formatMicros,
  isRecord,
  newVersion,
  TLP_V2,
  type ValidatedObject,
  type ValidatedOf,
} from '../../stix/index.js';
import { ADVISORY_EXTENSION_ID } from '../extension-definitions.js';
import {
  type BuildContext,
  commonProperties,
  isIdentityId,
  newStixId,
  resolveVisible,
} from '../input-checks.js';
import { type IntelResult, IssueList } from '../intel-issue.js';
import { parseVersionTime } from '../version-time.js';
import { advisoryFacts, MAX_COSIGNERS } from './advisory-facts.js';

/** Longest title, in characters. */
export const MAX_TITLE_LENGTH = 500;
/** Longest Markdown body, in characters. */
export const MAX_BODY_LENGTH = 1_000_000;
/** Most objects one advisory may reference. */
export const MAX_REFS = 10_000;

/** TLP levels an advisory may carry (CONTRACT.md: `--tlp clear|green|amber`). */
export type AdvisoryTlp = 'clear' | 'green' | 'amber';
const TLPS: readonly AdvisoryTlp[] = ['clear', 'green', 'amber'];

/** What `advisory draft` was given. */
export interface AdvisoryInput {
  readonly title: string;
  readonly body: string;
  /** Co-signer identity ids; the drafter's must be among them. */
  readonly cosigners: readonly string[];
  readonly releaseAt: string;
  readonly refs?: readonly string[];
  /** Default `amber`. */
  readonly tlp?: AdvisoryTlp;
  /** Identity id of the drafting organisation. */
  readonly drafter: string;
}

/** The objects an advisory draft adds: its embargo marking, then its report. */
export interface AdvisoryDraft {
  readonly embargo: ValidatedOf<'marking-definition'>;
  readonly report: ValidatedOf<'report'>;
}

function checkText(value: unknown, path: string, max: number, issues: IssueList): string | undefined {
  if (typeof value !== 'string' || value.trim() === '' || value.length > max) {
    issues.error('INTEL_BAD_TEXT', path, `must be non-empty text of at most ${max} characters`);
    return undefined;
  }
  return value;
}

function checkRelease(
  input: Pick<AdvisoryInput, 'releaseAt' | 'cosigners' | 'drafter'>,
  ctx: BuildContext,
  issues: IssueList,
) {
  const at = parseVersionTime(input.releaseAt)?.micros;
  if (at === undefined)
    issues.error(
      'INTEL_BAD_TIMESTAMP',
      'releaseAt',
      `${JSON.stringify(input.releaseAt)} is not a UTC STIX timestamp`,
    );
  else if (at <= ctx.now)
    issues.error(
      'INTEL_RELEASE_IN_PAST',
      'releaseAt',
      `${input.releaseAt} is not later than now (${formatMicros(ctx.now, 3)})`,
    );
  if (!isIdentityId(input.drafter))
    issues.error('INTEL_BAD_IDENTITY', 'drafter', `${JSON.stringify(input.drafter)} is not an identity id`);
  if (input.cosigners.length > MAX_COSIGNERS)
    issues.error('INTEL_TOO_MANY', 'cosigners', `at most ${MAX_COSIGNERS} co-signers`);
  input.cosigners.forEach((c, i) => {
    if (!isIdentityId(c))
      issues.error('INTEL_BAD_IDENTITY', `cosigners/${i}`, `${JSON.stringify(c)} is not an identity id`);
  });
  if (isIdentityId(input.drafter) && !input.cosigners.includes(input.drafter)) {
    issues.error(
      'INTEL_DRAFTER_NOT_COSIGNER',
      'cosigners',
      'the drafting organisation must be one of the co-signers',
    );
  }
}

/** An embargo marking of `releaseAt` and `cosigners`, made by `drafter` (an identity id). */
export function embargoFor(
  releaseAt: string,
  cosigners: readonly string[],
  drafter: string,
  ctx: Pick<BuildContext, 'now' | 'newId'>,
): ValidatedOf<'marking-definition'> {
  return {
    type: 'marking-definition',
    spec_version: '2.1',
    id: newStixId('marking-definition', ctx),
    created: formatMicros(ctx.now, 3),
    created_by_ref: drafter,
    name: `Joint advisory embargo until ${releaseAt}`,
    extensions: {
      [EMBARGO_EXTENSION_ID]: {
        extension_type: 'property-extension',
        release_at: releaseAt,
        cosigners: [...cosigners],
      },
    },
  };
}

function checkRefs(refs: readonly string[], ctx: BuildContext, issues: IssueList): string[] {
  const unique = [...new Set(refs)];
  if (unique.length > MAX_REFS) issues.error('INTEL_TOO_MANY', 'refs', `at most ${MAX_REFS} references`);
  else
    unique.forEach((id, i) => {
      resolveVisible(id, `refs/${i}`, ctx, issues);
    });
  return unique;
}

/** The embargo marking and report of a new advisory draft, or the issues that prevent it. */
export function draftAdvisory(input: AdvisoryInput, ctx: BuildContext): IntelResult<AdvisoryDraft> {
  const issues = new IssueList();
  checkText(input.title, 'title', MAX_TITLE_LENGTH, issues);
  checkText(input.body, 'body', MAX_BODY_LENGTH, issues);
  checkRelease(input, ctx, issues);
  const tlp = input.tlp ?? 'amber';
  if (!TLPS.includes(tlp))
    issues.error('INTEL_BAD_TLP', 'tlp', `${JSON.stringify(tlp)} is not clear, green or amber`);
  const refs = checkRefs(input.refs ?? [], ctx, issues);
  const cosigners = [...new Set(input.cosigners)];
  return issues.result(() => {
    const embargo = embargoFor(input.releaseAt, cosigners, input.drafter, ctx);
    const report: ValidatedOf<'report'> = {
      ...commonProperties('report', input.drafter, ctx),
      name: input.title,
      description: input.body,
      report_types: ['threat-report'],
      published: input.releaseAt,
      // object_refs must not be empty (spec 4.16): without refs, the advisory refers to its co-signers.
      object_refs: refs.length > 0 ? refs : cosigners,
      object_marking_refs: [TLP_V2[tlp].id, embargo.id],
      extensions: {
        [ADVISORY_EXTENSION_ID]: {
          extension_type: 'property-extension',
          release_at: input.releaseAt,
          cosigners,
        },
      },
    };
    return { embargo, report };
  });
}

/** What a revision changes; absent fields stay as they are. */
export type AdvisoryChanges = Partial<Omit<AdvisoryInput, 'drafter'>>;

/**
 * A new version of an advisory draft (its text changed: every co-signer must sign again), with a
 * new embargo marking when the release time or co-signers change.
 */
export function reviseAdvisory(
  current: ValidatedObject,
  changes: AdvisoryChanges,
  ctx: BuildContext,
): IntelResult<{
  readonly embargo?: ValidatedOf<'marking-definition'>;
  readonly report: ValidatedOf<'report'>;
}> {
  const issues = new IssueList();
  const facts = advisoryFacts(current);
  if (current.type !== 'report' || facts === undefined) {
    issues.error('INTEL_NOT_AN_ADVISORY', 'id', `${String(current.id)} is not a joint advisory`);
    return issues.failed();
  }
  if (facts.revoked) issues.error('INTEL_ADVISORY_REVOKED', 'id', `${String(current.id)} is revoked`);
  const drafter = String(current.created_by_ref);
  const releaseAt = changes.releaseAt ?? facts.releaseAt.text;
  const cosigners = [...new Set(changes.cosigners ?? facts.cosigners)];
  checkRelease({ releaseAt, cosigners, drafter }, ctx, issues);
  if (changes.title !== undefined) checkText(changes.title, 'title', MAX_TITLE_LENGTH, issues);
  if (changes.body !== undefined) checkText(changes.body, 'body', MAX_BODY_LENGTH, issues);
  if (changes.tlp !== undefined && !TLPS.includes(changes.tlp))
    issues.error('INTEL_BAD_TLP', 'tlp', `${JSON.stringify(changes.tlp)} is not clear, green or amber`);
  const refs = changes.refs !== undefined ? checkRefs(changes.refs, ctx, issues) : undefined;
  return issues.result(() => {
    const moved = releaseAt !== facts.releaseAt.text || cosigners.join() !== facts.cosigners.join();
    const embargo = moved ? embargoFor(releaseAt, cosigners, drafter, ctx) : undefined;
    const report = newVersion(
      current,
      {
        ...(changes.title !== undefined ? { name: changes.title } : {}),
        ...(changes.body !== undefined ? { description: changes.body } : {}),
        ...(refs !== undefined ? { object_refs: refs.length > 0 ? refs : cosigners } : {}),
        published: releaseAt,
        object_marking_refs: [TLP_V2[changes.tlp ?? facts.tlp].id, embargo?.id ?? facts.embargoRef],
        extensions: {
          ...(isRecord(current.extensions) ? current.extensions : {}),
          [ADVISORY_EXTENSION_ID]: { extension_type: 'property-extension', release_at: releaseAt, cosigners },
        },
      },
      ctx.now,
    );
    return embargo !== undefined ? { embargo, report } : { report };
  });
}
