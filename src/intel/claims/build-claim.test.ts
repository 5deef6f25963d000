import { describe, expect, it } from 'vitest';
import { TLP_V2, validateObject } from '../../stix/index.js';
import { EVIDENCE_EXTENSION_ID } from '../extension-definitions.js';
import { unwrap } from '../intel-issue.js';
import {
  context,
  HAFNIUM,
  INDICATOR,
  MSS,
  REPORT,
  TECHNIQUE,
  UK,
  US,
} from '../test-support/intel-fixture.js';
import { buildClaim, evidenceOf } from './build-claim.js';
import { buildDispute } from './build-dispute.js';
import { claimFacts, disputeFacts } from './claim-facts.js';

const ctx = () => context('2021-07-19T12:00:00.000Z');
const codes = (r: { issues: readonly { code: string; severity: string }[] }) =>
  r.issues.filter((i) => i.severity === 'error').map((i) => i.code);

describe('buildClaim (CONTRACT.md "attribution claim")', () => {
  it('makes a valid STIX 2.1 attributed-to relationship with the confidence and evidence (spec 5.1, 3.2, 7.3)', () => {
    const claim = unwrap(
      buildClaim(
        {
          subject: HAFNIUM.id,
          target: MSS.id,
          confidence: 90,
          producer: UK,
          evidence: [REPORT.id, INDICATOR.id, TECHNIQUE.id],
        },
        ctx(),
      ),
    );
    expect(validateObject(claim).ok).toBe(true);
    expect(claim).toMatchObject({
      type: 'relationship',
      relationship_type: 'attributed-to',
      source_ref: HAFNIUM.id,
      target_ref: MSS.id,
      confidence: 90,
      created_by_ref: UK,
      created: '2021-07-19T12:00:00.000Z',
    });
    expect(evidenceOf(claim)).toEqual([REPORT.id, INDICATOR.id, TECHNIQUE.id]);
    expect((claim.extensions as Record<string, unknown>)[EVIDENCE_EXTENSION_ID]).toEqual({
      extension_type: 'property-extension',
      evidence_refs: [REPORT.id, INDICATOR.id, TECHNIQUE.id],
    });
    expect(claimFacts(claim)).toMatchObject({ source_ref: HAFNIUM.id, target_ref: MSS.id, confidence: 90 });
  });

  it('writes no extension without evidence, and the markings given', () => {
    const claim = unwrap(
      buildClaim(
        { subject: HAFNIUM.id, target: MSS.id, confidence: 0, producer: UK, markings: [TLP_V2.red.id] },
        ctx(),
      ),
    );
    expect(claim.extensions).toBeUndefined();
    expect(claim.object_marking_refs).toEqual([TLP_V2.red.id]);
    expect(evidenceOf(claim)).toEqual([]);
  });

  it.each([-1, 101, 50.5, '90', Number.NaN, undefined])(
    'refuses confidence %s (exit 1, nothing built)',
    (confidence) => {
      const r = buildClaim({ subject: HAFNIUM.id, target: MSS.id, confidence, producer: UK }, ctx());
      expect(r.ok).toBe(false);
      expect(codes(r)).toEqual(['INTEL_BAD_CONFIDENCE']);
    },
  );

  it('treats unknown and hidden subjects alike, and reports every problem at once', () => {
    const hidden = 'intrusion-set--7bb32761-c477-4694-88be-4d3339f7a6bf';
    const r = buildClaim(
      {
        subject: hidden,
        target: 'not-an-id',
        confidence: 200,
        producer: 'uk-gov',
        evidence: [MSS.id, 'indicator--00000000-0000-4000-8000-000000000999'],
        markings: ['tlp:red'],
      },
      ctx(),
    );
    expect(codes(r).sort()).toEqual(
      [
        'INTEL_BAD_CONFIDENCE',
        'INTEL_BAD_EVIDENCE',
        'INTEL_BAD_ID',
        'INTEL_BAD_IDENTITY',
        'INTEL_BAD_MARKING',
        'INTEL_UNKNOWN_OBJECT',
        'INTEL_UNKNOWN_OBJECT',
      ].sort(),
    );
    expect(r.issues.find((i) => i.path === 'subject')?.message).toContain('no object');
  });

  it('refuses a subject attributed to itself and warns off the Appendix B table', () => {
    expect(
      codes(buildClaim({ subject: HAFNIUM.id, target: HAFNIUM.id, confidence: 5, producer: UK }, ctx())),
    ).toContain('INTEL_BAD_ID');
    const r = buildClaim({ subject: MSS.id, target: HAFNIUM.id, confidence: 5, producer: UK }, ctx());
    expect(r.ok).toBe(true);
    expect(r.issues.map((i) => i.severity)).toEqual(['warning']);
  });

  it('limits the evidence list', () => {
    const evidence = Array.from(
      { length: 1001 },
      (_, i) => `indicator--00000000-0000-4000-8000-${i.toString().padStart(12, '0')}`,
    );
    expect(
      codes(
        buildClaim({ subject: HAFNIUM.id, target: MSS.id, confidence: 5, producer: UK, evidence }, ctx()),
      ),
    ).toEqual(['INTEL_TOO_MANY']);
  });
});

