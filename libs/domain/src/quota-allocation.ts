import { OrderTarget } from './enums';
import { type QuotaShortfall, formatQuotaAmount, formatQuotaShortfall, quotaResourceLabel } from './quota';

/**
 * Every resource an allocation limits, as one set of amounts: a limit, what is in use, or a
 * signed change (an order's delta, a sub-allocation's increase or decrease).
 */
export interface QuotaAmounts {
  /** CPU in millicores; 1000 = 1 CPU. */
  readonly cpuMillicores: number;
  readonly memoryMiB: number;
  readonly storageGiB: number;
  readonly spaces: number;
  readonly instances: number;
}

export type QuotaResource = keyof QuotaAmounts;

export const QUOTA_RESOURCES: readonly QuotaResource[] = ['cpuMillicores', 'memoryMiB', 'storageGiB', 'spaces', 'instances'];

export const ZERO_QUOTA: QuotaAmounts = Object.freeze({ cpuMillicores: 0, memoryMiB: 0, storageGiB: 0, spaces: 0, instances: 0 });

/** The columns are PostgreSQL `int`: nothing above this can be stored. */
export const MAX_QUOTA_AMOUNT = 2_147_483_647;

/** The argument name each resource has in the API (`maxSpaces` for spaces), so messages name the field people sent. */
export const QUOTA_FIELD: Readonly<Record<QuotaResource, string>> = {
  cpuMillicores: 'cpuMillicores',
  memoryMiB: 'memoryMiB',
  storageGiB: 'storageGiB',
  spaces: 'maxSpaces',
  instances: 'maxInstances',
};

const UNITS: Readonly<Record<QuotaResource, string>> = {
  cpuMillicores: 'millicores (1000 = 1 CPU)',
  memoryMiB: 'MiB (1024 = 1 GiB)',
  storageGiB: 'GiB',
  spaces: 'spaces',
  instances: 'instances',
};

export type FieldProblem = { readonly ok: true } | { readonly ok: false; readonly field: string; readonly message: string };

const fine: FieldProblem = Object.freeze({ ok: true });

/**
 * Checks amounts people send: every one a whole number from 0 to MAX_QUOTA_AMOUNT. With
 * `atLeastOne`, one of them must also be above zero (a quota request that asks for nothing).
 * Reports the first bad field, named as in the API.
 */
export function validateQuotaAmounts(amounts: QuotaAmounts, options: { atLeastOne?: boolean } = {}): FieldProblem {
  for (const resource of QUOTA_RESOURCES) {
    const value = amounts[resource];
    if (!Number.isSafeInteger(value) || value < 0 || value > MAX_QUOTA_AMOUNT) {
      const field = QUOTA_FIELD[resource];
      return { ok: false, field, message: `${field} must be a whole number of ${UNITS[resource]} from 0 to ${MAX_QUOTA_AMOUNT}, got ${value}.` };
    }
  }
  if (options.atLeastOne && QUOTA_RESOURCES.every((resource) => amounts[resource] === 0)) {
    return { ok: false, field: 'cpuMillicores', message: 'Ask for more of at least one resource: every amount is 0.' };
  }
  return fine;
}

/** Zero where a resource is not part of a change: `quotaOf({ cpuMillicores: 500, spaces: 1 })`. */
export function quotaOf(partial: Partial<QuotaAmounts>): QuotaAmounts {
  return mapQuota((resource) => partial[resource] ?? 0);
}

export function addQuota(left: QuotaAmounts, right: QuotaAmounts): QuotaAmounts {
  return mapQuota((resource) => left[resource] + right[resource]);
}

/** `to - from`, per resource; negative where `to` is smaller. */
export function quotaDelta(from: QuotaAmounts, to: QuotaAmounts): QuotaAmounts {
  return mapQuota((resource) => to[resource] - from[resource]);
}

export function negateQuota(amounts: QuotaAmounts): QuotaAmounts {
  return mapQuota((resource) => (amounts[resource] === 0 ? 0 : -amounts[resource]));
}

export function mapQuota(value: (resource: QuotaResource) => number): QuotaAmounts {
  return {
    cpuMillicores: value('cpuMillicores'),
    memoryMiB: value('memoryMiB'),
    storageGiB: value('storageGiB'),
    spaces: value('spaces'),
    instances: value('instances'),
  };
}

/**
 * What a tenant's allocation counts as in use: what its own spaces and instances reserved
 * plus what it handed down to its children (see docs/decisions/0006).
 */
export function quotaInUse(used: QuotaAmounts, allocatedToChildren: QuotaAmounts): QuotaAmounts {
  return addQuota(used, allocatedToChildren);
}

