import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OrderTarget } from './enums';
import {
  MAX_QUOTA_AMOUNT,
  QUOTA_RESOURCES,
  type QuotaAmounts,
  ZERO_QUOTA,
  addQuota,
  allocationShare,
  formatLimitsBelowUse,
  formatSpaceShortfalls,
  formatParentShortfalls,
  limitsBelowUse,
  negateQuota,
  quotaDelta,
  quotaFree,
  quotaInUse,
  quotaShortfalls,
  validateQuotaAmounts,
} from './quota-allocation';

const quota = (max = 1_000_000): fc.Arbitrary<QuotaAmounts> =>
  fc.record({ cpuMillicores: fc.nat({ max }), memoryMiB: fc.nat({ max }), storageGiB: fc.nat({ max }), spaces: fc.nat({ max }), instances: fc.nat({ max }) });

const signed = (max = 1_000_000): fc.Arbitrary<QuotaAmounts> =>
  fc.record({
    cpuMillicores: fc.integer({ min: -max, max }),
    memoryMiB: fc.integer({ min: -max, max }),
    storageGiB: fc.integer({ min: -max, max }),
    spaces: fc.integer({ min: -max, max }),
    instances: fc.integer({ min: -max, max }),
  });

const amounts = (cpuMillicores: number, memoryMiB: number, storageGiB: number, spaces: number, instances: number): QuotaAmounts => ({ cpuMillicores, memoryMiB, storageGiB, spaces, instances });

/** Applies a change the way the conditional UPDATE does: only when it fits, never below zero. */
function apply(limits: QuotaAmounts, used: QuotaAmounts, delta: QuotaAmounts): QuotaAmounts | null {
  if (quotaShortfalls(limits, used, delta).length > 0) return null;
  const next = addQuota(used, delta);
  return { ...next, ...Object.fromEntries(QUOTA_RESOURCES.map((r) => [r, Math.max(next[r], 0)])) } as QuotaAmounts;
}

describe('validateQuotaAmounts', () => {
  it('accepts zero and whole numbers up to the int column', () => {
    expect(validateQuotaAmounts(ZERO_QUOTA)).toEqual({ ok: true });
    expect(validateQuotaAmounts(amounts(MAX_QUOTA_AMOUNT, 1, 2, 3, 4))).toEqual({ ok: true });
  });

  it.each([
    [amounts(-1, 0, 0, 0, 0), 'cpuMillicores'],
    [amounts(0, 1.5, 0, 0, 0), 'memoryMiB'],
    [amounts(0, 0, Number.NaN, 0, 0), 'storageGiB'],
    [amounts(0, 0, 0, MAX_QUOTA_AMOUNT + 1, 0), 'maxSpaces'],
    [amounts(0, 0, 0, 0, -3), 'maxInstances'],
  ])('names the bad field of %j', (bad, field) => {
    const result = validateQuotaAmounts(bad);
    expect(result).toMatchObject({ ok: false, field });
    expect(result.ok || result.message.startsWith(field)).toBe(true);
  });

  it('with atLeastOne, refuses asking for nothing', () => {
    expect(validateQuotaAmounts(ZERO_QUOTA, { atLeastOne: true })).toMatchObject({ ok: false, message: expect.stringContaining('at least one') });
    expect(validateQuotaAmounts(amounts(0, 0, 0, 0, 1), { atLeastOne: true })).toEqual({ ok: true });
  });

  it('accepts exactly the non-negative safe integers within the column', () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: -10, max: MAX_QUOTA_AMOUNT }), fc.double()), (value) => {
        const ok = validateQuotaAmounts({ ...ZERO_QUOTA, storageGiB: value }).ok;
        expect(ok).toBe(Number.isSafeInteger(value) && value >= 0 && value <= MAX_QUOTA_AMOUNT);
      }),
    );
  });
});

