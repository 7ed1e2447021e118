import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type QuotaShortfall,
  QuotaUnderflowError,
  type ResourceAmounts,
  RESOURCE_NAMES,
  ZERO_AMOUNTS,
  addAmounts,
  fitsWithin,
  formatQuotaShortfall,
  formatQuotaShortfalls,
  subtractAmounts,
  validateSize,
} from './quota';

const amounts = (max = 1_000_000): fc.Arbitrary<ResourceAmounts> =>
  fc.record({
    cpuMillicores: fc.nat({ max }),
    memoryMiB: fc.nat({ max }),
    storageGiB: fc.nat({ max }),
  });

const size = (cpuMillicores: number, memoryMiB: number, storageGiB: number): ResourceAmounts => ({
  cpuMillicores,
  memoryMiB,
  storageGiB,
});

describe('validateSize', () => {
  it('accepts positive whole amounts', () => {
    expect(validateSize(size(1500, 1536, 20))).toEqual({ ok: true });
  });

  it.each([
    [size(-5, 1024, 10), 'cpuMillicores must be a positive whole number of millicores (1000 = 1 CPU), got -5'],
    [size(1000, 0, 10), 'memoryMiB must be a positive whole number of MiB (1024 = 1 GiB), got 0'],
    [size(1000, 1024, 2.5), 'storageGiB must be a positive whole number of GiB, got 2.5'],
    [size(Number.NaN, 1024, 10), 'cpuMillicores must be a positive whole number of millicores (1000 = 1 CPU), got NaN'],
    [size(2 ** 60, 1024, 10), 'cpuMillicores'],
  ])('rejects %j', (bad, message) => {
    expect(validateSize(bad)).toEqual({ ok: false, message: expect.stringContaining(message) });
  });

  it('names every bad field at once', () => {
    expect(validateSize(size(0, -1, 10))).toEqual({
      ok: false,
      message:
        'cpuMillicores must be a positive whole number of millicores (1000 = 1 CPU), got 0; ' +
        'memoryMiB must be a positive whole number of MiB (1024 = 1 GiB), got -1',
    });
  });
});

describe('addAmounts / subtractAmounts', () => {
  it('subtracting what was added gives back the original', () => {
    fc.assert(
      fc.property(amounts(), amounts(), (base, delta) => {
        expect(subtractAmounts(addAmounts(base, delta), delta)).toEqual(base);
        expect(subtractAmounts(addAmounts(base, delta), base)).toEqual(delta);
      }),
    );
  });

  it('never returns a negative amount: it either throws QuotaUnderflowError or stays at or above zero', () => {
    fc.assert(
      fc.property(amounts(), amounts(), (from, subtracted) => {
        const underflows = RESOURCE_NAMES.some((name) => subtracted[name] > from[name]);
        if (underflows) {
          expect(() => subtractAmounts(from, subtracted)).toThrow(QuotaUnderflowError);
        } else {
          const rest = subtractAmounts(from, subtracted);
          for (const name of RESOURCE_NAMES) expect(rest[name]).toBeGreaterThanOrEqual(0);
        }
      }),
    );
  });

  it('says which resource would go negative', () => {
    expect(() => subtractAmounts(size(1000, 2048, 10), size(500, 4096, 10))).toThrow(
      'cannot subtract 4096 from 2048 memoryMiB: amounts never go below zero',
    );
  });

  it('zero is the identity of addition', () => {
    fc.assert(
      fc.property(amounts(), (value) => {
        expect(addAmounts(value, ZERO_AMOUNTS)).toEqual(value);
      }),
    );
  });
});

