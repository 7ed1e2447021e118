import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_QUOTA_AMOUNT, QUOTA_RESOURCES, type QuotaAmounts, ZERO_QUOTA } from './quota-allocation';
import {
  QuotaRequestStatus,
  canTransitionQuotaRequest,
  decideGrant,
  quotaRequestTransitionProblem,
  validateDecisionReason,
  validateJustification,
  validateRaisedLimits,
} from './quota-request';

const quota = (max = 100_000): fc.Arbitrary<QuotaAmounts> =>
  fc.record({ cpuMillicores: fc.nat({ max }), memoryMiB: fc.nat({ max }), storageGiB: fc.nat({ max }), spaces: fc.nat({ max }), instances: fc.nat({ max }) });
const status = fc.constantFrom(...Object.values(QuotaRequestStatus));

describe('quota request state machine', () => {
  it('decides only PENDING requests, once', () => {
    fc.assert(
      fc.property(status, status, (from, to) => {
        expect(canTransitionQuotaRequest(from, to)).toBe(from === QuotaRequestStatus.Pending && to !== QuotaRequestStatus.Pending);
      }),
    );
  });

  it('names the current state when refusing', () => {
    expect(quotaRequestTransitionProblem(QuotaRequestStatus.Rejected, QuotaRequestStatus.Approved)).toContain('already REJECTED');
    expect(quotaRequestTransitionProblem(QuotaRequestStatus.Pending, QuotaRequestStatus.Rejected)).toBeNull();
  });
});

describe('decideGrant', () => {
  it('approves in full when everything asked for is granted', () => {
    fc.assert(
      fc.property(quota().filter((q) => QUOTA_RESOURCES.some((r) => q[r] > 0)), (requested) => {
        expect(decideGrant(requested, requested)).toEqual({ ok: true, status: QuotaRequestStatus.Approved, granted: requested });
      }),
    );
  });

  it('is partial exactly when some resource gets less than asked, and never grants more', () => {
    fc.assert(
      fc.property(quota(), quota(), (requested, granted) => {
        const decision = decideGrant(requested, granted);
        const within = QUOTA_RESOURCES.every((r) => granted[r] <= requested[r]);
        const something = QUOTA_RESOURCES.some((r) => granted[r] > 0);
        expect(decision.ok).toBe(within && something);
        if (decision.ok) {
          const partial = QUOTA_RESOURCES.some((r) => granted[r] < requested[r]);
          expect(decision.status).toBe(partial ? QuotaRequestStatus.PartiallyApproved : QuotaRequestStatus.Approved);
        }
      }),
    );
  });

  it('names the field granted beyond the request, and refuses granting nothing', () => {
    const requested = { ...ZERO_QUOTA, cpuMillicores: 1000, spaces: 1 };
    expect(decideGrant(requested, { ...requested, spaces: 2 })).toMatchObject({ ok: false, field: 'maxSpaces' });
    expect(decideGrant(requested, { ...requested, memoryMiB: -1 })).toMatchObject({ ok: false, field: 'memoryMiB' });
    expect(decideGrant(requested, ZERO_QUOTA)).toMatchObject({ ok: false, message: expect.stringContaining('reject') });
  });
});

describe('texts and limits', () => {
  it('needs a justification of 10 characters or more, ignoring spaces around it', () => {
    expect(validateJustification('  too short ')).toMatchObject({ ok: false, field: 'justification' });
    expect(validateJustification('New school portal')).toEqual({ ok: true });
    expect(validateJustification('x'.repeat(2001))).toMatchObject({ ok: false, field: 'justification' });
  });

  it('needs a reason to reject', () => {
    expect(validateDecisionReason('   ')).toMatchObject({ ok: false, field: 'reason' });
    expect(validateDecisionReason('Budget exhausted this year')).toEqual({ ok: true });
  });

  it('refuses a grant that would overflow the column', () => {
    expect(validateRaisedLimits({ ...ZERO_QUOTA, storageGiB: MAX_QUOTA_AMOUNT }, { ...ZERO_QUOTA, storageGiB: 1 })).toMatchObject({ ok: false, field: 'storageGiB' });
    expect(validateRaisedLimits(ZERO_QUOTA, { ...ZERO_QUOTA, storageGiB: MAX_QUOTA_AMOUNT })).toEqual({ ok: true });
  });
});
