import { ApprovalPolicy } from '@nprod/domain';
import { describe, expect, it } from 'vitest';
import { approvalDecision, effectiveApprovalRule, resourcesAboveThreshold } from './rules';

const offering = { id: 'space-offering', approvalPolicy: ApprovalPolicy.OperatorAboveThreshold, approvalThreshold: { cpuMillicores: 16000, storageGiB: 500 } };
const small = { cpuMillicores: 2000, memoryMiB: 4096, storageGiB: 20 };
const big = { cpuMillicores: 20000, memoryMiB: 4096, storageGiB: 600 };

describe('effectiveApprovalRule', () => {
  it("inherits the offering's policy when the tenant has no override", () => {
    expect(effectiveApprovalRule(offering, [])).toEqual({ policy: ApprovalPolicy.OperatorAboveThreshold, threshold: { cpuMillicores: 16000, storageGiB: 500 }, source: 'offering' });
  });

  it('prefers the override for this offering over the one for all offerings, and ignores overrides of other offerings', () => {
    const overrides = [
      { offeringId: null, policy: ApprovalPolicy.AlwaysOperator },
      { offeringId: 'other-offering', policy: ApprovalPolicy.AutoWithinAllocation },
      { offeringId: 'space-offering', policy: ApprovalPolicy.OperatorAboveThreshold, threshold: { memoryMiB: 2048 } },
    ];
    expect(effectiveApprovalRule(offering, overrides)).toEqual({ policy: ApprovalPolicy.OperatorAboveThreshold, threshold: { memoryMiB: 2048 }, source: 'tenant-offering' });
    expect(effectiveApprovalRule(offering, overrides.slice(0, 2))).toEqual({ policy: ApprovalPolicy.AlwaysOperator, threshold: null, source: 'tenant' });
    expect(effectiveApprovalRule(offering, overrides.slice(1, 2)).source).toBe('offering');
  });
});

describe('approvalDecision', () => {
  it('auto-approves within the allocation, whatever the size', () => {
    const decision = approvalDecision({ policy: ApprovalPolicy.AutoWithinAllocation, threshold: null, source: 'tenant' }, big);
    expect(decision).toEqual({ required: false, reason: expect.stringContaining("the tenant's approval policy for all offerings") });
  });

  it('always asks an operator under ALWAYS_OPERATOR, naming the rule', () => {
    const decision = approvalDecision({ policy: ApprovalPolicy.AlwaysOperator, threshold: null, source: 'tenant-offering' }, small);
    expect(decision.required).toBe(true);
    expect(decision.reason).toContain('the tenant\'s approval policy for this offering is "Always an operator"');
  });

  it('above a threshold names every resource above it with both amounts', () => {
    const decision = approvalDecision(effectiveApprovalRule(offering, []), big);
    expect(decision.required).toBe(true);
    expect(decision.reason).toContain('the offering\'s approval policy is "Operator above a threshold"');
    expect(decision.reason).toContain('20 CPU is above the threshold of 16 CPU');
    expect(decision.reason).toContain('600 GiB storage is above the threshold of 500 GiB storage');
    expect(decision.reason).not.toContain('memory');
  });

  it('exactly at the threshold is within it', () => {
    expect(approvalDecision(effectiveApprovalRule(offering, []), { ...small, cpuMillicores: 16000, storageGiB: 500 }).required).toBe(false);
    expect(resourcesAboveThreshold({ cpuMillicores: 16000 }, { ...small, cpuMillicores: 16001 })).toEqual(['cpuMillicores']);
    expect(resourcesAboveThreshold(null, big)).toEqual([]);
  });
});
