/** The documented limits of intel/ (docs/reference/errors-intel.md "Limits"): input is untrusted. */
import { describe, expect, it } from 'vitest';
import { storedObject } from '../policy/index.js';
import { MAX_COSIGNERS } from './advisory/advisory-facts.js';
import { draftAdvisory, MAX_BODY_LENGTH, MAX_REFS, MAX_TITLE_LENGTH } from './advisory/build-advisory.js';
import { buildDispute } from './claims/build-dispute.js';
import { disputeFacts, MAX_DISPUTED_CLAIMS } from './claims/claim-facts.js';
import { groupFacts, MAX_NAME_LENGTH, MAX_NAMES_PER_OBJECT } from './consensus/grouping-keys.js';
import { MAX_NOTE_LENGTH } from './input-checks.js';
import { context, UK } from './test-support/intel-fixture.js';

const errors = (r: { issues: readonly { code: string; severity: string }[] }) =>
  r.issues.filter((i) => i.severity === 'error').map((i) => i.code);
const identity = (i: number) => `identity--00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`;
const draft = { title: 'T', body: 'B', cosigners: [UK], releaseAt: '2021-07-19T12:00:00.000Z', drafter: UK };
const ctx = () => context('2021-07-15T00:00:00.000Z');

describe('limits', () => {
  it('documents the values the code uses', () => {
    expect([MAX_COSIGNERS, MAX_REFS, MAX_TITLE_LENGTH, MAX_BODY_LENGTH, MAX_NOTE_LENGTH]).toEqual([
      64, 10_000, 500, 1_000_000, 10_000,
    ]);
    expect([MAX_DISPUTED_CLAIMS, MAX_NAME_LENGTH, MAX_NAMES_PER_OBJECT]).toEqual([1000, 256, 256]);
  });

  it('an advisory has at most 64 co-signers, a 500-character title and a 1,000,000-character body', () => {
    const cosigners = [UK, ...Array.from({ length: MAX_COSIGNERS }, (_, i) => identity(i))];
    expect(errors(draftAdvisory({ ...draft, cosigners }, ctx()))).toEqual(['INTEL_TOO_MANY']);
    expect(errors(draftAdvisory({ ...draft, cosigners: cosigners.slice(0, MAX_COSIGNERS) }, ctx()))).toEqual(
      [],
    );
    expect(errors(draftAdvisory({ ...draft, title: 'x'.repeat(MAX_TITLE_LENGTH + 1) }, ctx()))).toEqual([
      'INTEL_BAD_TEXT',
    ]);
    expect(errors(draftAdvisory({ ...draft, body: 'x'.repeat(MAX_BODY_LENGTH + 1) }, ctx()))).toEqual([
      'INTEL_BAD_TEXT',
    ]);
    const refs = Array.from(
      { length: MAX_REFS + 1 },
      (_, i) => `indicator--00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`,
    );
    expect(errors(draftAdvisory({ ...draft, refs }, ctx()))).toEqual(['INTEL_TOO_MANY']);
  });

  it('an explanation has at most 10,000 characters', () => {
    const claim = {
      type: 'relationship',
      id: 'relationship--00000000-0000-4000-8000-000000000001',
      relationship_type: 'attributed-to',
      source_ref: 'x',
      target_ref: 'y',
      confidence: 5,
    };
    const r = buildDispute(
      { claim: claim.id, producer: UK, explanation: 'x'.repeat(MAX_NOTE_LENGTH + 1) },
      context('2021-07-15T00:00:00.000Z', [claim]),
    );
    expect(errors(r)).toEqual(['INTEL_BAD_TEXT']);
  });

  it('readings ignore over-long names and opinions naming more than 1,000 claims', () => {
    const long = 'x'.repeat(MAX_NAME_LENGTH + 1);
    expect(groupFacts({ type: 'intrusion-set', name: long, aliases: ['APT40', long] })).toEqual({
      keys: ['apt40'],
    });
    const many = Array.from({ length: MAX_NAMES_PER_OBJECT + 10 }, (_, i) => `alias ${i}`);
    expect(groupFacts({ type: 'intrusion-set', aliases: many })?.keys).toHaveLength(MAX_NAMES_PER_OBJECT);
    const refs = Array.from(
      { length: MAX_DISPUTED_CLAIMS + 1 },
      (_, i) => `relationship--00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`,
    );
    expect(
      disputeFacts(storedObject({ type: 'opinion', opinion: 'disagree', object_refs: refs })),
    ).toBeUndefined();
    expect(
      disputeFacts(storedObject({ type: 'opinion', opinion: 'disagree', object_refs: refs.slice(1) }))
        ?.claims,
    ).toHaveLength(MAX_DISPUTED_CLAIMS);
  });
});