describe('buildDispute (CONTRACT.md "attribution dispute")', () => {
  const claim = unwrap(
    buildClaim(
      { subject: HAFNIUM.id, target: MSS.id, confidence: 90, producer: US },
      context('2021-07-19T11:00:00.000Z'),
    ),
  );

  it('makes a valid opinion (spec 4.15) disagreeing with the claim', () => {
    const opinion = unwrap(
      buildDispute(
        { claim: String(claim.id), producer: UK, explanation: 'Not the MSS.' },
        context('2021-07-19T12:00:00.000Z', [claim]),
      ),
    );
    expect(validateObject(opinion).ok).toBe(true);
    expect(opinion).toMatchObject({
      type: 'opinion',
      opinion: 'disagree',
      object_refs: [claim.id],
      explanation: 'Not the MSS.',
      created_by_ref: UK,
    });
    expect(disputeFacts(opinion)).toEqual({ claims: [claim.id] });
    const strong = unwrap(
      buildDispute(
        { claim: String(claim.id), producer: UK, strongly: true },
        context('2021-07-19T12:00:00.000Z', [claim]),
      ),
    );
    expect(strong.opinion).toBe('strongly-disagree');
  });

  it('refuses what is not a claim, and ids the caller cannot see', () => {
    const uses = {
      ...claim,
      id: 'relationship--00000000-0000-4000-8000-00000000aaaa',
      relationship_type: 'uses',
    };
    const noConfidence = {
      ...claim,
      id: 'relationship--00000000-0000-4000-8000-00000000bbbb',
      confidence: undefined,
    };
    const c = context('2021-07-19T12:00:00.000Z', [uses, noConfidence]);
    expect(codes(buildDispute({ claim: uses.id, producer: UK }, c))).toEqual(['INTEL_NOT_A_CLAIM']);
    expect(codes(buildDispute({ claim: noConfidence.id, producer: UK }, c))).toEqual(['INTEL_NOT_A_CLAIM']);
    expect(codes(buildDispute({ claim: String(claim.id), producer: UK }, c))).toEqual([
      'INTEL_UNKNOWN_OBJECT',
    ]);
    expect(codes(buildDispute({ claim: HAFNIUM.id, producer: UK }, c))).toEqual(['INTEL_BAD_ID']);
  });

  it('warns when the dispute would reach readers who cannot see a TLP:RED claim', () => {
    const red: Record<string, unknown> = { ...claim, object_marking_refs: [TLP_V2.red.id] };
    const r = buildDispute(
      { claim: String(red.id), producer: UK },
      context('2021-07-19T12:00:00.000Z', [red]),
    );
    expect(r.ok).toBe(true);
    expect(r.issues.map((i) => i.code)).toEqual(['INTEL_DISPUTE_WIDER']);
    const same = buildDispute(
      { claim: String(red.id), producer: UK, markings: [TLP_V2.red.id] },
      context('2021-07-19T12:00:00.000Z', [red]),
    );
    expect(same.issues).toEqual([]);
  });
});
