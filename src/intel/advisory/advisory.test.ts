import { describe, expect, it } from 'vitest';
import { EMBARGO_EXTENSION_ID, storedObject } from '../../policy/index.js';
import {
  type Micros,
  TLP_V2,
  timestampMicros,
  type ValidatedObject,
  validateObject,
} from '../../stix/index.js';
import { unwrap } from '../intel-issue.js';
import { context, EU, HAFNIUM, INDICATOR, READER, UK, US } from '../test-support/intel-fixture.js';
import type { VersionRecord } from '../version-record.js';
import { advisoryDigest, advisoryFacts, embargoMatches } from './advisory-facts.js';
import { advisoryOutcomes, advisoryState } from './advisory-state.js';
import { draftAdvisory, reviseAdvisory } from './build-advisory.js';
import { existingSignature, signAdvisory } from './sign-advisory.js';
import { verifySignature } from './verify-signature.js';

const RELEASE = '2021-07-19T12:00:00.000Z';
const at = (t: string) => timestampMicros(t) as Micros;
const input = {
  title: 'Joint advisory',
  body: '# Exchange\n\nPatch now.',
  cosigners: [UK, US, EU],
  releaseAt: RELEASE,
  refs: [HAFNIUM.id, INDICATOR.id],
  drafter: UK,
  tlp: 'green' as const,
};
const errors = (r: { issues: readonly { code: string; severity: string }[] }) =>
  r.issues.filter((i) => i.severity === 'error').map((i) => i.code);

function draft(now = '2021-07-15T09:00:00.000Z') {
  return unwrap(draftAdvisory(input, context(now)));
}
const rec = (object: Readonly<Record<string, unknown>>, producer: string): VersionRecord => ({
  object: storedObject(object),
  producer,
});
let signatureCount = 0;
const sign = (report: ValidatedObject, signer: string, now: string) => {
  const n = ++signatureCount;
  const ctx = {
    now: timestampMicros(now)!,
    newId: () => `00000000-0000-4000-9000-${n.toString(16).padStart(12, '0')}`,
  };
  return rec(unwrap(signAdvisory(report, signer, ctx)), signer);
};

describe('draftAdvisory (CONTRACT.md "advisory draft")', () => {
  it('makes a valid report (spec 4.16) with the advisory extension and a matching embargo marking', () => {
    const { report, embargo } = draft();
    expect(validateObject(report).ok).toBe(true);
    expect(validateObject(embargo).ok).toBe(true);
    expect(report).toMatchObject({
      type: 'report',
      name: 'Joint advisory',
      description: '# Exchange\n\nPatch now.',
      object_refs: [HAFNIUM.id, INDICATOR.id],
      published: RELEASE,
      created_by_ref: UK,
      object_marking_refs: [TLP_V2.green.id, embargo.id],
    });
    const facts = advisoryFacts(report);
    expect(facts).toMatchObject({
      cosigners: [UK, US, EU],
      tlp: 'green',
      embargoRef: embargo.id,
      revoked: false,
    });
    expect(embargoMatches(facts!, embargo)).toBe(true);
    expect((embargo.extensions as Record<string, unknown>)[EMBARGO_EXTENSION_ID]).toEqual({
      extension_type: 'property-extension',
      release_at: RELEASE,
      cosigners: [UK, US, EU],
    });
    expect(
      embargoMatches(facts!, {
        ...embargo,
        extensions: {
          [EMBARGO_EXTENSION_ID]: {
            extension_type: 'property-extension',
            release_at: RELEASE,
            cosigners: [UK],
          },
        },
      }),
    ).toBe(false);
  });

  it('refers to its co-signers when given no refs (object_refs must not be empty) and defaults to TLP:AMBER', () => {
    const { report } = unwrap(
      draftAdvisory({ ...input, refs: [], tlp: undefined as never }, context('2021-07-15T09:00:00.000Z')),
    );
    expect(report.object_refs).toEqual([UK, US, EU]);
    expect((report.object_marking_refs as string[])[0]).toBe(TLP_V2.amber.id);
  });

  it('refuses bad input with every issue (exit 1, nothing stored)', () => {
    const r = draftAdvisory(
      {
        title: ' ',
        body: '',
        cosigners: [US, 'eu'],
        releaseAt: '2021-07-01T00:00:00Z',
        refs: ['report--00000000-0000-4000-8000-000000000001'],
        drafter: UK,
        tlp: 'red' as never,
      },
      context('2021-07-15T09:00:00.000Z'),
    );
    expect(errors(r).sort()).toEqual(
      [
        'INTEL_BAD_TEXT',
        'INTEL_BAD_TEXT',
        'INTEL_RELEASE_IN_PAST',
        'INTEL_BAD_IDENTITY',
        'INTEL_DRAFTER_NOT_COSIGNER',
        'INTEL_BAD_TLP',
        'INTEL_UNKNOWN_OBJECT',
      ].sort(),
    );
    expect(
      errors(draftAdvisory({ ...input, releaseAt: 'tomorrow' }, context('2021-07-15T09:00:00.000Z'))),
    ).toEqual(['INTEL_BAD_TIMESTAMP']);
    expect(errors(draftAdvisory(input, context(RELEASE)))).toEqual(['INTEL_RELEASE_IN_PAST']);
  });
});

