import { describe, expect, it } from 'vitest';
import { allocationFree, allocationToForm, grantAboveRequest, isPartialGrant, toQuotaAmounts } from './quotaForm';

const allocation = {
  id: 'a',
  tenantId: 't',
  region: 'almaty',
  cpuMillicores: 8000,
  memoryMiB: 16384,
  storageGiB: 100,
  maxSpaces: 5,
  maxInstances: 10,
  usedCpuMillicores: 2000,
  usedMemoryMiB: 4096,
  usedStorageGiB: 20,
  usedSpaces: 1,
  usedInstances: 0,
  allocatedToChildrenCpuMillicores: 4000,
  allocatedToChildrenMemoryMiB: 8192,
  allocatedToChildrenStorageGiB: 50,
  allocatedToChildrenSpaces: 3,
  allocatedToChildrenInstances: 0,
};

describe('quota form values', () => {
  it('turns cores and GiB into API units, blanks into zero', () => {
    expect(toQuotaAmounts({ cpuCores: 1.5, memoryGiB: '2', storageGiB: 10, maxSpaces: '', maxInstances: null })).toEqual({
      cpuMillicores: 1500,
      memoryMiB: 2048,
      storageGiB: 10,
      maxSpaces: 0,
      maxInstances: 0,
    });
  });

  it('round-trips an allocation', () => {
    expect(toQuotaAmounts(allocationToForm(allocation))).toEqual({ cpuMillicores: 8000, memoryMiB: 16384, storageGiB: 100, maxSpaces: 5, maxInstances: 10 });
  });

  it('computes what is free after own use and what was handed down', () => {
    expect(allocationFree(allocation)).toEqual({ cpuMillicores: 2000, memoryMiB: 4096, storageGiB: 30, maxSpaces: 1, maxInstances: 10 });
  });

  it('tells a partial grant from a full one, and spots amounts above the request', () => {
    const requested = { cpuMillicores: 4000, memoryMiB: 8192, storageGiB: 0, maxSpaces: 1, maxInstances: 0 };
    expect(isPartialGrant(requested, requested)).toBe(false);
    expect(isPartialGrant(requested, { ...requested, cpuMillicores: 2000 })).toBe(true);
    expect(grantAboveRequest(requested, { ...requested, storageGiB: 5 })).toEqual(['storageGiB']);
  });
});