describe('fitsWithin', () => {
  const allocation = size(4000, 8192, 100);

  it('fits a space that exactly uses up what is free', () => {
    const result = fitsWithin({
      allocation,
      used: size(2500, 4096, 60),
      requested: size(1500, 4096, 40),
      spacesUsed: 2,
      spacesRequested: 1,
      maxSpaces: 3,
    });
    expect(result).toEqual({ ok: true });
  });

  it('lists every resource that is short, with what is allocated, in use and free', () => {
    const result = fitsWithin({
      allocation,
      used: size(2500, 4096, 60),
      requested: size(2000, 1024, 50),
      spacesUsed: 3,
      spacesRequested: 1,
      maxSpaces: 3,
    });
    expect(result).toEqual({
      ok: false,
      shortfalls: [
        { resource: 'cpuMillicores', requested: 2000, allocated: 4000, inUse: 2500, free: 1500 },
        { resource: 'storageGiB', requested: 50, allocated: 100, inUse: 60, free: 40 },
        { resource: 'spaces', requested: 1, allocated: 3, inUse: 3, free: 0 },
      ],
    });
  });

  it('counts only the change of a resize, so shrinking always fits even over a lowered allocation', () => {
    const result = fitsWithin({
      allocation,
      used: size(5000, 8192, 100),
      requested: size(-1000, 0, 0),
      spacesUsed: 3,
      spacesRequested: 0,
      maxSpaces: 3,
    });
    expect(result).toEqual({ ok: true });
  });

  it('agrees with the arithmetic: ok exactly when used + requested stays within the allocation', () => {
    fc.assert(
      fc.property(
        amounts(),
        amounts(),
        amounts(),
        fc.nat({ max: 20 }),
        fc.nat({ max: 2 }),
        fc.nat({ max: 20 }),
        (allocationAmounts, used, requested, spacesUsed, spacesRequested, maxSpaces) => {
          const result = fitsWithin({ allocation: allocationAmounts, used, requested, spacesUsed, spacesRequested, maxSpaces });
          const over = RESOURCE_NAMES.filter(
            (name) => requested[name] > 0 && addAmounts(used, requested)[name] > allocationAmounts[name],
          );
          const spacesOver = spacesRequested > 0 && spacesUsed + spacesRequested > maxSpaces;
          if (result.ok) {
            expect(over).toEqual([]);
            expect(spacesOver).toBe(false);
            // Every resource the order grows stays within the allocation; one already over a
            // lowered allocation may stay over when the order does not ask for more of it.
            for (const name of RESOURCE_NAMES.filter((resource) => requested[resource] > 0)) {
              expect(used[name] + requested[name]).toBeLessThanOrEqual(allocationAmounts[name]);
            }
          } else {
            expect(result.shortfalls.map((shortfall) => shortfall.resource)).toEqual([
              ...over,
              ...(spacesOver ? ['spaces'] : []),
            ]);
            for (const shortfall of result.shortfalls) {
              expect(shortfall.free).toBe(Math.max(shortfall.allocated - shortfall.inUse, 0));
              expect(shortfall.requested).toBeGreaterThan(shortfall.free);
            }
          }
        },
      ),
    );
  });
});

describe('formatQuotaShortfall', () => {
  const cpu: QuotaShortfall = { resource: 'cpuMillicores', requested: 2000, allocated: 4000, inUse: 2500, free: 1500 };
  const memory: QuotaShortfall = { resource: 'memoryMiB', requested: 1536, allocated: 8192, inUse: 7168, free: 1024 };
  const spaces: QuotaShortfall = { resource: 'spaces', requested: 1, allocated: 3, inUse: 3, free: 0 };

  it('writes amounts in the units people order in', () => {
    expect(formatQuotaShortfall(cpu)).toBe('CPU: requested 2 CPU, 1.5 CPU free (4 CPU allocated, 2.5 CPU in use)');
    expect(formatQuotaShortfall(memory)).toBe('memory: requested 1536 MiB, 1 GiB free (8 GiB allocated, 7 GiB in use)');
    expect(formatQuotaShortfall(spaces)).toBe('spaces: requested 1 space, 0 spaces free (3 spaces allocated, 3 spaces in use)');
  });

  it('ends a full message with what to do next', () => {
    expect(formatQuotaShortfalls([cpu, spaces])).toBe(
      'The request does not fit in your allocation. ' +
        'CPU: requested 2 CPU, 1.5 CPU free (4 CPU allocated, 2.5 CPU in use); ' +
        'spaces: requested 1 space, 0 spaces free (3 spaces allocated, 3 spaces in use). ' +
        'Choose a smaller size, free capacity, or ask for a quota increase.',
    );
  });
});