describe('signatures (CONTRACT.md "advisory sign")', () => {
  it('a co-signer signs the exact text: an agree opinion with the version and digest, under the same markings', () => {
    const { report } = draft();
    const s = sign(report, US, '2021-07-16T09:00:00.000Z');
    expect(validateObject(s.object).ok).toBe(true);
    expect(s.object).toMatchObject({
      type: 'opinion',
      opinion: 'agree',
      object_refs: [report.id],
      object_marking_refs: report.object_marking_refs,
      created_by_ref: US,
    });
    expect(verifySignature(s, report)).toMatchObject({ ok: true, value: { signer: US } });
    expect(existingSignature(report, US, [s])).toBe(s.object.id);
    expect(existingSignature(report, EU, [s])).toBeUndefined();
  });

  it('refuses non-co-signers, signing at or after the release time, and what is not an advisory', () => {
    const { report } = draft();
    expect(errors(signAdvisory(report, READER, context('2021-07-16T09:00:00.000Z')))).toEqual([
      'INTEL_NOT_A_COSIGNER',
    ]);
    expect(errors(signAdvisory(report, US, context(RELEASE)))).toEqual(['INTEL_SIGNATURE_TOO_LATE']);
    expect(errors(signAdvisory(HAFNIUM, US, context('2021-07-16T09:00:00.000Z')))).toEqual([
      'INTEL_NOT_AN_ADVISORY',
    ]);
  });

  it('a changed text needs new signatures: the old one no longer verifies', () => {
    const { report } = draft();
    const s = sign(report, US, '2021-07-16T09:00:00.000Z');
    const { report: v2 } = unwrap(
      reviseAdvisory(report, { body: 'Patch now. Really.' }, context('2021-07-17T09:00:00.000Z')),
    );
    expect(v2.id).toBe(report.id);
    expect(advisoryDigest(v2)).not.toBe(advisoryDigest(report));
    expect(errors(verifySignature(s, v2))).toEqual(['INTEL_BAD_ID']);
    expect(existingSignature(v2, US, [s])).toBeUndefined();
    // Signed by a non-co-signer (the producer is what counts, not created_by_ref), or too late:
    expect(errors(verifySignature({ ...s, producer: READER }, report))).toEqual(['INTEL_NOT_A_COSIGNER']);
    const late = { ...s.object, created: RELEASE, modified: RELEASE };
    expect(errors(verifySignature(rec(late, US), report))).toEqual(['INTEL_SIGNATURE_TOO_LATE']);
  });
});

