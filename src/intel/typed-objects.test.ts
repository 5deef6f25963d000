/**
 * Issue 14 ("typed objects"): what validateObject narrows flows through intel/ without a cast:
 * into a BuildContext, out of the builders as the same union's members, and into the readings.
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { VisibleEntry } from '../policy/index.js';
import { timestampMicros, type ValidatedObject, type ValidatedOf, validateObject } from '../stix/index.js';
import { draftAdvisory } from './advisory/build-advisory.js';
import { buildClaim } from './claims/build-claim.js';
import { claimFacts } from './claims/claim-facts.js';
import type { BuildContext } from './input-checks.js';
import { unwrap } from './intel-issue.js';
import { HAFNIUM, MSS, UK, US } from './test-support/intel-fixture.js';
import type { VersionRecord } from './version-record.js';

const T = '2021-07-19T12:00:00.000Z';

describe('typed STIX objects at intel/ edges (issue 14; STIX 2.1 sections 4.16, 5.1)', () => {
  it('a validated object resolves in a BuildContext and the claim comes back a relationship', () => {
    const seen = new Map<string, ValidatedObject>();
    for (const o of [JSON.parse(JSON.stringify(HAFNIUM)), JSON.parse(JSON.stringify(MSS))]) {
      const result = validateObject(o);
      if (!result.ok) throw new Error('fixture must validate');
      seen.set(result.value.id, result.value);
    }
    const ctx: BuildContext = { now: timestampMicros(T)!, resolve: (id) => seen.get(id) };
    const claim = unwrap(
      buildClaim({ subject: HAFNIUM.id, target: MSS.id, confidence: 80, producer: US }, ctx),
    );
    expectTypeOf(claim).toEqualTypeOf<ValidatedOf<'relationship'>>();
    expectTypeOf(claim.source_ref).toEqualTypeOf<string>();
    expect(validateObject(claim).ok).toBe(true);
    // The same object is a version record's object, and its claim is read without a cast.
    const record: VersionRecord = { object: claim, producer: US };
    const facts = claimFacts(record.object);
    expect(facts?.confidence).toBe(80);
    expect(facts?.target_ref).toBe(MSS.id);
  });

  it('an advisory draft is a report and a marking definition; a read entry feeds a version record', () => {
    const draft = unwrap(
      draftAdvisory(
        { title: 't', body: 'b', cosigners: [UK, US], releaseAt: '2021-08-01T00:00:00.000Z', drafter: UK },
        { now: timestampMicros(T)!, resolve: () => undefined },
      ),
    );
    expectTypeOf(draft.report).toEqualTypeOf<ValidatedOf<'report'>>();
    expectTypeOf(draft.embargo).toEqualTypeOf<ValidatedOf<'marking-definition'>>();
    expect(draft.report.object_refs).toEqual([UK, US]);
    expectTypeOf<VisibleEntry['object']>().toEqualTypeOf<VersionRecord['object']>();
  });
});