describe('quotaShortfalls', () => {
  it('counts only the change: a resize up by 1 CPU needs 1 free CPU, not the full size', () => {
    const limits = amounts(4000, 8192, 100, 5, 5);
    const used = amounts(3000, 0, 0, 1, 0);
    expect(quotaShortfalls(limits, used, amounts(1000, 0, 0, 0, 0))).toEqual([]);
    expect(quotaShortfalls(limits, used, amounts(1001, 0, 0, 0, 0))).toEqual([{ resource: 'cpuMillicores', requested: 1001, allocated: 4000, inUse: 3000, free: 1000 }]);
  });

  it('fits exactly when every growing resource stays within its limit', () => {
    fc.assert(
      fc.property(quota(), quota(), signed(), (limits, used, delta) => {
        const fits = quotaShortfalls(limits, used, delta).length === 0;
        const expected = QUOTA_RESOURCES.every((r) => delta[r] <= 0 || used[r] + delta[r] <= limits[r]);
        expect(fits).toBe(expected);
      }),
    );
  });

  it('always lets a change that only shrinks through, even above a lowered limit', () => {
    fc.assert(
      fc.property(quota(), quota(), quota(), (limits, used, shrink) => {
        expect(quotaShortfalls(limits, used, negateQuota(shrink))).toEqual([]);
      }),
    );
  });

  it('reports free as never negative and the numbers it was given', () => {
    fc.assert(
      fc.property(quota(), quota(), signed(), (limits, used, delta) => {
        for (const shortfall of quotaShortfalls(limits, used, delta)) {
          expect(shortfall.free).toBeGreaterThanOrEqual(0);
          expect(shortfall.requested).toBeGreaterThan(shortfall.free);
          expect(shortfall.allocated).toBe(limits[shortfall.resource as keyof QuotaAmounts]);
          expect(shortfall.inUse).toBe(used[shortfall.resource as keyof QuotaAmounts]);
        }
      }),
    );
  });

  it('any sequence of accepted changes keeps use within the limits and never below zero', () => {
    fc.assert(
      fc.property(quota(100_000), fc.array(signed(50_000), { maxLength: 40 }), (limits, deltas) => {
        let used = ZERO_QUOTA;
        for (const delta of deltas) {
          used = apply(limits, used, delta) ?? used;
          for (const r of QUOTA_RESOURCES) {
            expect(used[r]).toBeGreaterThanOrEqual(0);
            expect(used[r]).toBeLessThanOrEqual(limits[r]);
          }
        }
      }),
    );
  });

  it('of concurrent reservations applied one after another, the accepted ones sum to at most the limit', () => {
    fc.assert(
      fc.property(quota(100_000), fc.array(quota(20_000), { maxLength: 50 }), (limits, requests) => {
        let used = ZERO_QUOTA;
        let accepted = ZERO_QUOTA;
        for (const request of requests) {
          const next = apply(limits, used, request);
          if (next) {
            used = next;
            accepted = addQuota(accepted, request);
          }
        }
        expect(used).toEqual(accepted);
        for (const r of QUOTA_RESOURCES) expect(accepted[r]).toBeLessThanOrEqual(limits[r]);
      }),
    );
  });
});

describe('quotaDelta, quotaInUse, quotaFree', () => {
  it('from + (to - from) = to', () => {
    fc.assert(
      fc.property(quota(), quota(), (from, to) => {
        expect(addQuota(from, quotaDelta(from, to))).toEqual(to);
      }),
    );
  });

  it('counts what was handed down to children as in use', () => {
    const inUse = quotaInUse(amounts(1000, 1024, 10, 1, 0), amounts(2000, 2048, 20, 2, 3));
    expect(inUse).toEqual(amounts(3000, 3072, 30, 3, 3));
    expect(quotaFree(amounts(4000, 4096, 30, 2, 10), inUse)).toEqual(amounts(1000, 1024, 0, 0, 7));
  });

  it('free + in use covers the limit whenever use is within it', () => {
    fc.assert(
      fc.property(quota(), quota(), (limits, used) => {
        const free = quotaFree(limits, used);
        for (const r of QUOTA_RESOURCES) expect(free[r] + Math.min(used[r], limits[r])).toBe(limits[r]);
      }),
    );
  });
});

describe('limitsBelowUse', () => {
  it('allows any limit at or above what is in use', () => {
    fc.assert(fc.property(quota(), quota(), (inUse, headroom) => {
      expect(limitsBelowUse(addQuota(inUse, headroom), inUse)).toEqual([]);
    }));
  });

  it('names exactly the resources lowered below use, with the numbers', () => {
    fc.assert(
      fc.property(quota(), quota(), (limits, inUse) => {
        const problems = limitsBelowUse(limits, inUse);
        expect(problems.map((p) => p.resource)).toEqual(QUOTA_RESOURCES.filter((r) => limits[r] < inUse[r]));
        for (const problem of problems) expect(problem).toMatchObject({ requested: limits[problem.resource], inUse: inUse[problem.resource] });
      }),
    );
  });

  it('says what is in use in the units people read', () => {
    const problems = limitsBelowUse(amounts(2000, 4096, 10, 1, 0), amounts(3500, 2048, 10, 3, 0));
    expect(problems.map((p) => p.field)).toEqual(['cpuMillicores', 'maxSpaces']);
    expect(formatLimitsBelowUse(problems)).toBe('CPU: 3.5 CPU in use, cannot lower it to 2 CPU; spaces: 3 spaces in use, cannot lower it to 1 space');
  });

  it('explains a parent that cannot hand down more than it has', () => {
    const message = formatParentShortfalls('Agency', quotaShortfalls(amounts(4000, 0, 0, 0, 0), amounts(3000, 0, 0, 0, 0), amounts(2000, 0, 0, 0, 0)));
    expect(message).toContain('Agency can only hand down what it has free. CPU: requested 2 CPU, 1 CPU free (4 CPU allocated, 3 CPU in use)');
  });
});

describe('instances in their space', () => {
  it('the allocation carries only an instance order\'s count, and all of a space order', () => {
    fc.assert(
      fc.property(signed(), (change) => {
        expect(allocationShare(OrderTarget.Instance, change)).toEqual({ ...ZERO_QUOTA, instances: change.instances });
        expect(allocationShare(OrderTarget.Space, change)).toEqual(change);
      }),
    );
  });

  it('explains an instance that does not fit its space, with the space size and what to do', () => {
    const message = formatSpaceShortfalls('shop', quotaShortfalls(amounts(0, 0, 50, 0, 0), amounts(0, 0, 45, 0, 0), amounts(0, 0, 10, 0, 0)));
    expect(message).toBe('Space shop has no room for this. storage: requested 10 GiB, 5 GiB free (50 GiB space size, 45 GiB in use by its instances). Resize the space shop or pick a smaller plan.');
  });
});
