import { type DomainResult, invalid, valid } from './domain-result';

/** Compute capacity: a space's size, a tenant's allocation, or what is in use. */
export interface ResourceAmounts {
  /** CPU in millicores; 1000 = 1 CPU. */
  readonly cpuMillicores: number;
  readonly memoryMiB: number;
  readonly storageGiB: number;
}

export type ResourceName = keyof ResourceAmounts;

export const RESOURCE_NAMES: readonly ResourceName[] = ['cpuMillicores', 'memoryMiB', 'storageGiB'];

const UNIT_HINTS: Readonly<Record<ResourceName, string>> = {
  cpuMillicores: 'millicores (1000 = 1 CPU)',
  memoryMiB: 'MiB (1024 = 1 GiB)',
  storageGiB: 'GiB',
};

/** The unit the API takes an amount in, for messages: "millicores (1000 = 1 CPU)", "MiB (1024 = 1 GiB)", "GiB". */
export function quotaUnitHint(name: ResourceName): string {
  return UNIT_HINTS[name];
}

export const ZERO_AMOUNTS: ResourceAmounts = Object.freeze({ cpuMillicores: 0, memoryMiB: 0, storageGiB: 0 });

/** Checks a requested size: every amount a positive whole number; the message names each bad field. */
export function validateSize(size: ResourceAmounts): DomainResult {
  const problems = RESOURCE_NAMES.filter((name) => !(Number.isSafeInteger(size[name]) && size[name] > 0)).map(
    (name) => `${name} must be a positive whole number of ${UNIT_HINTS[name]}, got ${size[name]}`,
  );
  return problems.length === 0 ? valid : invalid(problems.join('; '));
}

export function addAmounts(left: ResourceAmounts, right: ResourceAmounts): ResourceAmounts {
  return {
    cpuMillicores: left.cpuMillicores + right.cpuMillicores,
    memoryMiB: left.memoryMiB + right.memoryMiB,
    storageGiB: left.storageGiB + right.storageGiB,
  };
}

/** Thrown when subtracting would make an amount negative: usage bookkeeping has gone wrong. */
export class QuotaUnderflowError extends Error {
  constructor(
    readonly resource: ResourceName,
    readonly from: number,
    readonly subtracted: number,
  ) {
    super(`cannot subtract ${subtracted} from ${from} ${resource}: amounts never go below zero`);
    this.name = 'QuotaUnderflowError';
  }
}

/** `from - subtracted`, throwing QuotaUnderflowError rather than returning a negative amount. */
export function subtractAmounts(from: ResourceAmounts, subtracted: ResourceAmounts): ResourceAmounts {
  for (const name of RESOURCE_NAMES) {
    if (subtracted[name] > from[name]) throw new QuotaUnderflowError(name, from[name], subtracted[name]);
  }
  return {
    cpuMillicores: from.cpuMillicores - subtracted.cpuMillicores,
    memoryMiB: from.memoryMiB - subtracted.memoryMiB,
    storageGiB: from.storageGiB - subtracted.storageGiB,
  };
}

/** One resource a request does not fit in; `free` is never negative even if usage exceeds a lowered allocation. */
export interface QuotaShortfall {
  readonly resource: ResourceName | 'spaces' | 'instances';
  readonly requested: number;
  readonly allocated: number;
  readonly inUse: number;
  readonly free: number;
}

export type QuotaCheck = { readonly ok: true } | { readonly ok: false; readonly shortfalls: readonly QuotaShortfall[] };

export interface QuotaCheckInput {
  readonly allocation: ResourceAmounts;
  readonly used: ResourceAmounts;
  /**
   * Only the change: a new space's full size, or for a resize the new size minus the old.
   * Negative amounts (shrinking) always fit.
   */
  readonly requested: ResourceAmounts;
  readonly spacesUsed: number;
  /** How many spaces the request adds: 1 to create a space, 0 to resize one. */
  readonly spacesRequested: number;
  readonly maxSpaces: number;
}

function shortfallOf(
  resource: QuotaShortfall['resource'],
  requested: number,
  allocated: number,
  inUse: number,
): QuotaShortfall | null {
  const free = Math.max(allocated - inUse, 0);
  return requested > 0 && requested > free ? { resource, requested, allocated, inUse, free } : null;
}

/** Whether a requested change fits in a tenant's allocation, and if not, every resource that is short. */
export function fitsWithin(input: QuotaCheckInput): QuotaCheck {
  const shortfalls = [
    ...RESOURCE_NAMES.map((name) =>
      shortfallOf(name, input.requested[name], input.allocation[name], input.used[name]),
    ),
    shortfallOf('spaces', input.spacesRequested, input.maxSpaces, input.spacesUsed),
  ].filter((shortfall) => shortfall !== null);
  return shortfalls.length === 0 ? { ok: true } : { ok: false, shortfalls };
}

function formatCpuAmount(millicores: number): string {
  return `${millicores / 1000} CPU`;
}

function formatMemoryAmount(mib: number): string {
  return mib % 1024 === 0 ? `${mib / 1024} GiB` : `${mib} MiB`;
}

const FORMATTERS: Readonly<Record<QuotaShortfall['resource'], (amount: number) => string>> = {
  cpuMillicores: formatCpuAmount,
  memoryMiB: formatMemoryAmount,
  storageGiB: (gib) => `${gib} GiB`,
  spaces: (count) => `${count} ${count === 1 ? 'space' : 'spaces'}`,
  instances: (count) => `${count} ${count === 1 ? 'instance' : 'instances'}`,
};

const RESOURCE_LABELS: Readonly<Record<QuotaShortfall['resource'], string>> = {
  cpuMillicores: 'CPU',
  memoryMiB: 'memory',
  storageGiB: 'storage',
  spaces: 'spaces',
  instances: 'instances',
};

/** An amount in the unit people read, e.g. 1500 millicores as "1.5 CPU", 2048 MiB as "2 GiB". */
export function formatQuotaAmount(resource: QuotaShortfall['resource'], amount: number): string {
  return FORMATTERS[resource](amount);
}

/** "CPU", "memory", "storage", "spaces", "instances". */
export function quotaResourceLabel(resource: QuotaShortfall['resource']): string {
  return RESOURCE_LABELS[resource];
}

/** One line per shortfall, e.g. "CPU: requested 2 CPU, 1.5 CPU free (4 CPU allocated, 2.5 CPU in use)". */
export function formatQuotaShortfall(shortfall: QuotaShortfall): string {
  const format = FORMATTERS[shortfall.resource];
  return (
    `${RESOURCE_LABELS[shortfall.resource]}: requested ${format(shortfall.requested)}, ` +
    `${format(shortfall.free)} free (${format(shortfall.allocated)} allocated, ${format(shortfall.inUse)} in use)`
  );
}

/** A whole message for a rejected request, telling the person what they can do next. */
export function formatQuotaShortfalls(shortfalls: readonly QuotaShortfall[]): string {
  return (
    `The request does not fit in your allocation. ${shortfalls.map(formatQuotaShortfall).join('; ')}. ` +
    'Choose a smaller size, free capacity, or ask for a quota increase.'
  );
}
