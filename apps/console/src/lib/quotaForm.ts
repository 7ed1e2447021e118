/**
 * Quota amounts as people type them (cores, GiB, counts) and as the API takes them
 * (millicores, MiB, GiB, counts). Allocation limits, quota request increases and grants all
 * use the same five amounts.
 */
import type { Allocation, QuotaRequestRecord } from './types';
import { coresToMillicores, gibToMib, millicoresToCores, mibToGib } from './units';

export interface QuotaFormValues {
  cpuCores?: number | string | null;
  memoryGiB?: number | string | null;
  storageGiB?: number | string | null;
  maxSpaces?: number | string | null;
  maxInstances?: number | string | null;
}

export interface QuotaAmounts {
  cpuMillicores: number;
  memoryMiB: number;
  storageGiB: number;
  maxSpaces: number;
  maxInstances: number;
}

export const QUOTA_FORM_FIELDS = ['cpuCores', 'memoryGiB', 'storageGiB', 'maxSpaces', 'maxInstances'] as const;

const number = (value: number | string | null | undefined) => (value === null || value === undefined || value === '' ? 0 : Number(value));

export const toQuotaAmounts = (values: QuotaFormValues): QuotaAmounts => ({
  cpuMillicores: coresToMillicores(number(values.cpuCores)),
  memoryMiB: gibToMib(number(values.memoryGiB)),
  storageGiB: Math.round(number(values.storageGiB)),
  maxSpaces: Math.round(number(values.maxSpaces)),
  maxInstances: Math.round(number(values.maxInstances)),
});

export const allocationToForm = (allocation: Pick<Allocation, 'cpuMillicores' | 'memoryMiB' | 'storageGiB' | 'maxSpaces' | 'maxInstances'>): Required<QuotaFormValues> => ({
  cpuCores: millicoresToCores(allocation.cpuMillicores),
  memoryGiB: mibToGib(allocation.memoryMiB),
  storageGiB: allocation.storageGiB,
  maxSpaces: allocation.maxSpaces,
  maxInstances: allocation.maxInstances,
});

/** An approval form starts with what was asked for; the operator may lower any amount. */
export const requestedToForm = (request: Pick<QuotaRequestRecord, 'cpuMillicores' | 'memoryMiB' | 'storageGiB' | 'maxSpaces' | 'maxInstances'>) => allocationToForm(request);

/** Granted in full when every amount is what was asked; otherwise the request ends PARTIALLY_APPROVED. */
export const isPartialGrant = (requested: QuotaAmounts, granted: QuotaAmounts): boolean =>
  (Object.keys(requested) as Array<keyof QuotaAmounts>).some((key) => granted[key] < requested[key]);

/** Amounts above what was asked, by form field (the API refuses them). */
export const grantAboveRequest = (requested: QuotaAmounts, granted: QuotaAmounts): Array<keyof QuotaAmounts> =>
  (Object.keys(requested) as Array<keyof QuotaAmounts>).filter((key) => granted[key] > requested[key]);

/** Free = limit - own use - handed down to children, per resource; never below zero for display. */
export const allocationFree = (allocation: Allocation) => ({
  cpuMillicores: Math.max(0, allocation.cpuMillicores - allocation.usedCpuMillicores - allocation.allocatedToChildrenCpuMillicores),
  memoryMiB: Math.max(0, allocation.memoryMiB - allocation.usedMemoryMiB - allocation.allocatedToChildrenMemoryMiB),
  storageGiB: Math.max(0, allocation.storageGiB - allocation.usedStorageGiB - allocation.allocatedToChildrenStorageGiB),
  maxSpaces: Math.max(0, allocation.maxSpaces - allocation.usedSpaces - allocation.allocatedToChildrenSpaces),
  maxInstances: Math.max(0, allocation.maxInstances - allocation.usedInstances - allocation.allocatedToChildrenInstances),
});
