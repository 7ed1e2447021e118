import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeSpaceOffering } from '../../../../libs/catalogue/src/offerings/compute-space';
import { planPricePerHour as apiPlanPrice } from '../../../../libs/catalogue/src/rules';
import { cheapestPricePerHour, estimateOrder, formatTiyn, isTerminalOrder, planPricePerHour, quotaImpact, waitsForRoom, type Offering, type OrderEvent, type Plan } from './catalogue';
import { customSizeFromInput, customSizeProblems } from './customSize';
import type { Allocation } from './types';

const plans = computeSpaceOffering.plans as Plan[];
const custom = plans.find((plan) => plan.custom)!;

const allocation = (over: Partial<Allocation> = {}): Allocation => ({
  id: 'a',
  tenantId: 't',
  region: 'almaty',
  cpuMillicores: 8000,
  memoryMiB: 16384,
  storageGiB: 100,
  maxSpaces: 3,
  maxInstances: 5,
  usedCpuMillicores: 2000,
  usedMemoryMiB: 4096,
  usedStorageGiB: 20,
  usedSpaces: 1,
  usedInstances: 0,
  allocatedToChildrenCpuMillicores: 2000,
  allocatedToChildrenMemoryMiB: 0,
  allocatedToChildrenStorageGiB: 0,
  allocatedToChildrenSpaces: 0,
  allocatedToChildrenInstances: 0,
  ...over,
});

describe('catalogue rules in the console', () => {
  it('tells an order the worker left waiting for room from one approved a moment ago', () => {
    const event = (actorKind: OrderEvent['actorKind'], toStatus: OrderEvent['toStatus']): OrderEvent => ({ id: toStatus, actorKind, toStatus, createdAt: '2026-11-23T18:00:00Z' });
    const approved = [event('USER', 'SUBMITTED'), event('SYSTEM', 'APPROVED')];
    expect(waitsForRoom({ status: 'APPROVED', events: approved })).toBe(false);
    expect(waitsForRoom({ status: 'APPROVED', events: [...approved, event('WORKER', 'APPROVED')] })).toBe(true);
    // An operator's retry after a failure is a person's event: the worker has not looked yet.
    expect(waitsForRoom({ status: 'APPROVED', events: [...approved, event('WORKER', 'APPROVED'), event('WORKER', 'FAILED'), event('USER', 'APPROVED')] })).toBe(false);
    expect(waitsForRoom({ status: 'PROVISIONING', events: [...approved, event('WORKER', 'PROVISIONING')] })).toBe(false);
    expect(waitsForRoom({ status: 'APPROVED' })).toBe(false);
  });

  it('prices a custom size exactly as the API does', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 320 }), fc.integer({ min: 1, max: 512 }), fc.integer({ min: 1, max: 1024 }), (cpu, memory, storage) => {
        const size = { cpuMillicores: cpu * 100, memoryMiB: memory * 128, storageGiB: storage };
        expect(planPricePerHour(custom, size)).toBe(apiPlanPrice(computeSpaceOffering.plans.find((plan) => plan.custom)!, size));
      }),
    );
  });

  it('shows tenge from tiyn, and the cheapest fixed plan', () => {
    expect(formatTiyn(3040, 'en')).toMatch(/₸\s?30\.40/);
    expect(formatTiyn(3040, 'ru')).toMatch(/30,40\s₸/);
    expect(cheapestPricePerHour(plans)).toBe(3040);
  });

  it('multiplies per-replica plans by the replicas', () => {
    const plan: Plan = { key: 's', name: 'S', cpuMillicores: 500, memoryMiB: 512, storageGiB: 0, pricePerHourTiyn: 625 };
    expect(estimateOrder(plan, { replicas: 3 })).toEqual({ footprint: { cpuMillicores: 1500, memoryMiB: 1536, storageGiB: 0 }, pricePerHourTiyn: 1875 });
  });

  it('adds the order to what is in use (own and handed down) and flags what no longer fits', () => {
    const impact = quotaImpact(allocation(), { cpuMillicores: 5000, memoryMiB: 4096, storageGiB: 20, spaces: 1 });
    expect(impact.find((row) => row.resource === 'cpu')).toMatchObject({ inUse: 4000, after: 9000, limit: 8000, over: true });
    expect(impact.find((row) => row.resource === 'memory')).toMatchObject({ after: 8192, over: false });
    expect(impact.find((row) => row.resource === 'spaces')).toMatchObject({ after: 2, over: false });
  });

  it('does not count an order that already reserved its quota twice, nor flag a shrink', () => {
    const impact = quotaImpact(allocation({ usedCpuMillicores: 6000 }), { cpuMillicores: 4000 }, { alreadyReserved: true });
    expect(impact.find((row) => row.resource === 'cpu')).toMatchObject({ inUse: 4000, after: 8000, over: false });
    expect(quotaImpact(allocation({ usedCpuMillicores: 9000 }), { cpuMillicores: -1000 })[0].over).toBe(false);
  });

  it('knows which statuses stop moving', () => {
    expect(['COMPLETED', 'REJECTED', 'CANCELLED', 'FAILED'].every(isTerminalOrder)).toBe(true);
    expect(['SUBMITTED', 'PENDING_APPROVAL', 'APPROVED', 'PROVISIONING'].some(isTerminalOrder)).toBe(false);
  });

  it('checks a custom size in cores and GiB against the plan and the schema steps', () => {
    const schema = computeSpaceOffering.parametersSchema;
    expect(customSizeProblems(custom, schema, { cpuCores: '2', memoryGiB: '4', storageGiB: '20' })).toEqual({});
    expect(customSizeFromInput({ cpuCores: '2,5', memoryGiB: '0.5', storageGiB: '20' })).toEqual({ cpuMillicores: 2500, memoryMiB: 512, storageGiB: 20 });
    expect(customSizeProblems(custom, schema, { cpuCores: '40', memoryGiB: '0.1', storageGiB: '' })).toEqual({
      cpuCores: { key: 'nprod.parameters.errors.maximum', args: { limit: 32 } },
      memoryGiB: { key: 'nprod.parameters.errors.minimum', args: { limit: 0.125 } },
      storageGiB: { key: 'nprod.parameters.errors.required' },
    });
    expect(customSizeProblems(custom, schema, { cpuCores: '1.05', memoryGiB: '1', storageGiB: '1' }).cpuCores).toEqual({ key: 'nprod.parameters.errors.multipleOf', args: { value: 0.1 } });
  });
});