describe('advisoryState (CONTRACT.md "advisory status": draft → sealed → released, or missed)', () => {
  const { report } = draft();
  const all = ['2021-07-16T09:00:00.000Z', '2021-07-16T10:00:00.000Z', '2021-07-16T11:00:00.000Z'];
  const signatures = [UK, US, EU].map((o, i) => sign(report, o, all[i] as string));
  const state = (sigs: VersionRecord[], now: string, versions = [rec(report, UK)]) =>
    advisoryState({ versions, signatures: sigs, now: at(now) });

  it('is a draft until every co-signer (the drafter included) signed', () => {
    const s = state(signatures.slice(1), '2021-07-17T00:00:00.000Z');
    expect(s).toMatchObject({ id: report.id, title: 'Joint advisory', state: 'draft', release_at: RELEASE });
    expect(s?.cosigners).toEqual([
      { org: UK, signed: false },
      { org: US, signed: true },
      { org: EU, signed: true },
    ]);
  });

  it('is sealed once all signed, released from the release instant on', () => {
    expect(state(signatures, '2021-07-17T00:00:00.000Z')?.state).toBe('sealed');
    expect(state(signatures, '2021-07-19T11:59:59.999Z')?.state).toBe('sealed');
    const released = state(signatures, RELEASE);
    expect(released).toMatchObject({ state: 'released', released_version: report.modified });
  });

  it('is missed when not sealed by the release time, and a signature made at the release time does not count', () => {
    expect(state(signatures.slice(0, 2), RELEASE)?.state).toBe('missed');
    const late = rec({ ...signatures[2]!.object, created: RELEASE, modified: RELEASE }, EU);
    expect(state([...signatures.slice(0, 2), late], '2021-07-20T00:00:00.000Z')?.state).toBe('missed');
  });

  it('ignores signatures by non-co-signers, of other reports, and revoked ones', () => {
    const stranger = { ...signatures[2]!, producer: READER };
    expect(state([...signatures.slice(0, 2), stranger], RELEASE)?.state).toBe('missed');
    const revoked = rec(
      { ...signatures[2]!.object, modified: '2021-07-17T00:00:00.000Z', revoked: true },
      EU,
    );
    expect(state([...signatures, revoked], RELEASE)?.state).toBe('missed');
  });

  it('a text changed before the release supersedes the sealed one: it needs every signature again', () => {
    const { report: v2 } = unwrap(
      reviseAdvisory(report, { title: 'Joint advisory (final)' }, context('2021-07-18T00:00:00.000Z')),
    );
    const versions = [rec(report, UK), rec(v2, UK)];
    expect(state(signatures, '2021-07-18T01:00:00.000Z', versions)?.state).toBe('draft');
    expect(state(signatures, RELEASE, versions)?.state).toBe('missed');
    const outcomes = advisoryOutcomes({ versions, signatures, now: at(RELEASE) });
    expect(outcomes.map((o) => o.outcome)).toEqual(['superseded', 'missed']);
    const again = [UK, US, EU].map((o) => sign(v2, o, '2021-07-18T02:00:00.000Z'));
    expect(state([...signatures, ...again], RELEASE, versions)).toMatchObject({
      state: 'released',
      title: 'Joint advisory (final)',
    });
  });

  it('a revision after the release is a new draft with its own release time; the released text stays released', () => {
    const { report: v2 } = unwrap(
      reviseAdvisory(
        report,
        { body: 'Update.', releaseAt: '2021-07-26T12:00:00.000Z' },
        context('2021-07-20T00:00:00.000Z'),
      ),
    );
    const versions = [rec(report, UK), rec(v2, UK)];
    expect(state(signatures, '2021-07-21T00:00:00.000Z', versions)).toMatchObject({
      state: 'draft',
      release_at: '2021-07-26T12:00:00.000Z',
      released_version: report.modified,
    });
  });

  it('moving the release time makes a new embargo marking that carries it; keeping it keeps the marking', () => {
    const { report, embargo } = draft();
    const moved = unwrap(
      reviseAdvisory(report, { releaseAt: '2021-07-20T12:00:00.000Z' }, context('2021-07-16T00:00:00.000Z')),
    );
    const facts = advisoryFacts(moved.report);
    expect(moved.embargo).toBeDefined();
    expect(facts?.embargoRef).toBe(moved.embargo?.id);
    expect(embargoMatches(facts!, moved.embargo!)).toBe(true);
    expect(moved.report).toMatchObject({ published: '2021-07-20T12:00:00.000Z', created: report.created });
    const kept = unwrap(reviseAdvisory(report, { body: 'Shorter.' }, context('2021-07-16T00:00:00.000Z')));
    expect(kept.embargo).toBeUndefined();
    expect(advisoryFacts(kept.report)?.embargoRef).toBe(embargo.id);
    expect(errors(reviseAdvisory(report, { body: 'Late.' }, context(RELEASE)))).toEqual([
      'INTEL_RELEASE_IN_PAST',
    ]);
  });

  it('a revoked advisory is never sealed, and cannot be signed or revised', () => {
    const revoked = { ...report, modified: '2021-07-17T00:00:00.000Z', revoked: true };
    const versions = [rec(report, UK), rec(revoked, UK)];
    expect(state(signatures, RELEASE, versions)?.state).toBe('missed');
    expect(errors(signAdvisory(revoked, US, context('2021-07-18T00:00:00.000Z')))).toEqual([
      'INTEL_ADVISORY_REVOKED',
    ]);
    expect(errors(reviseAdvisory(revoked, { body: 'x' }, context('2021-07-18T00:00:00.000Z')))).toEqual([
      'INTEL_ADVISORY_REVOKED',
    ]);
  });

  it('answers undefined for a report that is not an advisory', () => {
    expect(
      advisoryState({
        versions: [rec({ ...report, extensions: undefined } as never, UK)],
        signatures: [],
        now: at(RELEASE),
      }),
    ).toBeUndefined();
  });
});