/** What is still free per resource; never negative, even when use exceeds a lowered limit. */
export function quotaFree(limits: QuotaAmounts, inUse: QuotaAmounts): QuotaAmounts {
  return mapQuota((resource) => Math.max(limits[resource] - inUse[resource], 0));
}

/**
 * Every resource a signed change does not fit in. Only the change counts, and only where it
 * grows: a resize up by 1 CPU needs 1 free CPU, and shrinking always fits.
 */
export function quotaShortfalls(limits: QuotaAmounts, inUse: QuotaAmounts, delta: QuotaAmounts): QuotaShortfall[] {
  const free = quotaFree(limits, inUse);
  return QUOTA_RESOURCES.filter((resource) => delta[resource] > 0 && delta[resource] > free[resource]).map((resource) => ({
    resource,
    requested: delta[resource],
    allocated: limits[resource],
    inUse: inUse[resource],
    free: free[resource],
  }));
}

/** One resource a new limit would put below what is already in use. */
export interface LimitBelowUse {
  readonly resource: QuotaResource;
  /** The argument that carried the limit (`maxSpaces` for spaces). */
  readonly field: string;
  readonly requested: number;
  readonly inUse: number;
}

/** Every resource whose new limit is below what is in use; empty when the change is allowed. */
export function limitsBelowUse(newLimits: QuotaAmounts, inUse: QuotaAmounts): LimitBelowUse[] {
  return QUOTA_RESOURCES.filter((resource) => newLimits[resource] < inUse[resource]).map((resource) => ({
    resource,
    field: QUOTA_FIELD[resource],
    requested: newLimits[resource],
    inUse: inUse[resource],
  }));
}

/** E.g. "CPU: 4 CPU in use, cannot lower it to 2 CPU; spaces: 3 spaces in use, cannot lower it to 1 space". */
export function formatLimitsBelowUse(problems: readonly LimitBelowUse[]): string {
  return problems
    .map(({ resource, requested, inUse }) => `${quotaResourceLabel(resource)}: ${formatQuotaAmount(resource, inUse)} in use, cannot lower it to ${formatQuotaAmount(resource, requested)}`)
    .join('; ');
}

/** Why a sub-allocation does not fit in the parent's free capacity, in words a person can act on. */
export function formatParentShortfalls(parentName: string, shortfalls: readonly QuotaShortfall[]): string {
  return (
    `${parentName} can only hand down what it has free. ${shortfalls.map(formatQuotaShortfall).join('; ')}. ` +
    `Hand down less, free capacity in ${parentName}, or ask for a quota increase for ${parentName}.`
  );
}

/**
 * The part of an order's change the tenant allocation carries. A space takes its whole size
 * (and one space) from the allocation; an instance runs inside its space's size, so the
 * allocation counts only the instance itself (docs/decisions/0008).
 */
export function allocationShare(target: OrderTarget, change: QuotaAmounts): QuotaAmounts {
  return target === OrderTarget.Instance ? quotaOf({ instances: change.instances }) : change;
}

/**
 * Why an instance order does not fit its space, e.g. "Space shop has no room for it. storage:
 * requested 20 GiB, 5 GiB free (50 GiB space size, 45 GiB in use). Resize the space or pick a
 * smaller plan." `allocated` of each shortfall is the space's size.
 */
export function formatSpaceShortfalls(spaceName: string, shortfalls: readonly QuotaShortfall[]): string {
  const lines = shortfalls.map(({ resource, requested, allocated, inUse, free }) => {
    const format = (amount: number) => formatQuotaAmount(resource, amount);
    return `${quotaResourceLabel(resource)}: requested ${format(requested)}, ${format(free)} free (${format(allocated)} space size, ${format(inUse)} in use by its instances)`;
  });
  return `Space ${spaceName} has no room for this. ${lines.join('; ')}. Resize the space ${spaceName} or pick a smaller plan.`;
}

/** The growing part of a signed change (reserved when an order is submitted). */
export function quotaGrowth(delta: QuotaAmounts): QuotaAmounts {
  return mapQuota((resource) => Math.max(delta[resource], 0));
}

/** The shrinking part of a signed change (given back only when the order is done). */
export function quotaShrink(delta: QuotaAmounts): QuotaAmounts {
  return mapQuota((resource) => Math.min(delta[resource], 0));
}

export function isZeroQuota(amounts: QuotaAmounts): boolean {
  return QUOTA_RESOURCES.every((resource) => amounts[resource] === 0);
}
